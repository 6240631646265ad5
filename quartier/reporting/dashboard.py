"""The dashboards' figures: every table of a project and period, disclosed, charted, with targets.

One function, ``sections(…)``, gathers what the dashboard page, its table downloads and
the start page's panel show, so the three can never disagree: the ESF+ indicators
(``esf.esf_tables``), the success measures and the learning place
(``measures.measure_tables``) and the new participants by month of entry (``trend_table``,
the line over time), each passed through disclosure control (``disclosure.suppress``)
before a number of it is read. A hidden count is ``None`` from then on: drawn as a gap
with "•" in the chart, written as "•" in the table and the download.

Whose records count is ``scope.organisations_for(user, project)``: a project lead's own
organisations, a reporting viewer's whole project. The tables are computed inside a
``scope`` of exactly those organisations (narrowed to the one the filter picks). Every
table is a fixed number of aggregate queries whatever the period or the data size; no
cell names or links to a person.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django_scopes import scope

from quartier.lib.charts import Series, bar_chart, line_chart
from quartier.people.models import EntryData, Project
from quartier.places.models import Quarter
from quartier.reporting import disclosure, esf, measures
from quartier.reporting.periods import Period
from quartier.reporting.tables import GENDER_COLUMNS, Row, Table, by_gender
from quartier.reporting.targets import target_code, targets_for

# The period a dashboard opens with.
DEFAULT_PERIOD = "last-12-months"
TREND = "new-by-month"
ALL_MONTHS = "all"
ESF_CODES = ("EECO", "EECR")
OUTPUTS, RESULTS, MEASURES, LEARNING, OVER_TIME = (
    "esf-outputs",
    "esf-results",
    "measures",
    "learning",
    "over-time",
)
# Each success measure's tables, by key: the measure whose definition page explains them.
MEASURE_OF_TABLE = {key: m.code for m in measures.MEASURES for key in m.table_keys}
# The ESF+ tables of results: upon leaving and six months after.
RESULT_TABLES = ("esf-results", "esf-longer-term")
SECTION_TITLES: dict[str, str | Promise] = {
    OVER_TIME: gettext_lazy("Over time"),
    OUTPUTS: gettext_lazy("ESF+ output indicators"),
    RESULTS: gettext_lazy("ESF+ result indicators"),
    MEASURES: gettext_lazy("Success measures"),
    LEARNING: gettext_lazy("Learning place"),
}


@dataclass(frozen=True)
class Filters:
    """What a dashboard shows: a project's period, all of its organisations in scope or
    one of them, the whole city or one quarter."""

    project: Project
    period: Period
    organisations: list[int]
    quarter: Quarter | None = None
    # One organisation or one quarter chosen: the project's targets do not apply.
    narrowed: bool = False


@dataclass
class Cell:
    value: int | None
    text: str

    @property
    def hidden(self) -> bool:
        return self.text == disclosure.HIDDEN_MARK


@dataclass
class ShownRow:
    code: str
    label: str | Promise
    cells: list[Cell]
    is_rate: bool = False
    is_sum: bool = False
    # ESF+ codes (EECO01) are part of the indicator's name; others are internal keys.
    show_code: bool = False
    target: int | None = None
    reached: str = ""
    # The row's total as the table shows it (a number, "•" or "–"), beside a target.
    actual: str = "–"


@dataclass
class ShownTable:
    key: str
    title: str | Promise
    description: str | Promise
    columns: list[tuple[str, str | Promise]]
    rows: list[ShownRow]
    chart: SafeString | str = ""
    has_targets: bool = False
    has_hidden: bool = False
    # What the rows are: indicators, or the months of the line over time.
    row_heading: str | Promise = gettext_lazy("Indicator")
    # The success measure whose definition page explains the table, if any.
    measure: str = ""

    @property
    def is_narrow(self) -> bool:
        """Few enough columns for the chart to stand beside the table on a wide
        screen; a wider table takes the whole width, with its chart below."""
        return len(self.columns) + (2 if self.has_targets else 0) <= 3


@dataclass
class Section:
    key: str
    title: str | Promise
    tables: list[ShownTable] = field(default_factory=list)


def number(value: float) -> str:
    return formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def percent(share: float) -> str:
    return _("%(percent)s %%") % {"percent": number(round(share * 100))}


# -- The tables ---------------------------------------------------------------------


def trend_table(filters: Filters) -> Table:
    """New participants by month of entry and gender: one grouped query, one row a month
    and a row of all months (their sum, a relation disclosure control protects)."""
    entries = EntryData.objects.filter(
        participant__project=filters.project,
        participant__organisation__in=filters.organisations,
        entry_date__range=(filters.period.start, filters.period.end),
    )
    if filters.quarter is not None:
        entries = entries.filter(participant__quarter=filters.quarter)
    counts: dict[str, dict[str, int]] = {}
    for month, gender, count in (
        entries.annotate(month=TruncMonth("entry_date"))
        .values("month", "participant__gender")
        .annotate(count=Count("pk"))
        .values_list("month", "participant__gender", "count")
    ):
        counts.setdefault(f"{month:%Y-%m}", {})[gender] = count
    # Months still ahead (a funding phase runs into the future) have no entries yet.
    today = timezone.localdate()
    months = [month for month in filters.period.months() if month.start <= today]
    rows = [
        Row(
            month.key, formats.date_format(month.start, "M Y"), by_gender(counts.get(month.key, {}))
        )
        for month in months
    ]
    totals: dict[str, int] = {}
    for row in rows:
        for column, value in row.cells.items():
            totals[column] = totals.get(column, 0) + value
    rows.append(Row(ALL_MONTHS, _("All months"), totals))
    return Table(
        TREND,
        _("New participants by month of entry"),
        GENDER_COLUMNS,
        rows,
        sums={ALL_MONTHS: [month.key for month in months]},
        description=_("People whose day of entry into the project falls in the month."),
    )


def all_tables(filters: Filters) -> list[tuple[str, Table]]:
    """Every table of the dashboard with the key of its section, in the page's order."""
    with scope(organisation=filters.organisations):
        args = (filters.project, filters.period, filters.organisations)
        esf_tables = esf.esf_tables(*args, quarter=filters.quarter)
        measure_tables = measures.measure_tables(*args, quarter=filters.quarter)
        trend = trend_table(filters)
    placed = [(OVER_TIME, trend)]
    for table in esf_tables:
        placed.append((RESULTS if table.key in RESULT_TABLES else OUTPUTS, table))
    for table in measure_tables:
        placed.append((LEARNING if table.key.startswith("learning") else MEASURES, table))
    return placed


