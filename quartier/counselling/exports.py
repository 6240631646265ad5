""" "My cases" as XLSX or CSV (``downloads.exports``): its columns, task and view."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import allow
from quartier.counselling.cases import CASE_WORK
from quartier.counselling.filters import MyCasesFilter
from quartier.counselling.models import Case
from quartier.counselling.views import cases_to_do
from quartier.downloads.exports import Column, ListExport, make_list_export, request_list_export


def case_rows(user, query: QueryDict, subject=None) -> QuerySet[Case]:
    """The rows of "My cases" as filtered on the page, every page, in its order (the
    soonest due first): the same filter the page and the start page's numbers use."""
    return MyCasesFilter(query, queryset=cases_to_do(user), user=user).qs


CASES = ListExport(
    kind="counselling.cases",
    title=gettext_lazy("My cases"),
    access=CASE_WORK,
    columns=[
        Column(gettext_lazy("Person"), lambda case: str(case.participant)),
        Column(gettext_lazy("Date of birth"), lambda case: case.participant.date_of_birth),
        Column(gettext_lazy("Status"), lambda case: case.get_status_display()),
        Column(gettext_lazy("Opened on"), lambda case: case.opened_on),
        Column(gettext_lazy("Due"), lambda case: case.due),
        Column(gettext_lazy("Next step"), lambda case: case.next_step),
        Column(gettext_lazy("Next step due"), lambda case: case.next_step_due),
        Column(gettext_lazy("Follow-up due"), lambda case: case.follow_up_due),
    ],
    rows=case_rows,
    person=lambda case: str(case.participant.public_id),
)


@task()
def export_cases(download_id: int, file_format: str, query: str, language: str) -> None:
    make_list_export(CASES, download_id, file_format, query, language)


@allow(CASE_WORK)
def case_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """My cases as XLSX or CSV, every page; made as a download."""
    return request_list_export(
        request, CASES, export_cases, file_format, reverse("counselling:my-cases")
    )
