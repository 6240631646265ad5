"""The ESF+ indicators over the API, with the dashboards' permissions and suppression.

``GET /api/v1/reporting/indicators?project=<slug>&from=&to=&by=`` answers the tables of
``esf.esf_tables`` for the period (the project's funding phase when ``from`` and ``to``
are not given), split by month, quarter or year with ``by``. Every cell passes through
``disclosure.suppress``: a hidden one is ``"value": null, "hidden": true``. A project
the token's user may not see answers 404, as one that does not exist.
"""

import calendar
from datetime import date
from typing import Literal

from django.conf import settings
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.people.models import Project
from quartier.places.models import Quarter
from quartier.reporting.disclosure import HIDDEN_EXPLANATION, HIDDEN_MARK, suppress
from quartier.reporting.esf import esf_tables
from quartier.reporting.periods import Period, PeriodError, custom
from quartier.reporting.scope import READERS, organisations_for
from quartier.reporting.targets import targets_for

router = Router(tags=["reporting"])

# ``by=month`` over a long range asks four queries per month: bounded.
MAX_PERIODS = 60


class IndicatorsQuery(Schema):
    project: str = Field(max_length=50)
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    by: Literal["month", "quarter", "year"] | None = None
    quarter: str | None = Field(None, max_length=50, description="A quarter's short name")


class ColumnOut(Schema):
    key: str
    label: str


class CellOut(Schema):
    column: str
    value: int | None
    hidden: bool


class RowOut(Schema):
    code: str
    label: str
    cells: list[CellOut]
    target: int | None = Field(None, description="The project lead's target for the period")


class TableOut(Schema):
    key: str
    title: str
    description: str
    columns: list[ColumnOut]
    rows: list[RowOut]


class PeriodOut(Schema):
    key: str
    start: date
    end: date
    tables: list[TableOut]


class IndicatorsOut(Schema):
    project: str
    start: date
    end: date
    threshold: int
    hidden_mark: str
    hidden_explanation: str
    periods: list[PeriodOut]


def split(period: Period, by: str | None) -> list[Period]:
    """The period cut into calendar months, quarters or years (each cut to the period)."""
    if by is None:
        return [period]
    months = period.months()
    if by == "month":
        return months
    size = 3 if by == "quarter" else 12
    groups: dict[tuple[int, int], list[Period]] = {}
    for month in months:
        groups.setdefault((month.start.year, (month.start.month - 1) // size), []).append(month)
    result = []
    for (year, index), parts in groups.items():
        start, end = parts[0].start, parts[-1].end
        key = f"{year}-Q{index + 1}" if by == "quarter" else str(year)
        first_month = index * size + 1
        whole = start == date(year, first_month, 1) and end == date(
            year,
            first_month + size - 1,
            calendar.monthrange(year, first_month + size - 1)[1],
        )
        result.append(Period(start, end, key) if whole else custom(start, end))
    return result


def _table(table, targets: dict[str, int]) -> dict:
    disclosed = suppress(table)
    return {
        "key": table.key,
        "title": str(table.title),
        "description": str(table.description),
        "columns": [{"key": key, "label": str(label)} for key, label in table.columns],
        "rows": [
            {
                "code": row.code,
                "label": str(row.label),
                "cells": [
                    {
                        "column": key,
                        "value": disclosed.value(row.code, key),
                        "hidden": disclosed.is_hidden(row.code, key),
                    }
                    for key, _label in table.columns
                ],
                "target": targets.get(row.code),
            }
            for row in table.rows
        ],
    }


@router.get(
    "/indicators",
    response={200: IndicatorsOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(READERS),
    summary="The ESF+ common indicators of a project, by gender, suppressed",
)
def indicators(request, filters: Query[IndicatorsQuery]):
    project = Project.objects.filter(slug=filters.project).first()
    organisations = organisations_for(request.auth, project) if project else []
    if project is None or not organisations:
        raise HttpError(404, "Not found.")
    quarter = None
    if filters.quarter:
        quarter = Quarter.objects.filter(slug=filters.quarter).first()
        if quarter is None:
            raise HttpError(422, "There is no such quarter.")
    start = filters.from_ or project.starts_on
    end = filters.to or min(project.ends_on, max(timezone.localdate(), start))
    try:
        period = custom(start, end)
    except PeriodError as error:
        raise HttpError(422, str(error)) from None
    periods = split(period, filters.by)
    if len(periods) > MAX_PERIODS:
        raise HttpError(422, f"Ask for at most {MAX_PERIODS} periods at a time.")
    return {
        "project": project.slug,
        "start": period.start,
        "end": period.end,
        "threshold": settings.REPORTING_MIN_COUNT,
        "hidden_mark": HIDDEN_MARK,
        "hidden_explanation": str(HIDDEN_EXPLANATION),
        "periods": [_period(project, part, organisations, quarter) for part in periods],
    }


def _period(project, part: Period, organisations: list[int], quarter) -> dict:
    """One period's tables: five queries (four aggregates, the targets)."""
    targets = targets_for(project, part)
    return {
        "key": part.key,
        "start": part.start,
        "end": part.end,
        "tables": [
            _table(table, targets) for table in esf_tables(project, part, organisations, quarter)
        ],
    }
