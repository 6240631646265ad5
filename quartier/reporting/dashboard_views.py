"""The dashboards and their table downloads, for project leads and reporting viewers."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from quartier.accounts import navigation
from quartier.accounts.access import allow
from quartier.accounts.models import Organisation
from quartier.downloads.views import see_download
from quartier.lib.exports import KINDS
from quartier.places.models import Quarter
from quartier.reporting import dashboard, disclosure, scope, table_exports
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


# The dashboard's filters a table's download carries back to the page it came from.
FILTER_NAMES = ("project", "period", "start", "end", "organisation", "quarter")


@allow(scope.READERS)
def table_export(request: HttpRequest, table: str, file_format: str) -> HttpResponse:
    """Ask for one dashboard table as XLSX or CSV, with the page's filters: a task makes
    it as the page shows it (disclosed, "•" explained), the download's page follows."""
    if file_format not in KINDS or table not in table_exports.TITLES:
        raise Http404
    form, filters = _filters(request)
    if form is None or filters is None:
        raise Http404
    query = urlencode([(name, request.GET[name]) for name in FILTER_NAMES if name in request.GET])
    back_url = f"{reverse('reporting:dashboard')}?{query}#{table}"
    download = table_exports.request_table_export(
        request.user,
        filters,
        table,
        file_format,
        form.cleaned_data["organisation_value"],
        back_url,
    )
    return see_download(download)
