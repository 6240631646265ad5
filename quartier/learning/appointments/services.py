"""Booking, confirming, proposing, cancelling and closing appointments.

Every write validates, runs in one transaction, writes an audit entry (references
only, never the resident's name) and returns the appointment; mails go out through
the task queue once the transaction has committed (``send_appointment_mail``).

A slot is never booked twice. Two protections, each enough on its own:

1. ``_lock_counsellors`` locks the candidate counsellors' user rows
   (``SELECT … FOR UPDATE``, in id order so two bookings cannot deadlock) and the
   free counsellors are read again under the lock; a second booking of the same
   time waits for the first and then sees it.
2. The partial unique constraint ``appointment_one_active_per_counsellor``; an
   ``IntegrityError`` from it becomes the message "This time was just taken".

Each mail is a subject/text/HTML trio under ``learning/emails/appointments/``,
rendered in the recipient's language: the resident's stored language, the
counsellor's account language. Nobody has confirmed a resident's address: of what
the resident typed, their mails carry only the name (``mail_name``: short, without
links), never the topic or the note; and the first answers (``FIRST_KINDS``) go to
one address at most a few times a day (``may_mail_unconfirmed``), so that the public
form cannot flood a stranger.
"""

import logging
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from quartier.accounts.audit import log_action
from quartier.accounts.models import Membership, User
from quartier.learning.appointments import slots
from quartier.learning.appointments.access import APPOINTMENT_ROLES, APPOINTMENT_STAFF
from quartier.learning.appointments.feed import manage_url, resident_ics, revoke_feed_token
from quartier.learning.models import ACTIVE_STATUSES, Appointment, AppointmentStatus, Availability
from quartier.lib.mail_names import mail_name
from quartier.lib.public_forms import may_mail_unconfirmed
from quartier.places.directory import current_site_pack, site_calendar
from quartier.places.models import ContactPoint

logger = logging.getLogger(__name__)

# Switched off only by the concurrency test's control, to show the race is real.
LOCK_COUNSELLORS = True

TAKEN = _("This time was just taken. Please choose another one.")


class AppointmentError(ValueError):
    """A booking or change that cannot be made; the message is for the user."""


