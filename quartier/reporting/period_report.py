"""The period report: one PDF, in German, for the city council and the funder.

It holds the project, the period and the organisations counted, the ESF+ indicators
(``esf.esf_tables``), the success measures (``measures.measure_tables``), the targets
against what was reached (``targets.targets_for``), each table with its chart, and the
note on the cells that are hidden. Every figure in it has gone through
``disclosure.suppress``: the report is read outside the programme, so it shows exactly
what a dashboard shows and nothing more, and a hidden cell is printed as "•".

Project leads and reporting viewers may ask for it (``scope.READERS``), for the
organisations ``scope.organisations_for`` gives them. It is made by a task through the
downloads app (rendered by WeasyPrint, ``lib/pdf.py``), and asking for it and making
it are audited.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import acting_for, allow
from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.downloads.models import Download
from quartier.downloads.services import fulfil_download, report_progress, request_download
from quartier.downloads.views import see_download
from quartier.lib.pdf import render_pdf
from quartier.people.models import Project
from quartier.reporting import dashboard, periods
from quartier.reporting.disclosure import HIDDEN_EXPLANATION, HIDDEN_MARK, Disclosed, suppress
from quartier.reporting.esf import esf_tables
from quartier.reporting.measures import measure_tables
from quartier.reporting.periods import Period, PeriodError
from quartier.reporting.scope import (
    READERS,
    download_organisation,
    organisations_for,
    projects_for,
)
from quartier.reporting.tables import Row
from quartier.reporting.targets import target_code, targets_for

KIND = "reporting.period_report"
PDF = "application/pdf"
# For the city council and the funder: always German, whatever the page's language.
LANGUAGE = "de"
# A share whose denominator is zero.
NO_SHARE = "–"
# The steps of making the report, for the download's progress.
STEPS = 3


# -- The report's content ----------------------------------------------------------------


@dataclass
class ShownRow:
    code: str
    label: str | Promise
    cells: list[str]


@dataclass
class ShownTable:
    """A table as printed: every cell already disclosed and formatted."""

    key: str
    title: str | Promise
    description: str | Promise
    columns: list[str | Promise]
    rows: list[ShownRow]
    chart: SafeString
    has_hidden: bool


@dataclass
class TargetRow:
    code: str
    label: str | Promise
    target: str
    actual: str
    share: str


@dataclass
class Report:
    project: Project
    period: Period
    organisations: list[str]
    indicators: list[ShownTable]
    measures: list[ShownTable]
    targets: list[TargetRow]
    # Counts from 1 up to this one are hidden (one below ``REPORTING_MIN_COUNT``).
    largest_hidden: int
    made_on: date = field(default_factory=timezone.localdate)

    @property
    def has_hidden(self) -> bool:
        return any(table.has_hidden for table in self.indicators + self.measures) or any(
            row.actual == HIDDEN_MARK for row in self.targets
        )


def number(value: int | None) -> str:
    """A count as printed: "•" when hidden, else with the language's digit grouping."""
    if value is None:
        return HIDDEN_MARK
    return formats.number_format(value, force_grouping=True)


def share(numerator: int | None, denominator: int | None) -> str:
    """A share in per cent from disclosed counts only: hidden if either is hidden."""
    if numerator is None or denominator is None:
        return HIDDEN_MARK
    if denominator == 0:
        return NO_SHARE
    return f"{formats.number_format(round(100 * numerator / denominator))} %"


def _cell(disclosed: Disclosed, row: Row, column: str) -> str:
    if row.numerator and row.denominator:
        return share(
            disclosed.value(row.numerator, column), disclosed.value(row.denominator, column)
        )
    return number(disclosed.value(row.code, column))


def _chart(table: Disclosed) -> SafeString:
    """The chart printed beside a table: an SVG of its disclosed figures only.

    The dashboard's chart of the same table (``dashboard.chart``, drawn by
    ``quartier.lib.charts``), so the paper and the screen agree; the table beside it
    holds every figure.
    """
    return mark_safe(dashboard.chart(dashboard.show(table.table, {})))  # noqa: S308 - our SVG, text escaped


def show(disclosed: Disclosed) -> ShownTable:
    """Format every cell of a disclosed table; a hidden cell becomes "•"."""
    table = disclosed.table
    return ShownTable(
        key=table.key,
        title=table.title,
        description=table.description,
        columns=[label for _code, label in table.columns],
        rows=[
            ShownRow(
                row.code, row.label, [_cell(disclosed, row, column) for column, _l in table.columns]
            )
            for row in table.rows
        ],
        chart=_chart(disclosed),
        has_hidden=bool(disclosed.hidden),
    )


def _actuals(tables: list[Disclosed]) -> dict[str, tuple[str | Promise, int | None]]:
    """Each row code's label and disclosed total (or only value), for the targets."""
    found: dict[str, tuple[str | Promise, int | None]] = {}
    for disclosed in tables:
        table = disclosed.table
        column = table.total_column or table.columns[0][0]
        for row in table.rows:
            code = target_code(table.key, row.code)
            if row.numerator or code in found:
                continue
            found[code] = (row.label, disclosed.value(row.code, column))
    return found


