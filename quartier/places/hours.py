"""Is a place open now, and if not, when does it open? Framework-free.

Opening hours are wall-clock times in the place's own time zone. Public
holidays are closed days. All comparisons are made in UTC, so that days on
which the clocks change are handled correctly.
"""

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# How far ahead to look for the next opening: a year covers any weekly pattern
# even when holidays fall on every open day for weeks.
SEARCH_DAYS = 400


@dataclass(frozen=True)
class Slot:
    weekday: int  # 0 = Monday … 6 = Sunday
    opens: time
    closes: time


@dataclass(frozen=True)
class Status:
    """Open now until ``until``, or closed with the next opening (None if there is none)."""

    is_open: bool
    until: datetime | None = None
    next_opening: datetime | None = None

    @property
    def next_change(self) -> datetime | None:
        return self.until if self.is_open else self.next_opening


def _intervals_on(day: date, slots: list[Slot], zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The day's opening intervals as aware datetimes in ``zone``, in order."""
    return [
        (
            datetime.combine(day, slot.opens, tzinfo=zone),
            datetime.combine(day, slot.closes, tzinfo=zone),
        )
        for slot in sorted(slots, key=lambda s: s.opens)
        if slot.weekday == day.weekday()
    ]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def opening_status(
    slots: Iterable[Slot],
    now: datetime,
    zone: ZoneInfo,
    holidays: Container[date] = frozenset(),
) -> Status:
    """The status of a place with weekly ``slots`` at the aware moment ``now``.

    ``holidays`` holds the dates on which the place stays closed (any container
    of dates, such as a ``holidays.HolidayBase``). Adjacent slots (10–12, 12–17)
    count as one opening.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    slots = list(slots)
    local = now.astimezone(zone)
    today = local.date()
    for offset in range(SEARCH_DAYS):
        day = today + timedelta(days=offset)
        if day in holidays:
            continue
        for opens, closes in _intervals_on(day, slots, zone):
            if _utc(closes) <= _utc(now):
                continue
            if _utc(opens) <= _utc(now):
                return Status(is_open=True, until=_closing_time(closes, slots, zone, holidays))
            return Status(is_open=False, next_opening=opens)
    return Status(is_open=False)


def _closing_time(
    closes: datetime, slots: list[Slot], zone: ZoneInfo, holidays: Container[date]
) -> datetime:
    """Follow slots that start exactly when the previous one ends."""
    day = closes.date()
    if day in holidays:
        return closes
    extended = True
    while extended:
        extended = False
        for opens, later_closes in _intervals_on(day, slots, zone):
            if opens == closes and later_closes > closes:
                closes = later_closes
                extended = True
    return closes