# -- Disclosed, for the page and the downloads ----------------------------------------


def _total_column(table: Table) -> str | None:
    if table.total_column:
        return table.total_column
    return table.columns[0][0] if len(table.columns) == 1 else None


def _rate(shown: disclosure.Disclosed, row: Row, column: str) -> Cell:
    try:
        part = shown.value(row.numerator or "", column)
        whole = shown.value(row.denominator or "", column)
    except KeyError:
        return Cell(None, "–")
    if part is None or whole is None:
        return Cell(None, disclosure.HIDDEN_MARK)
    if whole == 0:
        return Cell(None, "–")
    return Cell(None, percent(part / whole))


def show(table: Table, targets: dict[str, int]) -> ShownTable:
    """The table as the page and the downloads show it, after disclosure control."""
    disclosed = disclosure.suppress(table)
    total = _total_column(table)
    sums = set(table.sums)
    rows = []
    for row in table.rows:
        is_rate = bool(row.numerator and row.denominator)
        cells = []
        for column, _label in table.columns:
            if is_rate:
                cells.append(_rate(disclosed, row, column))
                continue
            value = disclosed.value(row.code, column) if column in row.cells else None
            if column not in row.cells:
                cells.append(Cell(None, "–"))
            elif value is None:
                cells.append(Cell(None, disclosure.HIDDEN_MARK))
            else:
                cells.append(Cell(value, number(value)))
        shown = ShownRow(
            row.code,
            row.label,
            cells,
            is_rate=is_rate,
            is_sum=row.code in sums,
            show_code=row.code.startswith(ESF_CODES),
        )
        actual = disclosed.value(row.code, total) if total and total in row.cells else None
        if not is_rate and total and total in row.cells:
            shown.actual = disclosure.HIDDEN_MARK if actual is None else number(actual)
        code = target_code(table.key, row.code)
        if code in targets and not is_rate:
            shown.target = targets[code]
            if actual is None:
                shown.reached = disclosure.HIDDEN_MARK
            elif shown.target:
                shown.reached = percent(actual / shown.target)
            else:
                shown.reached = "–"
        rows.append(shown)
    return ShownTable(
        table.key,
        table.title,
        table.description,
        list(table.columns),
        rows,
        row_heading=gettext_lazy("Month") if table.key == TREND else gettext_lazy("Indicator"),
        measure=MEASURE_OF_TABLE.get(table.key, ""),
        has_targets=any(row.target is not None for row in rows),
        has_hidden=any(cell.hidden for row in rows for cell in row.cells)
        or any(row.reached == disclosure.HIDDEN_MARK for row in rows),
    )