def language_codes() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def _clean_contact(name: str, email: str, phone: str, language: str) -> tuple[str, str, str]:
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if not name:
        raise AppointmentError(_("Please enter your name."))
    if not email and not phone:
        raise AppointmentError(_("Please enter an e-mail address or a phone number."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise AppointmentError(_("Please enter a valid e-mail address.")) from None
    if language not in language_codes():
        raise AppointmentError(_("Please choose one of the offered languages."))
    return name, email, phone


def _lock_counsellors(ids: list[int]) -> None:
    if LOCK_COUNSELLORS and ids:
        list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def _overlapping(counsellor_id: int, start: datetime, end: datetime, exclude=None) -> bool:
    rows = Appointment.objects.with_scopes_disabled().filter(
        counsellor_id=counsellor_id, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.exists()


# -- Mails (django-tasks; enqueued on commit, taking ids) -------------------------

RESIDENT_KINDS = {"booked", "requested", "confirmed", "proposed", "cancelled", "reminder"}
WITH_ICS = {"booked", "confirmed", "reminder"}
# The answers to the public form, which anybody can have sent to any address.
FIRST_KINDS = {"booked", "requested"}


def load_for_mail(appointment_id: int) -> Appointment | None:
    """The appointment with its contact point and counsellor (scopes off: tasks have no
    request). One query."""
    return (
        Appointment.objects.with_scopes_disabled()
        .select_related("contact_point", "counsellor")
        .filter(pk=appointment_id)
        .first()
    )


def send_in_language(kind: str, to: str, language: str, context: dict, ics: bool) -> None:
    """Render the subject/text/HTML trio in ``language`` and the site's zone, and send it."""
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
    appointment = load_for_mail(appointment_id)
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
    send_in_language(kind, appointment.email, appointment.language, context, kind in WITH_ICS)
    return True


def _enqueue_mail(appointment: Appointment, kind: str) -> None:
    if appointment.email:
        transaction.on_commit(lambda: send_appointment_mail.enqueue(appointment.pk, kind))


def book_appointment(
    point: ContactPoint,
    start: datetime,
    *,
    name: str,
    email: str = "",
    phone: str = "",
    language: str = "de",
    topic: str = "",
    note: str = "",
    participant=None,
    actor=None,
    now: datetime | None = None,
) -> Appointment:
    """Book the free slot at ``start`` for a resident; assigns a free counsellor.

    Raises ``AppointmentError`` (nothing saved) when the slot is not free, was just
    taken by someone else, or the contact details are incomplete.
    """
    name, email, phone = _clean_contact(name, email, phone, language)
    if point.organisation_id is None:
        raise AppointmentError(_("This place does not take appointments."))
    with transaction.atomic():
        slot = slots.find_slot(point, start, now=now)
        if slot is None:
            raise AppointmentError(TAKEN)
        _lock_counsellors(slot.counsellor_ids)
        if LOCK_COUNSELLORS:
            free = [c for c in slot.counsellor_ids if not _overlapping(c, slot.start, slot.end)]
        else:
            free = slot.counsellor_ids
        if not free:
            raise AppointmentError(TAKEN)
        try:
            with transaction.atomic():
                appointment = Appointment.objects.with_scopes_disabled().create(
                    organisation_id=point.organisation_id,
                    contact_point=point,
                    start=slot.start.astimezone(UTC),
                    end=slot.end.astimezone(UTC),
                    counsellor_id=free[0],
                    name=name,
                    email=email,
                    phone=phone,
                    language=language,
                    topic=topic.strip(),
                    note=note.strip(),
                    participant=participant,
                )
        except IntegrityError:
            raise AppointmentError(TAKEN) from None
        log_action(
            "learning.appointment.booked",
            actor=actor,
            subject=appointment,
            data={"contact_point": point.slug, "start": slot.start.isoformat()},
        )
        _enqueue_mail(appointment, "booked")
    return appointment


def request_individual(
    point: ContactPoint,
    *,
    name: str,
    preferred_times: str,
    email: str = "",
    phone: str = "",
    language: str = "de",
    topic: str = "",
    note: str = "",
    actor=None,
) -> Appointment:
    """A request for an appointment outside the bookable slots, with preferred times."""
    name, email, phone = _clean_contact(name, email, phone, language)
    if not preferred_times.strip():
        raise AppointmentError(_("Please tell us which days and times suit you."))
    if point.organisation_id is None:
        raise AppointmentError(_("This place does not take appointments."))
    with transaction.atomic():
        appointment = Appointment.objects.with_scopes_disabled().create(
            organisation_id=point.organisation_id,
            contact_point=point,
            outside_hours=True,
            preferred_times=preferred_times.strip(),
            name=name,
            email=email,
            phone=phone,
            language=language,
            topic=topic.strip(),
            note=note.strip(),
        )
        log_action(
            "learning.appointment.requested",
            actor=actor,
            subject=appointment,
            data={"contact_point": point.slug},
        )
        _enqueue_mail(appointment, "requested")
    return appointment


def counsellors_for(point: ContactPoint) -> list[User]:
    """Users who may take appointments at the place. One query."""
    if point.organisation_id is None:
        return []  # a place of no organisation has no one to take appointments
    ids = Membership.objects.filter(
        organisation_id=point.organisation_id, role__in=APPOINTMENT_ROLES
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("email"))


def may_work_on(user, appointment: Appointment) -> bool:
    return appointment.organisation_id in APPOINTMENT_STAFF.organisations(user)


def _audit(code: str, appointment: Appointment, by, **data) -> None:
    log_action(code, actor=by, subject=appointment, data=data)


def confirm_appointment(appointment: Appointment, by) -> Appointment:
    if appointment.status != AppointmentStatus.REQUESTED or appointment.start is None:
        raise AppointmentError(_("Only a requested appointment with a time can be confirmed."))
    with transaction.atomic():
        appointment.status = AppointmentStatus.CONFIRMED
        appointment.save(update_fields=["status"])
        _audit("learning.appointment.confirmed", appointment, by)
        _enqueue_mail(appointment, "confirmed")
    return appointment


def propose_time(
    appointment: Appointment, by, start: datetime, counsellor: User | None = None
) -> Appointment:
    """Offer the resident another time (or a time for an individual request).

    The time is held for the resident until they accept or decline it.
    """
    if not appointment.is_active:
        raise AppointmentError(_("This appointment is no longer open."))
    if timezone.is_naive(start):
        raise AppointmentError(_("Please enter a date and time."))
    if start <= timezone.now():
        raise AppointmentError(_("Please propose a time in the future."))
    counsellor = counsellor or appointment.counsellor or by
    if counsellor.pk not in {u.pk for u in counsellors_for(appointment.contact_point)}:
        raise AppointmentError(_("This person does not take appointments at this place."))
    start = start.astimezone(UTC)
    end = start + slots.slot_length()
    with transaction.atomic():
        _lock_counsellors([counsellor.pk])
        if LOCK_COUNSELLORS and _overlapping(counsellor.pk, start, end, exclude=appointment):
            raise AppointmentError(_("The counsellor already has an appointment at that time."))
        appointment.start, appointment.end = start, end
        appointment.counsellor = counsellor
        appointment.status = AppointmentStatus.PROPOSED
        try:
            with transaction.atomic():
                appointment.save(update_fields=["start", "end", "counsellor", "status"])
        except IntegrityError:
            raise AppointmentError(
                _("The counsellor already has an appointment at that time.")
            ) from None
        _audit("learning.appointment.proposed", appointment, by, start=start.isoformat())
        _enqueue_mail(appointment, "proposed")
    return appointment


def respond_to_proposal(appointment: Appointment, accept: bool) -> Appointment:
    """The resident accepts (confirmed) or declines (cancelled) a proposed time."""
    if appointment.status != AppointmentStatus.PROPOSED:
        raise AppointmentError(_("There is no proposed time to answer."))
    with transaction.atomic():
        appointment.status = AppointmentStatus.CONFIRMED if accept else AppointmentStatus.CANCELLED
        appointment.save(update_fields=["status"])
        _audit(
            "learning.appointment.accepted" if accept else "learning.appointment.declined",
            appointment,
            None,
        )
        _enqueue_mail(appointment, "confirmed" if accept else "cancelled")
    return appointment


def cancel_appointment(appointment: Appointment, by=None) -> Appointment:
    """Cancel, by staff (``by``) or by the resident through their link (``by`` None)."""
    if not appointment.is_active:
        raise AppointmentError(_("This appointment is no longer open."))
    with transaction.atomic():
        appointment.status = AppointmentStatus.CANCELLED
        appointment.save(update_fields=["status"])
        _audit(
            "learning.appointment.cancelled",
            appointment,
            by,
            cancelled_by="staff" if by is not None else "resident",
        )
        _enqueue_mail(appointment, "cancelled")
    return appointment


def record_outcome(appointment: Appointment, by, status: str) -> Appointment:
    """Mark a past appointment as done or as a no-show."""
    if status not in (AppointmentStatus.DONE, AppointmentStatus.NO_SHOW):
        raise AppointmentError(_("Choose done or did not come."))
    if appointment.status not in (AppointmentStatus.CONFIRMED, AppointmentStatus.REQUESTED):
        raise AppointmentError(_("Only an open appointment can be closed."))
    if appointment.start is None or appointment.start > timezone.now():
        raise AppointmentError(_("This appointment has not happened yet."))
    with transaction.atomic():
        appointment.status = status
        appointment.save(update_fields=["status"])
        _audit("learning.appointment.closed", appointment, by, status=status)
    return appointment


def due_for_reminder(now: datetime | None = None) -> list[int]:
    """Ids of confirmed appointments starting within a day, not yet reminded."""
    now = now or timezone.now()
    return list(
        Appointment.objects.with_scopes_disabled()
        .filter(
            status=AppointmentStatus.CONFIRMED,
            reminded_at=None,
            start__gt=now,
            start__lte=now + timedelta(days=1),
        )
        .order_by("start")
        .values_list("pk", flat=True)
    )


def claim_reminder(appointment_id: int, now: datetime | None = None) -> bool:
    """Claim the reminder of one appointment: True for exactly one caller, ever."""
    claimed = (
        Appointment.objects.with_scopes_disabled()
        .filter(pk=appointment_id, reminded_at=None, status=AppointmentStatus.CONFIRMED)
        .update(reminded_at=now or timezone.now())
    )
    return claimed == 1


def add_availability(
    by, *, user, contact_point, weekday, starts, ends, valid_from, valid_until=None
):
    """Record when a counsellor takes appointments at a place, week by week."""
    if user.pk not in {u.pk for u in counsellors_for(contact_point)}:
        raise AppointmentError(_("This person does not take appointments at this place."))
    if starts >= ends:
        raise AppointmentError(_("The end must be after the start."))
    with transaction.atomic():
        entry = Availability.objects.create(
            user=user,
            contact_point=contact_point,
            weekday=weekday,
            starts=starts,
            ends=ends,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        log_action(
            "learning.availability.added",
            actor=by,
            subject=entry,
            organisation=contact_point.organisation,
            data={"user": user.pk, "contact_point": contact_point.slug, "weekday": weekday},
        )
    return entry


def remove_availability(entry, by) -> None:
    """Remove a weekly availability; booked appointments stay as they are."""
    with transaction.atomic():
        log_action(
            "learning.availability.removed",
            actor=by,
            subject=entry,
            organisation=entry.contact_point.organisation,
        )
        entry.delete()


# Residents who book without being participants leave their contact details only for
# the appointment; a site may keep them longer with APPOINTMENT_RETENTION_DAYS.
DEFAULT_RETENTION_DAYS = 90
FORGOTTEN_NAME = "Anonymised"


def forget_past_appointments(now: datetime | None = None) -> int:
    """Clear name, contact details and free text of appointments long past. Idempotent.

    Only appointments not linked to a participant (a participant's appointments
    follow the project's retention through ``rights``). Time, place,
    status and language stay for the use statistics. Returns how many were cleared.
    """
    days = getattr(settings, "APPOINTMENT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = (
        Appointment.objects.with_scopes_disabled()
        .filter(participant=None, created_at__lt=cutoff)
        .exclude(start__gte=cutoff)
        .exclude(status__in=ACTIVE_STATUSES, start__isnull=True)
        .exclude(name=FORGOTTEN_NAME)
    )
    with transaction.atomic():
        count = old.update(
            name=FORGOTTEN_NAME, email="", phone="", topic="", note="", preferred_times=""
        )
        if count:
            log_action("learning.appointments.forgotten", data={"count": count, "days": days})
    return count


def member_removed(user: User, organisation, by) -> None:
    """When someone no longer takes appointments for ``organisation``: their availability
    at its places goes, their feed stops if they take none anywhere, and their coming
    appointments there stay listed for reassignment (`needs_new_counsellor`)."""
    if organisation.pk in APPOINTMENT_STAFF.organisations(user):
        return  # still takes appointments there through another role
    removed, _rows = Availability.objects.filter(
        user=user, contact_point__organisation=organisation
    ).delete()
    waiting = (
        Appointment.objects.with_scopes_disabled()
        .filter(pk__in=needs_new_counsellor([organisation.pk]), counsellor=user)
        .count()
    )
    log_action(
        "learning.appointments.member_removed",
        actor=by,
        subject=user,
        organisation=organisation,
        data={"availability_removed": removed, "appointments_to_reassign": waiting},
    )
    if not APPOINTMENT_STAFF.organisations(user):
        revoke_feed_token(user)


def needs_new_counsellor(organisation_ids: list[int]) -> list[int]:
    """Ids of coming active appointments whose counsellor no longer takes appointments for
    the organisation (removed, or deactivated): to reassign (propose a colleague) or
    cancel. Two queries."""
    members = Membership.objects.filter(
        organisation_id__in=organisation_ids, role__in=APPOINTMENT_ROLES
    )
    current = set(members.values_list("organisation_id", "user_id"))
    # Explicitly limited to the given organisations (the caller's, or the one acted on).
    rows = (
        Appointment.objects.with_scopes_disabled()
        .filter(
            organisation_id__in=organisation_ids,
            status__in=ACTIVE_STATUSES,
            counsellor__isnull=False,
            start__gt=timezone.now(),
        )
        .values_list("pk", "organisation_id", "counsellor_id", "counsellor__is_active")
    )
    return [
        pk for pk, org, counsellor, active in rows if not active or (org, counsellor) not in current
    ]
