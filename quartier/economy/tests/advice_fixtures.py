"""Fixtures of the advice part's tests (founders, funding, consultations, vacancies).

Imported by the ``test_founder*``, ``test_funding*``, ``test_consult*`` and
``test_vacanc*`` modules with ``from ... import *``; data goes through the services.
"""

from datetime import date

import pytest
import time_machine
from django_scopes import scopes_disabled

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.economy.advice.funding import load_catalogue
from quartier.economy.businesses.register import save_business
from quartier.economy.models import Sector
from quartier.esco.models import Concept, Label
from quartier.people.intake import take_in

TODAY = date(2026, 6, 15)

__all__ = [
    "TODAY",
    "bakery",
    "catalogue",
    "cook",
    "deli",
    "frozen_today",
    "other_advisor",
    "participant",
    "sewing",
]


@pytest.fixture(autouse=True)
def frozen_today():
    """Every advice test runs on Monday 15 June 2026, midday in Leipzig.

    Outside requests the tests read across organisations; each request is scoped
    by the middleware all the same (its ``scope()`` turns scoping back on).
    """
    with time_machine.travel("2026-06-15 12:00 +0200", tick=False), scopes_disabled():
        yield


@pytest.fixture
def other_advisor(other_org):
    return make_user("advisor@elsewhere.example.org", Role.BUSINESS_ADVISOR, other_org)


@pytest.fixture
def bakery(personas, business_org):
    """The employer persona's own business."""
    return save_business(
        None,
        {
            "name": "Bäckerei am Platz",
            "organisation": business_org,
            "sector": Sector.objects.get(slug="crafts"),
            "street": "Eisenbahnstraße",
            "house_number": "12",
        },
        personas["advisor"],
    )


@pytest.fixture
def deli(personas):
    """Another business, not the employer's."""
    return save_business(
        None,
        {
            "name": "Feinkost Saigon",
            "sector": Sector.objects.get(slug="retail"),
            "languages": ["vi"],
        },
        personas["advisor"],
    )


@pytest.fixture
def catalogue(db):
    load_catalogue()


@pytest.fixture
def participant(home_org, project, personas):
    return take_in(
        home_org,
        project,
        personas["counsellor"],
        date(2026, 3, 2),
        given_name="Olena",
        family_name="Kovalenko",
        preferred_language="uk",
        languages=["uk", "ru", "de"],
    )


def _concept(uri: str, kind: str, de: str, en: str) -> Concept:
    concept = Concept.objects.create(uri=uri, kind=kind)
    Label.objects.create(concept=concept, language="de", kind=Label.Kind.PREFERRED, text=de)
    Label.objects.create(concept=concept, language="en", kind=Label.Kind.PREFERRED, text=en)
    return concept


@pytest.fixture
def cook(db) -> Concept:
    return _concept("http://example.org/occupation/cook", "occupation", "Koch/Köchin", "cook")


@pytest.fixture
def sewing(db) -> Concept:
    return _concept("http://example.org/skill/sewing", "skill", "nähen", "sew")
