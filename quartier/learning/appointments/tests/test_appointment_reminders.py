"""Reminders a day before: to the resident and the counsellor, each appointment only once."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from quartier.learning.appointments import tasks
from quartier.learning.appointments.services import confirm_appointment, request_individual
from quartier.learning.models import Appointment

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)
TUESDAY_NOON = datetime(2025, 10, 28, 11, 0, tzinfo=UTC)


@pytest.fixture
def tomorrow(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    counsellor.language = "uk"
    counsellor.save(update_fields=["language"])
    confirmed = confirm_appointment(book(lernort, WEDNESDAY_10, language="vi"), counsellor)
    book(lernort, WEDNESDAY_10.replace(hour=10), name="Not Confirmed")
    mail.outbox.clear()
    return confirmed


def test_reminders_go_to_the_resident_and_the_counsellor_once(tomorrow, counsellor):
    with time_machine.travel(TUESDAY_NOON, tick=False):
        call_command("send-reminders", verbosity=0)
        call_command("send-reminders", verbosity=0)
    assert sorted((m.to[0], m.extra_headers["Content-Language"]) for m in mail.outbox) == [
        ("amal@example.org", "vi"),
        (counsellor.email, "uk"),
    ]
    resident_mail = next(m for m in mail.outbox if m.to == ["amal@example.org"])
    assert f"/vi/learn/appointments/mine/{tomorrow.token}/" in resident_mail.body
    assert len(resident_mail.attachments) == 1
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_at == TUESDAY_NOON


def test_no_reminder_more_than_a_day_ahead(tomorrow):
    with time_machine.travel(datetime(2025, 10, 28, 8, 0, tzinfo=UTC), tick=False):
        call_command("send-reminders", verbosity=0)
    assert mail.outbox == []


def test_the_command_can_queue_the_task(tomorrow, django_capture_on_commit_callbacks):
    with (
        time_machine.travel(TUESDAY_NOON, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send-reminders", "--enqueue", verbosity=0)
    assert len(mail.outbox) == 2


def test_contact_details_of_long_past_appointments_are_forgotten(tomorrow, lernort):
    request = request_individual(
        lernort, name="Open Request", phone="1", preferred_times="mornings"
    )
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        call_command("send-reminders", verbosity=0)
        call_command("send-reminders", verbosity=0)
    tomorrow.refresh_from_db()
    assert (tomorrow.name, tomorrow.email, tomorrow.phone) == ("Anonymised", "", "")
    assert tomorrow.start == WEDNESDAY_10
    request.refresh_from_db()
    assert request.name == "Open Request"  # still waiting for an answer


def test_an_appointment_deleted_after_its_reminder_was_claimed_is_skipped(tomorrow, monkeypatch):
    """Deleted between the claim and the read (another process): nothing is sent, no crash."""
    claim = tasks.claim_reminder

    def claim_then_delete(appointment_id, now):
        claimed = claim(appointment_id, now)
        Appointment.objects.with_scopes_disabled().filter(pk=appointment_id).delete()
        return claimed

    monkeypatch.setattr(tasks, "claim_reminder", claim_then_delete)
    assert tasks.send_reminders(TUESDAY_NOON) == 0
    assert mail.outbox == []
