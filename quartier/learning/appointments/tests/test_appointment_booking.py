"""A resident books on the public site without an account; links to cancel and answer."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from icalendar import Calendar

from quartier.accounts.models import AuditEntry
from quartier.learning.appointments.services import AppointmentError
from quartier.learning.models import Appointment, AppointmentStatus

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)  # Wed 29 Oct 2025, 10:00 CET


@pytest.fixture
def open_lernort(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    return lernort


def booking_url(point, start) -> str:
    return f"/en/learn/appointments/at/{point.slug}/book/?at={int(start.timestamp())}"


def unscoped(**filters):
    return Appointment.objects.with_scopes_disabled().filter(**filters)


def test_the_slot_page_lists_free_times_with_links_to_book(client, open_lernort):
    response = client.get("/en/learn/appointments/at/lernort/")
    assert response.status_code == 200
    assert booking_url(open_lernort, WEDNESDAY_10).split("/en")[1] in response.text
    assert "Wednesday, 29 October 2025" in response.text


def test_a_resident_books_a_slot_and_gets_a_mail_with_ics_and_cancel_link(
    client, open_lernort, counsellor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            booking_url(open_lernort, WEDNESDAY_10).replace("/en/", "/ru/"),
            {"name": "Olga Iwanowa", "email": "olga@example.org", "topic": "Bewerbung"},
        )
    appointment = unscoped().get()
    assert response.status_code == 302
    assert response["Location"] == f"/ru/learn/appointments/mine/{appointment.token}/"
    assert appointment.start == WEDNESDAY_10
    assert appointment.counsellor == counsellor
    assert appointment.status == AppointmentStatus.REQUESTED
    assert appointment.language == "ru"
    assert appointment.organisation == open_lernort.organisation
    [message] = mail.outbox
    assert message.to == ["olga@example.org"]
    assert message.extra_headers["Content-Language"] == "ru"
    assert f"/ru/learn/appointments/mine/{appointment.token}/" in message.body
    [(filename, ics, mimetype)] = message.attachments
    assert (filename, mimetype) == ("appointment.ics", "text/calendar")
    [event] = Calendar.from_ical(ics).walk("VEVENT")
    assert event.decoded("dtstart") == WEDNESDAY_10
    assert str(event["status"]) == "TENTATIVE"
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="learning.appointment.booked")
    assert "Olga" not in str(entry.data)


def test_the_same_slot_cannot_be_booked_twice(open_lernort):
    book(open_lernort, WEDNESDAY_10)
    with pytest.raises(AppointmentError, match="just taken"):
        book(open_lernort, WEDNESDAY_10, name="Second Person")
    assert unscoped().count() == 1


def test_booking_a_taken_slot_on_the_page_says_so(client, open_lernort):
    url = booking_url(open_lernort, WEDNESDAY_10)
    book(open_lernort, WEDNESDAY_10)
    response = client.post(url, {"name": "Late", "email": "late@example.org"}, follow=True)
    assert "This time was just taken. Please choose another one." in response.text
    assert unscoped().count() == 1


def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, open_lernort):
    response = client.post(booking_url(open_lernort, WEDNESDAY_10), {"name": "Nur Name"})
    assert response.status_code == 200
    assert "Please enter an e-mail address or a phone number." in response.text
    assert not unscoped().exists()
    response = client.post(
        booking_url(open_lernort, WEDNESDAY_10), {"name": "", "email": "kein-at"}
    )
    assert "Enter a valid email address." in response.text
    assert not unscoped().exists()


def test_a_time_that_is_no_slot_cannot_be_booked(client, open_lernort):
    closed = datetime(2025, 10, 31, 9, 0, tzinfo=UTC)  # Reformation Day
    response = client.get(booking_url(open_lernort, closed))
    assert response.status_code == 302
    assert response["Location"] == "/en/learn/appointments/at/lernort/"
    response = client.get("/en/learn/appointments/at/lernort/book/?at=soon")
    assert response.status_code == 302


def test_the_resident_cancels_through_the_link(
    client, open_lernort, django_capture_on_commit_callbacks
):
    appointment = book(open_lernort, WEDNESDAY_10, language="ar")
    mail.outbox.clear()
    page = client.get(f"/ar/learn/appointments/mine/{appointment.token}/")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ar/learn/appointments/mine/{appointment.token}/cancel/")
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "ar"
    # The slot is free again.
    book(open_lernort, WEDNESDAY_10, name="Next Person")


def test_an_unknown_token_is_not_found(client, open_lernort):
    book(open_lernort, WEDNESDAY_10)
    assert client.get("/en/learn/appointments/mine/not-a-token/").status_code == 404
    assert client.post("/en/learn/appointments/mine/not-a-token/cancel/").status_code == 404


def test_a_request_outside_the_slots_keeps_the_preferred_times(client, open_lernort):
    response = client.post(
        "/vi/learn/appointments/at/lernort/request/",
        {"name": "Lan Nguyen", "phone": "0341 123", "preferred_times": "Montags ab 16 Uhr"},
    )
    appointment = unscoped().get()
    assert response.status_code == 302
    assert appointment.outside_hours
    assert appointment.start is None
    assert appointment.preferred_times == "Montags ab 16 Uhr"
    assert appointment.language == "vi"
    assert mail.outbox == []  # no e-mail address given


def test_the_start_page_lists_the_places(client, open_lernort, other_point):
    response = client.get("/en/learn/appointments/")
    assert response.status_code == 200
    assert "Lernort am Markt" in response.text
    assert "Büro West" in response.text


def test_the_slot_page_has_a_constant_number_of_queries(
    client, open_lernort, django_assert_num_queries
):
    for minute in (0, 30):
        book(open_lernort, WEDNESDAY_10.replace(minute=minute), name=f"P {minute}")
    # 1 contact point, 2 its opening hours, 3 site pack, 4 availability, 5 active bookings
    with django_assert_num_queries(5):
        response = client.get("/en/learn/appointments/at/lernort/")
    assert response.status_code == 200


def test_the_residents_link_is_derived_and_a_forged_one_finds_nothing(client, open_lernort):
    appointment = book(open_lernort, WEDNESDAY_10)
    # Nothing that grants access is stored: the link is an HMAC of the public id.
    assert "token" not in {field.name for field in Appointment._meta.get_fields()}
    assert appointment.token.startswith(appointment.public_id.hex + "-")
    assert client.get(f"/en/learn/appointments/mine/{appointment.token}/").status_code == 200
    forged = appointment.public_id.hex + "-" + "0" * 32
    assert client.get(f"/en/learn/appointments/mine/{forged}/").status_code == 404
    assert client.get("/en/learn/appointments/mine/nonsense/").status_code == 404


def test_the_residents_link_expires_two_months_after_the_appointment(client, open_lernort):
    import time_machine

    appointment = book(open_lernort, WEDNESDAY_10)
    url = f"/en/learn/appointments/mine/{appointment.token}/"
    with time_machine.travel("2025-12-27 12:00 +0100", tick=False):  # 59 days after
        assert client.get(url).status_code == 200
    with time_machine.travel("2025-12-29 12:00 +0100", tick=False):  # 61 days after
        assert client.get(url).status_code == 404
