"""On-site consultations as XLSX or CSV (``downloads.exports``): columns, task and view."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import allow
from quartier.downloads.exports import (
    Column,
    ListExport,
    make_list_export,
    request_list_export,
    text,
)
from quartier.economy.advice import consultations as consulting
from quartier.economy.advice.filters import ConsultationFilter
from quartier.economy.advice.founders import ADVISING
from quartier.economy.models import Consultation


def consultation_rows(user, query: QueryDict, subject=None) -> QuerySet[Consultation]:
    """The list's rows (``views.consultation_list``) under its filter, every page,
    the latest first."""
    queryset = consulting.consultations_visible_to(user).select_related("business", "advisor")
    return ConsultationFilter(query, queryset=queryset).qs.order_by("-date", "-pk")


CONSULTATIONS = ListExport(
    kind="economy.consultations",
    title=gettext_lazy("On-site consultations"),
    access=ADVISING,
    columns=[
        Column(gettext_lazy("Date"), lambda consultation: consultation.date),
        Column(gettext_lazy("Business"), lambda consultation: consultation.business.name),
        Column(gettext_lazy("Topics"), lambda consultation: ", ".join(consultation.topic_labels())),
        Column(gettext_lazy("Advisor"), lambda consultation: text(consultation.advisor)),
        Column(gettext_lazy("Follow up on"), lambda consultation: consultation.follow_up_on),
        Column(
            gettext_lazy("Follow-up done on"), lambda consultation: consultation.follow_up_done_on
        ),
    ],
    rows=consultation_rows,
)


@task()
def export_consultations(download_id: int, file_format: str, query: str, language: str) -> None:
    make_list_export(CONSULTATIONS, download_id, file_format, query, language)


@allow(ADVISING)
def consultation_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The list as XLSX or CSV, with its filter and every page; made as a download."""
    return request_list_export(
        request,
        CONSULTATIONS,
        export_consultations,
        file_format,
        reverse("economy:consultation-list"),
    )
