"""Fixtures and helpers of the offers' tests; test modules import what they use."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from quartier.learning.offers.services import add_date, create_offer
from quartier.people.intake import take_in
from quartier.places.models import ContactPoint, Neighbourhood, Postcode, Quarter

# The fixtures, for ``from .fixtures import *``; helpers are imported by name.
__all__ = ["coordinator", "frozen_now", "lerneck"]

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=BERLIN)


@pytest.fixture
def frozen_now():
    """Monday 15 June 2026, midday in Leipzig."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def coordinator(personas):
    return personas["coordinator"]


@pytest.fixture
def lerneck(home_org) -> ContactPoint:
    quarter = Quarter.objects.create(slug="osten", name="Osten")
    neighbourhood = Neighbourhood.objects.create(
        slug="volkmarsdorf", name="Volkmarsdorf", quarter=quarter
    )
    Postcode.objects.create(code="04315", neighbourhood=neighbourhood)
    return ContactPoint.objects.create(
        slug="lerneck",
        name="Lerneck",
        organisation=home_org,
        street="Konradstraße 1",
        postcode="04315",
        city="Leipzig",
        languages=["de", "ar"],
    )


def at(day: int, hour: int, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=BERLIN)


def make_offer(
    organisation,
    by,
    place=None,
    *,
    capacity: int | None = 3,
    kind: str = "table",
    title: dict | None = None,
    dates: list[datetime] | None = None,
    published: bool = True,
    **fields,
):
    """An offer with dates (default: one on Wednesday 17 June, 15–17 h)."""
    offer = create_offer(
        organisation,
        by,
        kind=kind,
        title=title or {"de": "Nachbarschaftstisch", "vi": "Bàn hàng xóm", "ru": "Соседский стол"},
        description=fields.pop("description", {"de": "Kochen und reden."}),
        audience=fields.pop("audience", "everyone"),
        contact_point=place,
        online_url=fields.pop("online_url", "" if place else "https://meet.example.org/table"),
        capacity=capacity,
        languages=fields.pop("languages", ["de", "vi"]),
        published=published,
        **fields,
    )
    for start in dates if dates is not None else [at(17, 15)]:
        add_date(offer, by, start, start + timedelta(hours=2))
    return offer


def person(organisation, project, by, given: str, family: str, language: str = "de", **fields):
    return take_in(
        organisation,
        project,
        by,
        date(2026, 3, 2),
        given_name=given,
        family_name=family,
        preferred_language=language,
        **fields,
    )


def english(path_maker, *args, **kwargs) -> str:
    with translation.override("en"):
        return path_maker(*args, **kwargs)
