"""The periods a report is asked for, named by one query value.

``parse("2026-Q1", today=…, project=…)`` is the one way a dashboard, an export, the
API and the period report turn ``?period=`` into dates. The forms of the value:

======================  =========================================
``2026-03``             a month
``2026-Q1``             a quarter
``2026-H2``             a half-year
``2026``                a year
``phase``               the project's funding phase (starts_on … ends_on)
``last-12-months``      the 12 months up to and including today
``this-year``           1 January up to today
``last-year``           the calendar year before this one
``2026-01-15..2026-05-31``  a custom range, both days included
======================  =========================================

A period's ``end`` is inclusive. Bad values raise ``PeriodError`` with a message in
the user's language.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import gettext as _

RELATIVE = ("last-12-months", "this-year", "last-year")


class PeriodError(ValueError):
    """A period value that names no period; the message is for the user."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    key: str

    @property
    def label(self) -> str:
        return _label(self)

    @property
    def label_has_dates(self) -> bool:
        """Whether ``label`` already names the first and last day (the funding phase, a
        range of days), so that a page does not write them a second time."""
        return self.key == "phase" or ".." in self.key

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each cut to the period (for lines)."""
        result = []
        year, month = self.start.year, self.start.month
        while date(year, month, 1) <= self.end:
            first = max(date(year, month, 1), self.start)
            last = min(_month_end(year, month), self.end)
            result.append(Period(first, last, f"{year:04d}-{month:02d}"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text}) from None


def parse(value: str, *, today: date, project=None) -> Period:
    """The period ``value`` names (see the module's table); ``project`` for ``phase``."""
    value = (value or "").strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(_("There is no month %(month)s.") % {"month": match[2]})
        return Period(date(year, month, 1), _month_end(year, month), value)
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        year, quarter = int(match[1]), int(match[2])
        first = 3 * quarter - 2
        return Period(date(year, first, 1), _month_end(year, first + 2), value)
    if match := re.fullmatch(r"(\d{4})-H([12])", value):
        year, half = int(match[1]), int(match[2])
        first = 6 * half - 5
        return Period(date(year, first, 1), _month_end(year, first + 5), value)
    if re.fullmatch(r"\d{4}", value):
        year = int(value)
        return Period(date(year, 1, 1), date(year, 12, 31), value)
    if value == "phase":
        if project is None:
            raise PeriodError(_("Choose a project for its funding phase."))
        return Period(project.starts_on, project.ends_on, value)
    if value == "last-12-months":
        # The day after the same day a year ago (28 February for 29 February).
        day = min(today.day, calendar.monthrange(today.year - 1, today.month)[1])
        return Period(date(today.year - 1, today.month, day) + timedelta(days=1), today, value)
    if value == "this-year":
        return Period(date(today.year, 1, 1), today, value)
    if value == "last-year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), value)
    if ".." in value:
        first_day, _sep, last_day = value.partition("..")
        start, end = _date(first_day), _date(last_day)
        if start > end:
            raise PeriodError(_("The period ends before it starts."))
        return Period(start, end, value)
    raise PeriodError(_("“%(value)s” is not a period.") % {"value": value})


def custom(start: date, end: date) -> Period:
    if start > end:
        raise PeriodError(_("The period ends before it starts."))
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def choices(*, today: date, project=None) -> list[Period]:
    """The periods the picker offers: relative ones, this and last year's quarters
    and halves, the years of the phase, and the phase."""
    keys = list(RELATIVE)
    for year in (today.year, today.year - 1):
        keys += [f"{year}-Q{q}" for q in (1, 2, 3, 4)] + [f"{year}-H1", f"{year}-H2"]
    years = range(project.starts_on.year, project.ends_on.year + 1) if project else [today.year]
    keys += [str(year) for year in years]
    if project is not None:
        keys.append("phase")
    seen: dict[str, Period] = {}
    for key in keys:
        period = parse(key, today=today, project=project)
        if period.start <= today and key not in seen:
            seen[key] = period
    return list(seen.values())


def _label(period: Period) -> str:
    key = period.key
    if key == "last-12-months":
        return _("Last 12 months")
    if key == "this-year":
        return _("This year so far")
    if key == "last-year":
        return _("Last year")
    if key == "phase":
        return _("Funding phase (%(start)s – %(end)s)") % {
            "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(period.end, "SHORT_DATE_FORMAT"),
        }
    if re.fullmatch(r"\d{4}-Q[1-4]", key):
        return _("Quarter %(quarter)s/%(year)s") % {"quarter": key[-1], "year": key[:4]}
    if re.fullmatch(r"\d{4}-H[12]", key):
        return _("Half-year %(half)s/%(year)s") % {"half": key[-1], "year": key[:4]}
    if re.fullmatch(r"\d{4}", key):
        return key
    if re.fullmatch(r"\d{4}-\d{2}", key):
        return formats.date_format(period.start, "YEAR_MONTH_FORMAT")
    start = formats.date_format(period.start, "SHORT_DATE_FORMAT")
    return f"{start} – {formats.date_format(period.end, 'SHORT_DATE_FORMAT')}"
