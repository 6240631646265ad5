"""Visits to the learning place: recorded quickly by staff, counted per month and kind."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.learning.appointments.access import APPOINTMENT_STAFF
from quartier.learning.models import Visit, VisitKind
from quartier.places.models import ContactPoint


class VisitError(ValueError):
    """A visit that cannot be recorded; the message is for the user."""


def record_visit(
    by,
    *,
    contact_point: ContactPoint,
    kind: str,
    at: datetime | None = None,
    people: int = 1,
    language: str = "",
    duration_minutes: int | None = None,
    participant=None,
) -> Visit:
    if contact_point.organisation_id not in APPOINTMENT_STAFF.organisations(by):
        raise VisitError(_("You may not record visits at this place."))
    if kind not in VisitKind.values:
        raise VisitError(_("Choose the kind of visit."))
    if people < 1:
        raise VisitError(_("At least one person came."))
    at = (at or timezone.now()).astimezone(UTC)
    if at > timezone.now() + timedelta(minutes=5):
        raise VisitError(_("A visit cannot lie in the future."))
    if participant is not None and participant.organisation_id != contact_point.organisation_id:
        raise VisitError(_("This person is not known to the place's organisation."))
    with transaction.atomic():
        visit = Visit.objects.create(
            organisation_id=contact_point.organisation_id,
            contact_point=contact_point,
            kind=kind,
            at=at,
            people=people,
            language=language or "",
            duration_minutes=duration_minutes,
            participant=participant,
            recorded_by=by,
        )
        log_action(
            "learning.visit.recorded",
            actor=by,
            subject=visit,
            data={"kind": kind, "people": people, "contact_point": contact_point.slug},
        )
    return visit


def usage_by_month(
    organisation_ids: list[int], year: int, zone: ZoneInfo, place: str | None = None
) -> list[dict]:
    """Visits and people per month and kind in ``year`` (months in ``zone``). One query.

    Returns one row per month that had visits: ``{"month", "kinds": {kind: (visits, people)},
    "visits", "people"}``, in order.
    """
    start = datetime(year, 1, 1, tzinfo=zone)
    end = datetime(year + 1, 1, 1, tzinfo=zone)
    rows = Visit.objects.filter(organisation_id__in=organisation_ids, at__gte=start, at__lt=end)
    if place:
        rows = rows.filter(contact_point__slug=place)
    aggregates = (
        rows.annotate(month=TruncMonth("at", tzinfo=zone))
        .values("month", "kind")
        .annotate(visits=Count("id"), people=Sum("people"))
        .order_by("month", "kind")
    )
    months: dict[str, dict] = {}
    for row in aggregates:
        key = row["month"].strftime("%Y-%m")
        month = months.setdefault(
            key, {"month": row["month"], "kinds": {}, "visits": 0, "people": 0}
        )
        month["kinds"][row["kind"]] = (row["visits"], row["people"])
        month["visits"] += row["visits"]
        month["people"] += row["people"]
    for month in months.values():
        month["cells"] = [month["kinds"].get(kind, (0, 0)) for kind in VisitKind.values]
    return list(months.values())
