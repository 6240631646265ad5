"""The counsellor's secret calendar feed: RFC 5545, confirmed appointments, little personal data."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from quartier.learning.appointments.feed import rotate_feed_token
from quartier.learning.appointments.services import confirm_appointment
from quartier.learning.models import FeedToken

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def confirmed(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    appointment = book(
        lernort, WEDNESDAY_10, name="Karim Abdel Haddad", topic="Bewerbung", phone="0341 1"
    )
    book(lernort, WEDNESDAY_10.replace(hour=10), name="Still Requested")
    return confirm_appointment(appointment, counsellor)


def feed_path(raw: str) -> str:
    return f"/en/learn/feeds/appointments/{raw}.ics"


def test_the_feed_lists_confirmed_appointments_without_contact_details(
    client, confirmed, counsellor
):
    raw = rotate_feed_token(counsellor)
    response = client.get(feed_path(raw))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == WEDNESDAY_10
    assert event.decoded("dtend") == WEDNESDAY_10.replace(minute=30)
    assert str(event["summary"]) == "Appointment: Karim H. – Bewerbung"
    assert str(event["uid"]) == f"{confirmed.public_id}@quartier"
    assert "Lernort am Markt" in str(event["location"])
    text = response.content.decode()
    assert "Abdel" not in text
    assert "0341" not in text
    assert "Still Requested" not in text


def test_the_token_is_stored_only_as_a_hash(counsellor, confirmed):
    raw = rotate_feed_token(counsellor)
    token = FeedToken.objects.get(user=counsellor)
    assert raw not in (token.digest, token.hint)
    assert raw.startswith(token.hint)


def test_a_wrong_or_rotated_token_is_not_found(client, confirmed, counsellor):
    old = rotate_feed_token(counsellor)
    new = rotate_feed_token(counsellor)
    assert client.get(feed_path(old)).status_code == 404
    assert client.get(feed_path("qf_wrong")).status_code == 404
    assert client.get(feed_path(new)).status_code == 200


def test_the_feed_page_shows_the_address_once_and_can_switch_it_off(client, counsellor, frozen):
    client.force_login(counsellor)
    response = client.post("/en/staff/learning/calendar-feed/", {"action": "rotate"})
    assert response.status_code == 200
    url = response.context["url"]
    assert "/en/learn/feeds/appointments/qf_" in url
    assert url not in client.get("/en/staff/learning/calendar-feed/").text
    client.post("/en/staff/learning/calendar-feed/", {"action": "revoke"})
    assert not FeedToken.objects.filter(user=counsellor).exists()
    client.logout()
    assert client.get(url.split("8000", 1)[-1]).status_code == 404