def _targets(targets: dict[str, int], tables: list[Disclosed]) -> list[TargetRow]:
    actuals = _actuals(tables)
    rows = []
    for code, target in sorted(targets.items()):
        label, actual = actuals.get(code, ("", None))
        if code not in actuals:
            # A target for a figure that is not computed: shown, with nothing reached.
            rows.append(TargetRow(code, label, number(target), NO_SHARE, NO_SHARE))
            continue
        rows.append(TargetRow(code, label, number(target), number(actual), share(actual, target)))
    return rows


def build_report(
    project: Project, period: Period, organisations: list[int], download_id: int | None = None
) -> Report:
    """Compute, disclose and format everything the report shows (a constant number of
    queries: the indicators', the measures', the targets' and the organisations')."""
    indicators = [suppress(table) for table in esf_tables(project, period, organisations)]
    measures = [suppress(table) for table in measure_tables(project, period, organisations)]
    if download_id is not None:
        report_progress(download_id, 1, STEPS)
    names = list(
        Organisation.objects.filter(pk__in=organisations)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return Report(
        project=project,
        period=period,
        organisations=names,
        indicators=[show(table) for table in indicators],
        measures=[show(table) for table in measures],
        targets=_targets(targets_for(project, period), indicators + measures),
        largest_hidden=getattr(settings, "REPORTING_MIN_COUNT", 3) - 1,
    )


def period_report_pdf(report: Report) -> bytes:
    return render_pdf(
        "reporting/period_report_pdf.html",
        {
            "report": report,
            "hidden_mark": HIDDEN_MARK,
            "hidden_explanation": HIDDEN_EXPLANATION,
        },
        LANGUAGE,
    )


# -- Requesting and making the PDF -------------------------------------------------------


def request_period_report(user: Any, project: Project, period: Period, back_url: str) -> Download:
    """Record the request (audited) and have a task make the PDF; 404 without a right."""
    organisations = organisations_for(user, project)
    own = download_organisation(user, project)
    if own is None:
        raise Http404
    data = {
        "project": project.slug,
        "period": period.key,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "organisations": organisations,
    }
    with transaction.atomic():
        download = request_download(
            kind=KIND,
            label=_("Period report %(project)s, %(period)s")
            % {"project": project.name, "period": period.label},
            by=user,
            subject=project,
            organisation_id=own,
            file_name=f"report-{project.slug}-{period.start.isoformat()}-{period.end.isoformat()}.pdf",
            content_type=PDF,
            back_url=back_url,
            make_task=period_report_task,
            args=(project.pk, period.start.isoformat(), period.end.isoformat(), period.key),
        )
        # With the download's id, which the entries of making and opening it carry too.
        log_action(
            f"{KIND}.requested",
            actor=user,
            subject=project,
            organisation=own,
            data={**data, "download": str(download.public_id)},
        )
    return download


def make_period_report(download: Download, project_id: int, period: Period) -> bytes:
    """Make the PDF for the user who asked, with their rights as they are now; audited."""
    user = download.requested_by
    with acting_for(user, READERS):
        project = Project.objects.get(pk=project_id)
        organisations = organisations_for(user, project)
        if not organisations:  # no longer reads the project's figures
            raise PermissionError("The requester may no longer see this project's figures.")
        report = build_report(project, period, organisations, download.pk)
        content = period_report_pdf(report)
        report_progress(download.pk, STEPS - 1, STEPS)
        log_action(
            f"{KIND}.made",
            actor=user,
            subject=project,
            organisation=download.organisation_id,
            data={
                "project": project.slug,
                "period": period.key,
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "organisations": organisations,
                "download": str(download.public_id),
            },
        )
    return content


@task()
def period_report_task(download_id: int, project_id: int, start: str, end: str, key: str) -> None:
    """Make a requested period report (``request_period_report``); does nothing twice.

    The period comes as its dates: "last 12 months" asked for today is the same
    months when a worker makes it after midnight.
    """
    period = Period(date.fromisoformat(start), date.fromisoformat(end), key)
    fulfil_download(download_id, lambda download: make_period_report(download, project_id, period))


# -- The page ----------------------------------------------------------------------------


class PeriodReportForm(forms.Form):
    project = forms.ChoiceField(label=gettext_lazy("Project"))
    period = forms.ChoiceField(label=gettext_lazy("Period"))

    def __init__(self, *args, projects: list[Project], today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = {project.slug: project for project in projects}
        self.today = today
        project_field = self.fields["project"]
        assert isinstance(project_field, forms.ChoiceField)
        project_field.choices = [(project.slug, project.name) for project in projects]
        offered: dict[str, str] = {}
        for project in projects:
            for period in periods.choices(today=today, project=project):
                offered.setdefault(period.key, str(period.label))
        if not projects:
            offered = {period.key: str(period.label) for period in periods.choices(today=today)}
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)
        period_field.choices = list(offered.items())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        project = self.projects.get(data.get("project", ""))
        if project is not None and data.get("period"):
            try:
                data["period"] = periods.parse(data["period"], today=self.today, project=project)
            except PeriodError as error:
                self.add_error("period", str(error))
            data["project"] = project
        return data


@allow(READERS)
def period_report(request: HttpRequest) -> HttpResponse:
    """The form (project, period); sent, the PDF is made as a download."""
    projects = projects_for(request.user)
    form = PeriodReportForm(request.POST or None, projects=projects, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        download = request_period_report(
            request.user,
            form.cleaned_data["project"],
            form.cleaned_data["period"],
            reverse("reporting:period-report"),
        )
        return see_download(download)
    return render(request, "reporting/period_report.html", {"form": form, "projects": projects})
