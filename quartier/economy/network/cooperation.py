"""Cooperation relations: recording and ending them, filtering, and counts per period."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.economy.models import Business, Cooperation, CooperationKind


class CooperationError(ValueError):
    """A relation that cannot be recorded; the message is for the user."""


Party = Business | Organisation


def _side(party: Party, suffix: str) -> dict:
    if isinstance(party, Business):
        return {f"business_{suffix}": party}
    if isinstance(party, Organisation):
        return {f"organisation_{suffix}": party}
    raise CooperationError(_("A party is a business or an organisation."))


def _key(party: Party) -> tuple[str, int]:
    return ("b" if isinstance(party, Business) else "o", party.pk)


@transaction.atomic
def record_cooperation(
    first: Party,
    second: Party,
    kind: str,
    since: date,
    by,
    *,
    until: date | None = None,
    note: str = "",
) -> Cooperation:
    """Record a relation of ``kind`` between two different parties from ``since``."""
    if _key(first) == _key(second):
        raise CooperationError(_("A relation needs two different parties."))
    if kind not in CooperationKind.values:
        raise CooperationError(_("Unknown kind of cooperation."))
    if until is not None and until < since:
        raise CooperationError(_("A relation cannot end before it began."))
    first_side, second_side = _side(first, "a"), _side(second, "b")
    ongoing = Cooperation.objects.filter(kind=kind, until__isnull=True)
    same_way = ongoing.filter(**first_side, **second_side)
    other_way = ongoing.filter(**_side(second, "a"), **_side(first, "b"))
    if until is None and (same_way.exists() or other_way.exists()):
        raise CooperationError(_("This relation is already recorded and ongoing."))
    cooperation = Cooperation.objects.create(
        **first_side,
        **second_side,
        kind=kind,
        since=since,
        until=until,
        note=note.strip(),
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    log_action(
        "economy.cooperation.recorded",
        by,
        cooperation,
        {"kind": kind, "since": since.isoformat(), "a": _key(first), "b": _key(second)},
    )
    return cooperation


@transaction.atomic
def end_cooperation(cooperation: Cooperation, until: date, by) -> Cooperation:
    """End an ongoing relation on ``until``."""
    if cooperation.until is not None:
        raise CooperationError(_("This relation has already ended."))
    if until < cooperation.since:
        raise CooperationError(_("A relation cannot end before it began."))
    cooperation.until = until
    cooperation.save(update_fields=["until"])
    log_action("economy.cooperation.ended", by, cooperation, {"until": until.isoformat()})
    return cooperation


def active_between(start: date | None, end: date | None) -> Q:
    """Relations active at some day of [start, end] (either bound may be open)."""
    condition = Q()
    if end is not None:
        condition &= Q(since__lte=end)
    if start is not None:
        condition &= Q(until__isnull=True) | Q(until__gte=start)
    return condition


def cooperations(
    *,
    start: date | None = None,
    end: date | None = None,
    kind: str = "",
    sector: str = "",
) -> QuerySet[Cooperation]:
    """Relations active in the period, of a kind, touching a business of a sector (slug)."""
    queryset = Cooperation.objects.filter(active_between(start, end))
    if kind:
        queryset = queryset.filter(kind=kind)
    if sector:
        queryset = queryset.filter(touching_sector(sector))
    return queryset


def touching_sector(sector: str) -> Q:
    """Relations with a business of the sector (slug) on either side."""
    return Q(business_a__sector__slug=sector) | Q(business_b__sector__slug=sector)


@dataclass(frozen=True)
class Period:
    label: str
    start: date
    end: date


def periods(start: date, end: date, by: str = "quarter") -> list[Period]:
    """Calendar quarter-years (or years) from the one holding ``start`` to that of ``end``."""
    result = []
    if by == "year":
        for year in range(start.year, end.year + 1):
            result.append(Period(str(year), date(year, 1, 1), date(year, 12, 31)))
        return result
    year, quarter = start.year, (start.month - 1) // 3
    while (year, quarter) <= (end.year, (end.month - 1) // 3):
        first = date(year, quarter * 3 + 1, 1)
        last = date(year + 1, 1, 1) if quarter == 3 else date(year, quarter * 3 + 4, 1)
        result.append(
            Period(f"{year} Q{quarter + 1}", first, date.fromordinal(last.toordinal() - 1))
        )
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
    return result


@dataclass(frozen=True)
class PeriodCounts:
    """Relations active per period and kind; ``rows`` in the kinds' order, zeros included."""

    periods: list[Period]
    rows: list[tuple[str, str, list[int]]]  # (kind code, kind label, count per period)
    totals: list[int]


def counts_per_period(
    start: date,
    end: date,
    by: str = "quarter",
    queryset: QuerySet[Cooperation] | None = None,
) -> PeriodCounts:
    """How many relations were active in each quarter-year (or year), by kind.

    For reporting: one SQL aggregate query whatever the number of relations.
    ``queryset`` narrows the relations (e.g. ``cooperations(kind=…, sector=…)``).
    """
    spans = periods(start, end, by)
    base = Cooperation.objects.all() if queryset is None else queryset
    aggregates = {
        f"p{index}": Count("id", filter=active_between(period.start, period.end))
        for index, period in enumerate(spans)
    }
    # Each row holds the kind and one count per period (the aggregates' names).
    found: dict[str, Mapping[str, Any]] = {
        row["kind"]: row for row in base.order_by().values("kind").annotate(**aggregates)
    }
    rows = []
    for kind in CooperationKind:
        counted = found.get(kind.value, {})
        rows.append(
            (kind.value, str(kind.label), [counted.get(f"p{i}", 0) for i in range(len(spans))])
        )
    totals = [sum(row[2][i] for row in rows) for i in range(len(spans))]
    return PeriodCounts(spans, rows, totals)
