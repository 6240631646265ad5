"""The public appointment forms resist abuse: limits, the honeypot, what the mail carries.

Every request comes through the test client from an address of its own unless the
test is about one address; the clock stands still (``frozen``), so the counting
windows do not turn over during a test.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from quartier.learning.appointments.services import confirm_appointment
from quartier.learning.models import Appointment
from quartier.lib.public_forms import may_mail_unconfirmed

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)  # Wed 29 Oct 2025, 10:00 CET
TOO_MANY = "Too many attempts. Please wait a little and try again."
CHECK_ENTRIES = "Please check your entries and send the form again."


@pytest.fixture
def open_lernort(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    return lernort


BOOK = f"/en/learn/appointments/at/lernort/book/?at={int(WEDNESDAY_10.timestamp())}"
REQUEST = "/en/learn/appointments/at/lernort/request/"
FORMS = {
    "book": (BOOK, {"name": "Olga Iwanowa", "email": "olga@example.org"}),
    "request": (
        REQUEST,
        {"name": "Olga Iwanowa", "email": "olga@example.org", "preferred_times": "Mondays"},
    ),
}


def appointments() -> int:
    return Appointment.objects.with_scopes_disabled().count()


def post(client, url: str, data: dict, address: str, capture):
    with capture(execute=True):
        return client.post(url, data, REMOTE_ADDR=address)


@pytest.mark.parametrize("form", FORMS)
def test_one_address_gets_the_form_back_after_too_many_attempts(
    client, open_lernort, settings, form, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_PER_IP = "2/m"
    url, valid = FORMS[form]
    for number in range(2):  # attempts count, valid or not
        response = post(
            client,
            url,
            {"email": f"x{number}@example.org"},
            "10.0.0.1",
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 200

    response = post(client, url, valid, "10.0.0.1", django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert TOO_MANY in response.text
    assert 'value="Olga Iwanowa"' in response.text  # what was typed is shown again
    assert appointments() == 0
    assert mail.outbox == []
    # Another address may go on.
    response = post(client, url, valid, "10.0.0.2", django_capture_on_commit_callbacks)
    assert response.status_code == 302


@pytest.mark.parametrize("form", FORMS)
def test_one_email_address_gets_the_form_back_after_too_many_attempts_from_anywhere(
    client, open_lernort, settings, form, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_PER_EMAIL = "2/h"
    url, valid = FORMS[form]
    for number, typed in enumerate(["Olga@Example.org", " olga@example.org "]):
        response = post(
            client, url, {"email": typed}, f"10.0.0.{number}", django_capture_on_commit_callbacks
        )
        assert response.status_code == 200

    response = post(client, url, valid, "10.0.0.9", django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert TOO_MANY in response.text
    assert appointments() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("form", FORMS)
def test_a_filled_honeypot_is_refused_like_a_mistake(
    client, open_lernort, form, django_capture_on_commit_callbacks
):
    url, valid = FORMS[form]
    page = client.get(url).text
    assert '<div class="visually-hidden" aria-hidden="true"><label for="id_website">' in page

    response = post(
        client,
        url,
        valid | {"website": "http://spam.example"},
        "10.0.0.1",
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert CHECK_ENTRIES in response.text
    assert "spam.example" not in response.text
    assert appointments() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("form", FORMS)
def test_the_mail_greets_with_the_name_only_cut_and_without_links(
    client, open_lernort, form, django_capture_on_commit_callbacks
):
    url, valid = FORMS[form]
    name = "Olga https://spam.example/gewinn " + "Iwanowa-" * 20
    typed = valid | {
        "name": name,
        "topic": "Cheap pills at pills.example",
        "note": "Call +49 30 123 now, visit www.pills.example",
    }

    response = post(client, url, typed, "10.0.0.1", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert Appointment.objects.with_scopes_disabled().get().name == name  # kept as typed
    [message] = mail.outbox
    greeting = "Olga " + ("Iwanowa-" * 20)[:55]
    html = message.alternatives[0][0]
    assert f"Hello {greeting}," in message.body
    assert f"Hello {greeting}," in html
    for text in (message.body, html, message.subject):
        assert "spam" not in text
        assert "pills" not in text
        assert "+49 30 123" not in text


def test_an_address_gets_three_answers_a_day_and_the_fourth_is_skipped(
    client, open_lernort, frozen, caplog, django_capture_on_commit_callbacks
):
    url, valid = FORMS["request"]
    for number in range(4):
        response = post(client, url, valid, f"10.0.0.{number}", django_capture_on_commit_callbacks)
        assert response.status_code == 302

    assert appointments() == 4  # the requests are taken; only the mail is not sent
    assert len(mail.outbox) == 3
    assert "Not sent: the requested mail of appointment" in caplog.text
    assert "olga@example.org" not in caplog.text

    frozen.shift(timedelta(days=1))
    post(client, url, valid, "10.0.0.9", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 4


def test_only_the_first_answer_is_capped_not_what_the_counsellor_sends_later(
    open_lernort, counsellor, django_capture_on_commit_callbacks
):
    for _ in range(3):
        may_mail_unconfirmed("olga@example.org")  # today's first answers are used up
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(open_lernort, WEDNESDAY_10, email="olga@example.org", language="en")
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        confirm_appointment(appointment, counsellor)

    [message] = mail.outbox
    assert message.to == ["olga@example.org"]
    assert "is confirmed" in message.subject


@pytest.mark.parametrize("action", ["cancel", "answer"])
def test_the_residents_links_get_the_page_back_after_too_many_attempts(
    client, open_lernort, settings, action, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_PER_IP = "1/m"
    appointment = book(open_lernort, WEDNESDAY_10)
    url = f"/en/learn/appointments/mine/{appointment.token}/{action}/"
    client.post(url, {"answer": "maybe"}, REMOTE_ADDR="10.0.0.1")
    mail.outbox.clear()

    response = post(
        client, url, {"answer": "accept"}, "10.0.0.1", django_capture_on_commit_callbacks
    )

    assert response.status_code == 429
    assert TOO_MANY in response.text
    assert mail.outbox == []


API = "/api/v1/learning/appointments"
API_BOOKING = {
    "contact_point": "lernort",
    "start": "2025-10-29T10:00:00+01:00",
    "name": "Olga Iwanowa",
    "email": "olga@example.org",
    "language": "ar",
}


def book_over_api(client, body, address: str, capture):
    with capture(execute=True):
        return client.post(API, body, content_type="application/json", REMOTE_ADDR=address)


def test_booking_over_the_api_counts_against_the_booking_page_limits(
    client, open_lernort, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_PER_IP = "2/m"
    capture = django_capture_on_commit_callbacks
    # The page and the API share the counters; attempts count, valid or not.
    assert post(client, BOOK, {"email": "x@example.org"}, "10.0.0.1", capture).status_code == 200
    assert book_over_api(client, {"name": ""}, "10.0.0.1", capture).status_code == 422

    response = book_over_api(client, API_BOOKING, "10.0.0.1", capture)

    assert response.status_code == 429
    # In the booking's language, as the API's other refusals of a booking.
    assert response.json() == {
        "detail": "محاولات كثيرة جدًا. يرجى الانتظار قليلًا ثم المحاولة مرة أخرى."
    }
    assert appointments() == 0
    assert mail.outbox == []
    # Another address may go on.
    assert book_over_api(client, API_BOOKING, "10.0.0.2", capture).status_code == 201


def test_one_email_address_books_over_the_api_only_so_often_from_anywhere(
    client, open_lernort, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_PER_EMAIL = "2/h"
    capture = django_capture_on_commit_callbacks
    for number, typed in enumerate(["Olga@Example.org", " olga@example.org "]):
        body = {"email": typed, "language": "xx"}
        assert book_over_api(client, body, f"10.0.0.{number}", capture).status_code == 422

    response = book_over_api(client, {**API_BOOKING, "language": "xx"}, "10.0.0.9", capture)

    assert response.status_code == 429
    # An unknown language: German, the site's default.
    assert response.json()["detail"].startswith("Zu viele Versuche.")
    assert appointments() == 0
    assert mail.outbox == []
