"""Appointment reminders (django-tasks), run hourly by ``send-reminders``.

The reminders use the mails of ``services`` (``send_in_language``): the resident's in
their stored language, the counsellor's in their account language. The mail each
booking or change sends is ``services.send_appointment_mail``, beside the services
that enqueue it.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from quartier.learning.appointments.feed import manage_url
from quartier.learning.appointments.services import (
    claim_reminder,
    due_for_reminder,
    forget_past_appointments,
    load_for_mail,
    send_in_language,
)

logger = logging.getLogger(__name__)


def send_reminders(now: datetime | None = None) -> int:
    """Remind residents and counsellors of tomorrow's appointments; each one only once.

    Each reminder is claimed by a conditional update of ``reminded_at`` before the
    mails go out, so parallel or repeated runs never send it twice.
    """
    now = now or timezone.now()
    sent = 0
    for appointment_id in due_for_reminder(now):
        if not claim_reminder(appointment_id, now):
            continue
        appointment = load_for_mail(appointment_id)
        if appointment is None:
            continue  # deleted after its reminder was claimed
        if appointment.email:
            with translation.override(appointment.language):
                context = {"appointment": appointment, "manage_url": manage_url(appointment)}
            send_in_language("reminder", appointment.email, appointment.language, context, ics=True)
        counsellor = appointment.counsellor
        if counsellor is not None and counsellor.email:
            with translation.override(counsellor.language):
                path = reverse(
                    "learning:appointment-detail", kwargs={"code": appointment.public_id}
                )
            context = {"appointment": appointment, "staff_url": settings.SITE_URL + path}
            send_in_language(
                "reminder_counsellor", counsellor.email, counsellor.language, context, ics=False
            )
        sent += 1
    logger.info("Sent %d appointment reminders", sent)
    return sent


@task()
def send_reminders_task() -> int:
    """Send reminders and forget old contact details; ``send-reminders --enqueue`` queues it."""
    sent = send_reminders()
    forget_past_appointments()
    return sent
