"""Bookable appointment slots: computed from opening hours, holidays and availability.

A slot is bookable when the contact point is open for its whole length, the day is
not a public holiday of the site pack's region, at least one counsellor is available
then (``Availability``) and that counsellor has no active appointment overlapping it.
Slots are wall-clock times in the site's time zone, so days on which the clocks
change come out right. Nothing is stored; a booking is an ``Appointment``.
"""

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from quartier.accounts.models import Membership
from quartier.learning.appointments.access import APPOINTMENT_ROLES
from quartier.learning.models import ACTIVE_STATUSES, Appointment, Availability
from quartier.places.directory import Calendar, current_site_pack, site_calendar
from quartier.places.models import ContactPoint

# Slot length; a site may change it with the APPOINTMENT_SLOT_MINUTES setting.
DEFAULT_SLOT_MINUTES = 30
# How far ahead residents may book, and how soon before a slot booking closes.
BOOKING_DAYS = 28
BOOKING_NOTICE = timedelta(hours=2)


def slot_length() -> timedelta:
    return timedelta(minutes=getattr(settings, "APPOINTMENT_SLOT_MINUTES", DEFAULT_SLOT_MINUTES))


@dataclass(frozen=True)
class Window:
    """A counsellor's weekly availability (or a place's opening hours) on a weekday."""

    weekday: int
    starts: time
    ends: time
    user_id: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def applies_on(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_until is None or day <= self.valid_until)
        )


@dataclass(frozen=True)
class Busy:
    user_id: int
    start: datetime
    end: datetime


@dataclass
class FreeSlot:
    start: datetime
    end: datetime
    counsellor_ids: list[int] = field(default_factory=list)


def free_slots(
    *,
    opening: Iterable[Window],
    availability: Iterable[Window],
    busy: Iterable[Busy],
    first_day: date,
    last_day: date,
    zone: ZoneInfo,
    holidays: Container[date],
    length: timedelta,
    not_before: datetime,
) -> list[FreeSlot]:
    """Every free slot from ``first_day`` to ``last_day`` (inclusive), in order.

    Pure: ``opening`` are the place's weekly hours, ``availability`` the counsellors'
    windows, ``busy`` their active appointments. A slot lists the counsellors free then.
    """
    opening = list(opening)
    availability = list(availability)
    busy = list(busy)
    slots: list[FreeSlot] = []
    day = first_day
    while day <= last_day:
        if day not in holidays:
            for hours in sorted((w for w in opening if w.applies_on(day)), key=lambda w: w.starts):
                start = datetime.combine(day, hours.starts, tzinfo=zone)
                closes = datetime.combine(day, hours.ends, tzinfo=zone)
                while start + length <= closes:
                    end = start + length
                    if start >= not_before:
                        free = _free_counsellors(day, start, end, availability, busy, zone)
                        if free:
                            slots.append(FreeSlot(start, end, free))
                    start = end
        day += timedelta(days=1)
    return slots


def _free_counsellors(
    day: date,
    start: datetime,
    end: datetime,
    availability: list[Window],
    busy: list[Busy],
    zone: ZoneInfo,
) -> list[int]:
    free = []
    for window in availability:
        if not window.applies_on(day) or window.user_id is None:
            continue
        if not (
            datetime.combine(day, window.starts, tzinfo=zone) <= start
            and end <= datetime.combine(day, window.ends, tzinfo=zone)
        ):
            continue
        if any(b.user_id == window.user_id and b.start < end and start < b.end for b in busy):
            continue
        if window.user_id not in free:
            free.append(window.user_id)
    return sorted(free)


# -- Reading from the database ---------------------------------------------------


def availability_windows(point: ContactPoint) -> list[Window]:
    """The availability of those who take appointments for the place's organisation now
    (active users with the role there, not only an old entry). One query."""
    if point.organisation_id is None:
        return []  # a place of no organisation has no one to take appointments
    members = Membership.objects.filter(
        organisation_id=point.organisation_id, role__in=APPOINTMENT_ROLES
    ).values("user_id")
    return [
        Window(a.weekday, a.starts, a.ends, a.user_id, a.valid_from, a.valid_until)
        for a in Availability.objects.filter(
            contact_point=point, user__is_active=True, user_id__in=members
        )
    ]


def busy_times(point: ContactPoint, counsellor_ids: Iterable[int], since: datetime) -> list[Busy]:
    """Active appointments of these counsellors from ``since`` on, at any place. One query.

    Times only, no personal data: read across organisations on purpose, since a
    counsellor may work at places of two organisations.
    """
    rows = (
        Appointment.objects.with_scopes_disabled()
        .filter(
            counsellor_id__in=list(counsellor_ids),
            status__in=ACTIVE_STATUSES,
            end__gt=since,
        )
        .values_list("counsellor_id", "start", "end")
    )
    return [Busy(user_id, start, end) for user_id, start, end in rows]


def slots_for(
    point: ContactPoint,
    first_day: date | None = None,
    last_day: date | None = None,
    now: datetime | None = None,
    calendar: Calendar | None = None,
) -> list[FreeSlot]:
    """Free slots of a contact point. Four queries: site pack, hours, availability, bookings.

    ``point.opening_hours`` is used as prefetched when it is; pass the ``calendar`` when
    it is known already, to save the site-pack query.
    """
    calendar = calendar or site_calendar(current_site_pack())
    now = now or timezone.now()
    today = now.astimezone(calendar.zone).date()
    first_day = max(first_day or today, today)
    last_day = min(last_day or today + timedelta(days=BOOKING_DAYS), today + timedelta(days=120))
    opening = [Window(h.weekday, h.opens, h.closes) for h in point.opening_hours.all()]
    availability = availability_windows(point)
    since = datetime.combine(first_day, time.min, tzinfo=calendar.zone)
    busy = (
        busy_times(point, {w.user_id for w in availability if w.user_id is not None}, since)
        if availability
        else []
    )
    return free_slots(
        opening=opening,
        availability=availability,
        busy=busy,
        first_day=first_day,
        last_day=last_day,
        zone=calendar.zone,
        holidays=calendar.holidays,
        length=slot_length(),
        not_before=now + BOOKING_NOTICE,
    )


def find_slot(point: ContactPoint, start: datetime, now: datetime | None = None) -> FreeSlot | None:
    """The free slot beginning at ``start``, or None if it is not (or no longer) free."""
    calendar = site_calendar(current_site_pack())
    day = start.astimezone(calendar.zone).date()
    for slot in slots_for(point, day, day, now=now):
        if slot.start == start:
            return slot
    return None
