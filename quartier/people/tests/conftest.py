import pytest
from django_scopes import scopes_disabled

from quartier.places.models import Neighbourhood, Postcode, Quarter


@pytest.fixture
def east(db) -> Neighbourhood:
    quarter = Quarter.objects.create(slug="ost", name="Ost")
    neighbourhood = Neighbourhood.objects.create(
        slug="mitte-ost", name="Mitte-Ost", quarter=quarter
    )
    Postcode.objects.create(code="01234", neighbourhood=neighbourhood)
    return neighbourhood


@pytest.fixture
def unscoped():
    """Look behind the scopes, as a test's own assertions may."""
    with scopes_disabled():
        yield
