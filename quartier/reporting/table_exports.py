"""A dashboard table as XLSX or CSV, made by a task through the downloads app.

The table's "Download as XLSX/CSV" link asks for the file: the request checks the
filters (the dashboard's own form, so the same scope), records the download, audits
the request and answers with the download's page, which shows the progress and then
the file. A worker makes the file with ``dashboard.find_table``, the very function
behind the page's table, so the file's cells are the page's disclosed cells: a hidden
count is "•", and a note row below the figures says what the mark means, with the
project, the period and the quarter.

Whose records count is decided again when the file is made (``scope.organisations_for``
with the user's rights as they are then), as for the period report: a user who lost
the role meanwhile gets "could not be made", not yesterday's rights. The figures are
aggregates, so no audit entry names a person: asking (``reporting.table.requested``),
making (``reporting.table.exported``) and opening (``downloads.file.opened``, against
the project) are audited with the table, format, project, period, organisations and
quarter, tied together by the download's public id.
"""

import io
from datetime import date
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import acting_for
from quartier.accounts.audit import log_action
from quartier.downloads.models import Download
from quartier.downloads.services import fulfil_download, report_progress, request_download
from quartier.lib.exports import CONTENT_TYPES, KINDS, Value, write_table
from quartier.people.models import Project
from quartier.places.models import Quarter
from quartier.reporting import dashboard
from quartier.reporting.disclosure import HIDDEN_EXPLANATION, HIDDEN_MARK
from quartier.reporting.measures import MEASURES
from quartier.reporting.periods import Period
from quartier.reporting.scope import READERS, download_organisation, organisations_for

KIND = "reporting.table"
# The steps of making a table's file, for the download's progress: the figures, the file.
STEPS = 2

# Every table of the dashboard by key, with the title its download page shows, so that a
# request is checked (and named) without computing any figure. The titles are the
# tables' own (``esf.esf_tables``, ``measures``, ``dashboard.trend_table``);
# ``test_table_export`` checks that both lists stay the same.
TITLES: dict[str, str | Promise] = {
    dashboard.TREND: gettext_lazy("New participants by month of entry"),
    "esf-outputs": gettext_lazy("ESF+ participants on entry (EECO01–EECO17)"),
    "esf-entities": gettext_lazy("ESF+ supported entities (EECO18, EECO19)"),
    "esf-results": gettext_lazy("ESF+ results upon leaving (EECR01–EECR04)"),
    "esf-longer-term": gettext_lazy("ESF+ results six months after leaving (EECR05, EECR06)"),
    **{measure.code: measure.title for measure in MEASURES},
    "counselling-towards-work-languages": gettext_lazy("Counselling contacts by language"),
    "intercultural-encounters-languages": gettext_lazy("Encounters by language"),
}


def _audit_data(
    table: str, file_format: str, filters: dashboard.Filters, download: Download
) -> dict[str, Any]:
    """What the audit entries say of a table's file: aggregates, so no person."""
    return {
        "table": table,
        "format": file_format,
        "project": filters.project.slug,
        "period": filters.period.key,
        "from": filters.period.start.isoformat(),
        "to": filters.period.end.isoformat(),
        "organisations": filters.organisations,
        "quarter": filters.quarter.slug if filters.quarter else "",
        "download": str(download.public_id),
    }


def request_table_export(
    user: Any,
    filters: dashboard.Filters,
    table: str,
    file_format: str,
    chosen_organisation: int | None,
    back_url: str,
) -> Download:
    """Record the request (audited) and have a task make the table's file; 404 for an
    unknown table or format, or a user who may read none of the project's figures.

    ``filters`` are the dashboard's, checked by its form for ``user``;
    ``chosen_organisation`` is the one organisation the filter picked, or None for all
    of those in scope (the task works them out again with the rights of the moment).
    """
    if file_format not in KINDS or table not in TITLES:
        raise Http404
    project, period = filters.project, filters.period
    organisation = download_organisation(user, project)
    if organisation is None:
        raise Http404
    with transaction.atomic():
        download = request_download(
            kind=KIND,
            label=_("%(table)s – %(project)s, %(period)s (%(format)s)")
            % {
                "table": TITLES[table],
                "project": project.name,
                "period": period.label,
                "format": file_format.upper(),
            },
            by=user,
            subject=project,
            organisation_id=organisation,
            file_name=f"{project.slug}-{table}-{period.key}.{file_format}".replace("..", "_"),
            content_type=CONTENT_TYPES[file_format],
            back_url=back_url,
            make_task=table_export_task,
            args=(
                table,
                file_format,
                project.pk,
                period.start.isoformat(),
                period.end.isoformat(),
                period.key,
                chosen_organisation,
                filters.quarter.pk if filters.quarter else None,
                translation.get_language(),
            ),
        )
        log_action(
            f"{KIND}.requested",
            actor=user,
            subject=project,
            organisation=organisation,
            data=_audit_data(table, file_format, filters, download),
        )
    return download