class ChartText(TypedDict):
    """What every chart of the dashboard is given besides its series."""

    chart_id: str
    title: str
    description: str
    categories: list[str]
    rtl: bool
    number: Callable[[float], str]


def chart(shown: ShownTable) -> str:
    """The chart beside a table: lines for months, stacked bars for the gender
    breakdown, plain bars otherwise; rates and sum rows are left to the table."""
    rtl = get_language_bidi()
    rows = [row for row in shown.rows if not row.is_rate and not row.is_sum]
    if any(row.show_code for row in rows):
        # The ESF+ tables' helper rows (entered, incomplete, left) are no indicators.
        rows = [row for row in rows if row.show_code]
    if not rows:
        return ""
    keys = [key for key, _label in shown.columns]
    description = _(
        "Chart of the table “%(title)s”; every figure is in the table beside it. "
        "• marks a hidden figure."
    ) % {"title": shown.title}
    common = ChartText(
        chart_id=f"chart-{shown.key}",
        title=str(shown.title),
        description=description,
        categories=[f"{row.code} {row.label}" if row.show_code else str(row.label) for row in rows],
        rtl=rtl,
        number=number,
    )

    def values(column: str) -> list[int | None]:
        """The column's counts: None where hidden (a gap with the mark), 0 where the row
        has no such count ("–" in the table)."""
        index = keys.index(column)
        return [
            row.cells[index].value if row.cells[index].hidden or row.cells[index].value else 0
            for row in rows
        ]

    labels = dict(shown.columns)
    if shown.key == TREND:
        series = [Series(str(labels[key]), values(key)) for key in keys]
        return line_chart(**common, series=series)
    if keys == [key for key, _label in GENDER_COLUMNS]:
        parts = [Series(str(labels[key]), values(key)) for key in keys if key != "total"]
        return bar_chart(**common, series=parts, stacked=True, totals=values("total"))
    if "total" in keys:
        return bar_chart(**common, series=[Series(str(labels["total"]), values("total"))])
    return bar_chart(**common, series=[Series(str(labels[key]), values(key)) for key in keys])


def _targets(filters: Filters) -> dict[str, int]:
    """The project's targets for the period, where the figures are the project's."""
    return {} if filters.narrowed else targets_for(filters.project, filters.period)


def sections(filters: Filters) -> list[Section]:
    """The dashboard's sections with their disclosed tables and charts."""
    targets = _targets(filters)
    result: dict[str, Section] = {}
    for key in SECTION_TITLES:
        result[key] = Section(key, SECTION_TITLES[key])
    for key, table in all_tables(filters):
        shown = show(table, targets)
        shown.chart = mark_safe(chart(shown))  # noqa: S308 -- charts.py escapes every text
        result[key].tables.append(shown)
    return [section for section in result.values() if section.tables]


def rows_by_target_code(filters: Filters, targets: dict[str, int]) -> dict[str, ShownRow]:
    """Every row of the dashboard that a target may be set for, disclosed, with its
    actual total and the share of ``targets`` reached, by its target code (for the
    targets page: the same figures as the dashboard, without charts)."""
    rows: dict[str, ShownRow] = {}
    for _section, table in all_tables(filters):
        for row in show(table, targets).rows:
            rows.setdefault(target_code(table.key, row.code), row)
    return rows


def find_table(filters: Filters, key: str) -> ShownTable | None:
    """One disclosed table of the dashboard, for its download."""
    targets = _targets(filters)
    for _section, table in all_tables(filters):
        if table.key == key:
            return show(table, targets)
    return None
