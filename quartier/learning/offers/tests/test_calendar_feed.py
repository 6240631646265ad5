"""The iCalendar feeds, parsed back with the icalendar library."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from quartier.learning.offers.registrations import cancel_token, register
from quartier.learning.offers.services import cancel_date

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"learning-public:{name}", kwargs=kwargs)


def events(body: bytes) -> list:
    calendar = Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    return sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("DTSTART"))


def test_the_public_feed_has_every_date_of_published_offers_in_the_language_asked(
    client, home_org, coordinator, lerneck
):
    offer = make_offer(home_org, coordinator, lerneck, dates=[at(17, 15), at(24, 15)])
    offer.room = "Raum 2"
    offer.save(update_fields=["room"])
    make_offer(home_org, coordinator, lerneck, published=False, title={"de": "Geheim"})
    first, second = offer.dates.order_by("starts_at")
    cancel_date(second, coordinator)

    response = client.get(url("offers-feed", "ru"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    one, two = events(response.content)
    assert str(one["UID"]) == f"{first.code}@quartier.learning"
    assert one.decoded("DTSTART") == datetime(2026, 6, 17, 13, 0, tzinfo=UTC)
    assert one.decoded("DTEND") == datetime(2026, 6, 17, 15, 0, tzinfo=UTC)
    assert one.decoded("DTSTAMP") == datetime(2026, 6, 15, 10, 0, tzinfo=UTC)
    assert str(one["SUMMARY"]) == "Соседский стол"
    assert str(one["LOCATION"]) == "Lerneck, Raum 2, Konradstraße 1, 04315 Leipzig"
    assert str(one["URL"]) == f"http://127.0.0.1:8000/ru/learn/offers/{offer.code}/"
    assert str(one["STATUS"]) == "CONFIRMED"
    assert str(two["STATUS"]) == "CANCELLED"
    assert str(two["UID"]) == f"{second.code}@quartier.learning"


def test_the_uid_of_a_date_stays_the_same_from_one_download_to_the_next(
    client, home_org, coordinator
):
    make_offer(home_org, coordinator)
    before = [str(e["UID"]) for e in events(client.get(url("offers-feed")).content)]
    make_offer(home_org, coordinator, dates=[at(16, 9)])
    after = [str(e["UID"]) for e in events(client.get(url("offers-feed")).content)]
    assert before[0] in after and len(after) == 2


def test_a_german_title_stands_in_for_a_missing_translation(client, home_org, coordinator):
    make_offer(home_org, coordinator, title={"de": "Gartengruppe"})
    [event] = events(client.get(url("offers-feed", "ar")).content)
    assert str(event["SUMMARY"]) == "Gartengruppe"
    assert str(event["LOCATION"]) == "https://meet.example.org/table"


def test_a_registration_has_its_own_calendar_behind_its_token(client, home_org, coordinator):
    offer = make_offer(home_org, coordinator, dates=[at(17, 15), at(24, 15)])
    anna = register(offer, None, name="Anna", email="anna@example.org")
    response = client.get(
        url("offer-registration-ics", "vi", code=anna.code, token=cancel_token(anna))
    )
    assert [str(e["SUMMARY"]) for e in events(response.content)] == ["Bàn hàng xóm"] * 2
    wrong = url("offer-registration-ics", code=anna.code, token="x" * 40)
    assert client.get(wrong).status_code == 404
