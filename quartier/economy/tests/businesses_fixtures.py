"""Fixtures of the business tests: a quarter with postcodes, businesses made by the service."""

import pytest

from quartier.economy.businesses.register import save_business
from quartier.economy.models import Sector
from quartier.places.models import Neighbourhood, Postcode, Quarter


@pytest.fixture
def east(db) -> Neighbourhood:
    quarter = Quarter.objects.create(slug="ost", name="Ost")
    neighbourhood = Neighbourhood.objects.create(
        slug="volkmarsdorf", name="Volkmarsdorf", quarter=quarter
    )
    Postcode.objects.create(code="04315", neighbourhood=neighbourhood)
    other = Neighbourhood.objects.create(slug="anger", name="Anger-Crottendorf", quarter=quarter)
    Postcode.objects.create(code="04318", neighbourhood=other)
    return neighbourhood


@pytest.fixture
def gastronomy(db) -> Sector:
    return Sector.objects.get(slug="gastronomy")


@pytest.fixture
def make_business(personas, east):
    """A business added by the advisor through the service."""

    def make(name: str, **values):
        values.setdefault("postcode", "04315")
        values.setdefault("city", "Leipzig")
        return save_business(None, {"name": name, **values}, personas["advisor"])

    return make


def audit_entries(**filters):
    from quartier.accounts.models import AuditEntry

    return AuditEntry.objects.with_scopes_disabled().filter(**filters)
