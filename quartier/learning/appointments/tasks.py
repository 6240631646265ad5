"""Appointment mails and reminders (django-tasks; enqueued on commit, taking ids).

Each mail is a subject/text/HTML trio under ``learning/emails/appointments/``,
rendered in the recipient's language: the resident's stored language, the
counsellor's account language.

Nobody has confirmed a resident's address: of what the resident typed, their mails
carry only the name (``mail_name``: short, without links), never the topic or the
note; and the first answers (``FIRST_KINDS``) go to one address at most a few times
a day (``may_mail_unconfirmed``), so that the public form cannot flood a stranger.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from quartier.learning.appointments.feed import manage_url, resident_ics
from quartier.learning.appointments.services import (
    claim_reminder,
    due_for_reminder,
    forget_past_appointments,
)
from quartier.learning.models import Appointment
from quartier.lib.mail_names import mail_name
from quartier.places.directory import current_site_pack, site_calendar
from quartier.site.public_forms import may_mail_unconfirmed

logger = logging.getLogger(__name__)

RESIDENT_KINDS = {"booked", "requested", "confirmed", "proposed", "cancelled", "reminder"}
WITH_ICS = {"booked", "confirmed", "reminder"}
# The answers to the public form, which anybody can have sent to any address.
FIRST_KINDS = {"booked", "requested"}


def _load(appointment_id: int) -> Appointment | None:
    return (
        Appointment.objects.with_scopes_disabled()
        .select_related("contact_point", "counsellor")
        .filter(pk=appointment_id)
        .first()
    )


def _send(kind: str, to: str, language: str, context: dict, ics: bool) -> None:
    zone = site_calendar(current_site_pack()).zone
    with translation.override(language), timezone.override(zone):
        appointment = context["appointment"]
        context = {
            **context,
            "kind": kind,
            "start": appointment.start.astimezone(zone) if appointment.start else None,
            "zone": zone,
            "resident_name": mail_name(appointment.name),
        }
        subject = " ".join(
            render_to_string("learning/emails/appointments/subject.txt", context).split()
        )
        text = render_to_string("learning/emails/appointments/body.txt", context)
        html = render_to_string("learning/emails/appointments/body.html", context)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
        message.attach_alternative(html, "text/html")
        message.extra_headers["Content-Language"] = language
        if ics and appointment.start is not None:
            message.attach("appointment.ics", resident_ics(appointment), "text/calendar")
        message.send()


@task()
def send_appointment_mail(appointment_id: int, kind: str) -> bool:
    """Tell the resident about their appointment (``kind`` as in ``RESIDENT_KINDS``)."""
    appointment = _load(appointment_id)
    if appointment is None or not appointment.email or kind not in RESIDENT_KINDS:
        return False
    if kind in FIRST_KINDS and not may_mail_unconfirmed(appointment.email):
        logger.warning(
            "Not sent: the %s mail of appointment %s; its address has had %d such mails today",
            kind,
            appointment.public_id,
            settings.UNCONFIRMED_MAILS_PER_DAY,
        )
        return False
    with translation.override(appointment.language):
        context = {"appointment": appointment, "manage_url": manage_url(appointment)}
    _send(kind, appointment.email, appointment.language, context, kind in WITH_ICS)
    return True


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
        appointment = _load(appointment_id)
        if appointment.email:
            with translation.override(appointment.language):
                context = {"appointment": appointment, "manage_url": manage_url(appointment)}
            _send("reminder", appointment.email, appointment.language, context, ics=True)
        counsellor = appointment.counsellor
        if counsellor is not None and counsellor.email:
            with translation.override(counsellor.language):
                path = reverse(
                    "learning:appointment-detail", kwargs={"code": appointment.public_id}
                )
            context = {"appointment": appointment, "staff_url": settings.SITE_URL + path}
            _send("reminder_counsellor", counsellor.email, counsellor.language, context, ics=False)
        sent += 1
    logger.info("Sent %d appointment reminders", sent)
    return sent


@task()
def send_reminders_task() -> int:
    """Send reminders and forget old contact details; ``send-reminders --enqueue`` queues it."""
    sent = send_reminders()
    forget_past_appointments()
    return sent
