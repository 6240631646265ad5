"""The dashboards and their table downloads, for project leads and reporting viewers."""

import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from quartier.accounts import navigation
from quartier.accounts.access import allow
from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.lib.exports import CONTENT_TYPES, KINDS, Value, write_table
from quartier.places.models import Quarter
from quartier.reporting import dashboard, disclosure, scope
from quartier.reporting.dashboard_forms import DashboardForm


def _filters(request: HttpRequest) -> tuple[DashboardForm | None, dashboard.Filters | None]:
    """The form of the filters, and what it selects when it is valid.

    The project is one of the user's (the first one unless the address names another);
    the organisations are those that count for the user there, or the one chosen among
    them. A fixed handful of queries: projects, organisations in scope, their names,
    the quarters.
    """
    projects = scope.projects_for(request.user)
    if not projects:
        return None, None
    project = next((p for p in projects if p.slug == request.GET.get("project")), projects[0])
    in_scope = scope.organisations_for(request.user, project)
    names = list(
        Organisation.objects.filter(pk__in=in_scope).order_by("name").values_list("pk", "name")
    )
    form = DashboardForm(
        request.GET,
        projects=projects,
        project=project,
        organisations=[(str(pk), name) for pk, name in names],
        quarters=list(Quarter.objects.order_by("name")),
        today=timezone.localdate(),
        default_period=dashboard.DEFAULT_PERIOD,
    )
    if not form.is_valid():
        return form, None
    chosen = form.cleaned_data["organisation_value"]
    return form, dashboard.Filters(
        project=project,
        period=form.cleaned_data["period_value"],
        organisations=[chosen] if chosen is not None else in_scope,
        quarter=form.cleaned_data["quarter_value"],
        narrowed=chosen is not None or form.cleaned_data["quarter_value"] is not None,
    )


def _other_pages(request: HttpRequest) -> list[dict[str, str]]:
    """The menu's other reporting pages that the user may open (targets, incomplete
    records, definitions, the funder's file, the period report): one click away."""
    return [
        item
        for item in navigation.items_for(request.user)
        if item["group"] == navigation.REPORTS.key and item["url_name"] != "reporting:dashboard"
    ]


@allow(scope.READERS)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    sections = dashboard.sections(filters) if filters is not None else []
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "sections": sections,
            "other_pages": _other_pages(request),
            "hidden_explanation": disclosure.HIDDEN_EXPLANATION,
            "has_hidden": any(t.has_hidden for s in sections for t in s.tables),
        },
    )


def _lines(table: dashboard.ShownTable, filters: dashboard.Filters) -> list[list[Value]]:
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
        lines.append([disclosure.HIDDEN_MARK, str(disclosure.HIDDEN_EXPLANATION)])
    return lines


@allow(scope.READERS)
def table_export(request: HttpRequest, table: str, file_format: str) -> HttpResponse:
    """One dashboard table as XLSX or CSV, as the page shows it: disclosed, hidden cells
    as "•" with the explanation in a note row, the filters below the figures."""
    if file_format not in KINDS:
        raise Http404
    _form, filters = _filters(request)
    shown = dashboard.find_table(filters, table) if filters is not None else None
    if filters is None or shown is None:
        raise Http404
    header = [_("Code"), _("Indicator"), *(str(label) for _key, label in shown.columns)]
    if shown.has_targets:
        header += [_("Target"), _("Reached")]
    target = io.BytesIO()
    write_table(
        target,
        file_format,
        header,
        _lines(shown, filters),
        title=str(shown.title),
        delimiter=";" if get_format("DECIMAL_SEPARATOR") == "," else ",",
    )
    log_action(
        "reporting.table.exported",
        actor=request.user,
        data={
            "table": shown.key,
            "format": file_format,
            "project": filters.project.slug,
            "period": filters.period.key,
            "organisations": filters.organisations,
            "quarter": filters.quarter.slug if filters.quarter else "",
        },
    )
    response = HttpResponse(target.getvalue(), content_type=CONTENT_TYPES[file_format])
    name = f"{filters.project.slug}-{shown.key}-{filters.period.key}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name.replace("..", "_")}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
