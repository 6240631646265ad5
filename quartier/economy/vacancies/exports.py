"""The staff vacancy list as XLSX or CSV (``downloads.exports``): columns, task and view.

Exported by the staff who read the list (``VACANCY_EXPORTERS``), not by employers:
an export is a download, and downloads are a staff page (``downloads.views``).
"""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django_tasks import task

from quartier.accounts.access import allow, roles
from quartier.downloads.exports import (
    Column,
    ListExport,
    make_list_export,
    request_list_export,
    yes_no,
)
from quartier.economy.models import Vacancy
from quartier.economy.vacancies import services as vacancies
from quartier.economy.vacancies.filters import VacancyFilter
from quartier.economy.vacancies.services import READING_ROLES

VACANCY_EXPORTERS = roles(*READING_ROLES)


def vacancy_rows(user, query: QueryDict, subject=None) -> QuerySet[Vacancy]:
    """The list's rows (``views.vacancy_list``) under its filters, every page, newest first."""
    queryset = (
        vacancies.vacancies_visible_to(user)
        .select_related("business", "occupation")
        .prefetch_related("occupation__labels")
    )
    return VacancyFilter(query, queryset=queryset).qs.order_by("-created_at", "-pk")


def _occupation(vacancy: Vacancy) -> str:
    return vacancy.occupation.label(get_language()) if vacancy.occupation else ""


VACANCIES = ListExport(
    kind="economy.vacancies",
    title=gettext_lazy("Vacancies and training places"),
    access=VACANCY_EXPORTERS,
    columns=[
        Column(gettext_lazy("Title"), lambda vacancy: vacancy.title(get_language())),
        Column(gettext_lazy("Business"), lambda vacancy: vacancy.business.name),
        Column(pgettext_lazy("vacancy", "Kind"), lambda vacancy: vacancy.get_kind_display()),
        Column(gettext_lazy("Occupation"), _occupation),
        Column(gettext_lazy("Status"), lambda vacancy: vacancy.get_status_display()),
        Column(gettext_lazy("Published"), lambda vacancy: yes_no(vacancy.published)),
    ],
    rows=vacancy_rows,
)


@task()
def export_vacancies(download_id: int, file_format: str, query: str, language: str) -> None:
    make_list_export(VACANCIES, download_id, file_format, query, language)


@allow(VACANCY_EXPORTERS)
def vacancy_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The list as XLSX or CSV, with its filters and every page; made as a download."""
    return request_list_export(
        request, VACANCIES, export_vacancies, file_format, reverse("economy:vacancy-list")
    )
