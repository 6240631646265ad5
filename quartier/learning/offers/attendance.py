"""Attendance per date: checking people in (and out again), the check-in list, no-shows."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from quartier.accounts.audit import log_action
from quartier.learning.models import Attendance, OfferDate, Registration, RegistrationStatus


def set_attendance(registration: Registration, offer_date: OfferDate, present: bool, by):
    """Record whether the person came to the date; changing one's mind is allowed."""
    if offer_date.offer_id != registration.offer_id:
        raise ValueError("The date belongs to another offer.")
    with transaction.atomic():
        attendance, _created = Attendance.objects.with_scopes_disabled().update_or_create(
            registration=registration,
            date=offer_date,
            defaults={"present": present, "recorded_by": by, "recorded_at": timezone.now()},
        )
        log_action(
            "learning.attendance.recorded",
            actor=by,
            subject=registration,
            organisation=offer_date.offer.organisation,
            data={
                "registration": str(registration.code),
                "date": str(offer_date.code),
                "present": present,
            },
        )
    return attendance


def check_in_rows(offer_date: OfferDate) -> list[dict]:
    """Everybody with a place, by name, with their attendance. Two queries.

    After the date's end, whoever was not checked in counts as a no-show.
    """
    registrations = (
        Registration.objects.with_scopes_disabled()
        .filter(offer_id=offer_date.offer_id, status=RegistrationStatus.CONFIRMED)
        .select_related("business")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.with_scopes_disabled().filter(date=offer_date),
                to_attr="on_date",
            )
        )
        .order_by("name", "pk")
    )
    over = offer_date.ends_at < timezone.now()
    rows = []
    for registration in registrations:
        present = bool(registration.on_date and registration.on_date[0].present)
        rows.append(
            {
                "registration": registration,
                "present": present,
                "no_show": over and not present,
            }
        )
    return rows


def dates_attended(registration: Registration) -> list[OfferDate]:
    """The dates the person was checked in at, oldest first. One query."""
    return list(
        OfferDate.objects.filter(
            attendances__registration=registration, attendances__present=True
        ).order_by("starts_at")
    )