def _lines(table: dashboard.ShownTable, filters: dashboard.Filters) -> list[list[Value]]:
    """The table's rows as the page shows them, then the filters and the note on "•"."""
    lines: list[list[Value]] = []
    for row in table.rows:
        line: list[Value] = [row.code, str(row.label)]
        line += [cell.value if cell.value is not None else cell.text for cell in row.cells]
        if table.has_targets:
            line += [row.target, row.reached]
        lines.append(line)
    lines.append([])
    lines.append([_("Project"), filters.project.name])
    lines.append([_("Period"), filters.period.label])
    if filters.quarter is not None:
        lines.append([_("Quarter"), filters.quarter.name])
    if table.has_hidden:
        lines.append([HIDDEN_MARK, str(HIDDEN_EXPLANATION)])
    return lines


def write_table_export(
    download: Download,
    table: str,
    file_format: str,
    project_id: int,
    period: Period,
    chosen_organisation: int | None,
    quarter_id: int | None,
) -> bytes:
    """Make the table's file for the user who asked, with their rights as they are now;
    audited. A table is a few dozen rows, so the file is made in memory."""
    user = download.requested_by
    with acting_for(user, READERS):
        project = Project.objects.get(pk=project_id)
        in_scope = organisations_for(user, project)
        organisations = in_scope
        if chosen_organisation is not None:
            organisations = [org for org in in_scope if org == chosen_organisation]
        if not organisations:  # no longer reads these figures
            raise PermissionError("The requester may no longer see these figures.")
        quarter = Quarter.objects.get(pk=quarter_id) if quarter_id is not None else None
        filters = dashboard.Filters(
            project=project,
            period=period,
            organisations=organisations,
            quarter=quarter,
            narrowed=chosen_organisation is not None or quarter is not None,
        )
        shown = dashboard.find_table(filters, table)
        if shown is None:
            raise LookupError(f"The dashboard has no table {table!r}.")
        report_progress(download.pk, 1, STEPS)
        header = [_("Code"), _("Indicator"), *(str(label) for _key, label in shown.columns)]
        if shown.has_targets:
            header += [_("Target"), _("Reached")]
        target = io.BytesIO()
        lines = write_table(
            target,
            file_format,
            header,
            _lines(shown, filters),
            title=str(shown.title),
            delimiter=";" if get_format("DECIMAL_SEPARATOR") == "," else ",",
        )
        log_action(
            f"{KIND}.exported",
            actor=user,
            subject=project,
            organisation=download.organisation_id,
            data={**_audit_data(table, file_format, filters, download), "lines": lines},
            person="",
        )
    return target.getvalue()


@task()
def table_export_task(
    download_id: int,
    table: str,
    file_format: str,
    project_id: int,
    start: str,
    end: str,
    key: str,
    chosen_organisation: int | None,
    quarter_id: int | None,
    language: str,
) -> None:
    """Make a requested table's file (``request_table_export``); does nothing twice.

    The period comes as its dates: "last 12 months" asked for today is the same months
    when a worker makes it after midnight. Headers, labels and the CSV's separator are
    in the language of the page it was asked from.
    """
    period = Period(date.fromisoformat(start), date.fromisoformat(end), key)
    with translation.override(language):
        fulfil_download(
            download_id,
            lambda download: write_table_export(
                download, table, file_format, project_id, period, chosen_organisation, quarter_id
            ),
        )
