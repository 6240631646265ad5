"""The reporting pages of this part: the project lead's targets and the incomplete records.

The dashboards are elsewhere; both pages here are for the staff of the organisations
named on each, by the one visible ``@allow`` line.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.access import PROJECT_LEAD, allow
from quartier.accounts.audit import log_action
from quartier.lib.keyset import keyset_page
from quartier.reporting import dashboard
from quartier.reporting.esf import incomplete_people, incomplete_record
from quartier.reporting.forms import ProjectForm, ProjectPeriodForm, TargetsForm
from quartier.reporting.periods import PeriodError, parse
from quartier.reporting.scope import (
    CORRECTORS,
    organisations_for,
    projects_led_by,
    projects_taking_part,
)
from quartier.reporting.targets import save_targets, targets_for

# The incomplete records a page shows, as in the other staff lists.
PAGE_SIZE = 50


def _chosen(request: HttpRequest, projects: list, period_default: str = "phase"):
    """The project and period of ``?project=&period=`` among ``projects`` (the first one
    and ``period_default`` when not given or not valid), and the form that chose them."""
    today = timezone.localdate()
    chooser = ProjectPeriodForm(
        request.GET if "project" in request.GET else None,
        projects=projects,
        today=today,
        initial={"project": projects[0].slug, "period": period_default},
    )
    project, key = projects[0], period_default
    if chooser.is_bound and chooser.is_valid():
        project = next(p for p in projects if p.slug == chooser.cleaned_data["project"])
        key = chooser.cleaned_data["period"]
    try:
        period = parse(key, today=today, project=project)
    except PeriodError as error:
        chooser.add_error("period", str(error))
        period = parse(period_default, today=today, project=project)
    return project, period, chooser


@allow(PROJECT_LEAD)
def targets(request: HttpRequest) -> HttpResponse:
    """The targets of the grant application, per indicator and period, for the projects
    the lead's organisations take part in."""
    projects = projects_led_by(request.user)
    if not projects:
        return render(request, "reporting/targets.html", {"projects": []})
    project, period, chooser = _chosen(request, projects)
    current = targets_for(project, period)
    form = TargetsForm(request.POST if request.method == "POST" else None, initial_targets=current)
    if request.method == "POST" and not chooser.errors and form.is_valid():
        save_targets(project, period, form.targets(), request.user)
        messages.success(request, _("The targets have been saved."))
        query = urlencode({"project": project.slug, "period": period.key})
        return redirect(f"{reverse('reporting:targets')}?{query}")
    # The actual figures beside each target, as the dashboard shows them to this lead.
    filters = dashboard.Filters(project, period, organisations_for(request.user, project))
    actuals = dashboard.rows_by_target_code(filters, current)
    groups = [
        (title, [(field, actuals.get(field.name)) for field in fields])
        for title, fields in form.groups()
    ]
    return render(
        request,
        "reporting/targets.html",
        {
            "projects": projects,
            "project": project,
            "period": period,
            "chooser": chooser,
            "form": form,
            "groups": groups,
        },
    )


@allow(CORRECTORS)
def incomplete(request: HttpRequest) -> HttpResponse:
    """The people whose ESF+ entry data is not yet complete, with the deadline: the one
    individual-level list of reporting, for the holding organisation's counsellors and
    project lead only (the request's normal scope)."""
    organisations = CORRECTORS.organisations(request.user)
    projects = projects_taking_part(organisations)
    if not projects:
        return render(request, "reporting/incomplete.html", {"projects": []})
    chooser = ProjectForm(
        request.GET if "project" in request.GET else None,
        projects=projects,
        initial={"project": projects[0].slug},
    )
    project = projects[0]
    if chooser.is_bound and chooser.is_valid():
        project = next(p for p in projects if p.slug == chooser.cleaned_data["project"])
    page = keyset_page(
        incomplete_people(project, organisations), request.GET.get("cursor"), per_page=PAGE_SIZE
    )
    today = timezone.localdate()
    records = [incomplete_record(person, today) for person in page]
    # The people shown on this page are the ones read.
    log_action(
        "reporting.incomplete.listed",
        actor=request.user,
        organisation=organisations[0],
        data={
            "project": project.slug,
            "people": [str(record.participant.public_id) for record in records],
        },
    )
    return render(
        request,
        "reporting/incomplete.html",
        {
            "projects": projects,
            "project": project,
            "chooser": chooser,
            "records": records,
            "page": page,
        },
    )
