"""The success measures over the API: ``GET /reporting/measures?project=&from=&to=``.

The same tables as the dashboards, with the same readers and the same disclosure
control: a hidden cell is ``{"value": null, "hidden": true}``, and a share (a row with a
numerator and a denominator) is given only where both counts are shown. Codes are
stable: a table's ``code`` and a row's ``code`` are those of the measure's definition
page (``reporting:measure-definition``).
"""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.people.models import Project
from quartier.places.models import Quarter
from quartier.reporting import measures
from quartier.reporting.disclosure import suppress
from quartier.reporting.periods import PeriodError, custom, parse
from quartier.reporting.scope import READERS, may_see, organisations_for
from quartier.reporting.tables import Row, Table

router = Router(tags=["reporting"])


class MeasureFilter(Schema):
    project: str
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")
    quarter: str = ""


class MeasurePeriodOut(Schema):
    key: str
    start: date
    end: date


class MeasureColumnOut(Schema):
    code: str
    label: str


class MeasureCellOut(Schema):
    column: str
    # A count; null where it is hidden, and for a share.
    value: int | None
    hidden: bool
    # Only for a share: numerator ÷ denominator, null where either is hidden or zero.
    share: float | None = None


class MeasureRowOut(Schema):
    code: str
    label: str
    numerator: str | None
    denominator: str | None
    cells: list[MeasureCellOut]


class MeasureTableOut(Schema):
    code: str
    measure: str
    title: str
    description: str
    columns: list[MeasureColumnOut]
    total_column: str | None
    rows: list[MeasureRowOut]


class MeasuresOut(Schema):
    project: str
    period: MeasurePeriodOut
    tables: list[MeasureTableOut]


def _cells(disclosed, row: Row, columns: list[str]) -> list[dict]:
    if row.numerator is None or row.denominator is None:
        return [
            {
                "column": column,
                "value": disclosed.value(row.code, column),
                "hidden": disclosed.is_hidden(row.code, column),
            }
            for column in columns
        ]
    cells = []
    for column in columns:
        numerator = disclosed.value(row.numerator, column)
        denominator = disclosed.value(row.denominator, column)
        shown = numerator is not None and denominator is not None
        cells.append(
            {
                "column": column,
                "value": None,
                "hidden": not shown,
                "share": round(numerator / denominator, 4) if shown and denominator else None,
            }
        )
    return cells


def _table_out(table: Table, measure_code: str) -> dict:
    disclosed = suppress(table)
    columns = [code for code, _label in table.columns]
    return {
        "code": table.key,
        "measure": measure_code,
        "title": str(table.title),
        "description": str(table.description),
        "columns": [{"code": code, "label": str(label)} for code, label in table.columns],
        "total_column": table.total_column,
        "rows": [
            {
                "code": row.code,
                "label": str(row.label),
                "numerator": row.numerator,
                "denominator": row.denominator,
                "cells": _cells(disclosed, row, columns),
            }
            for row in table.rows
        ],
    }


@router.get(
    "/measures",
    response={200: MeasuresOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(READERS),
    summary="The success measures of a project for a period, with hidden small counts",
)
def measure_tables(request, filters: Query[MeasureFilter]):
    project = get_object_or_404(Project, slug=filters.project)
    if not may_see(request.user, project):
        # A project the user may not see answers as one that does not exist.
        raise HttpError(404, "Not found.")
    quarter = get_object_or_404(Quarter, slug=filters.quarter) if filters.quarter else None
    try:
        if filters.start is None and filters.end is None:
            period = parse("phase", today=timezone.localdate(), project=project)
        else:
            period = custom(filters.start or project.starts_on, filters.end or project.ends_on)
    except PeriodError as error:
        raise HttpError(422, str(error)) from None
    if (period.end - period.start).days > 366 * 20:
        raise HttpError(422, _("Ask for at most twenty years at once."))
    measure_of = {key: m.code for m in measures.MEASURES for key in m.table_keys}
    tables = measures.measure_tables(
        project, period, organisations_for(request.user, project), quarter
    )
    return {
        "project": project.slug,
        "period": {"key": period.key, "start": period.start, "end": period.end},
        "tables": [_table_out(table, measure_of[table.key]) for table in tables],
    }
