"""The participant list as XLSX or CSV (``downloads.exports``): its columns, task and view."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
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
from quartier.lib.languages import language_name
from quartier.people.entry import is_overdue
from quartier.people.filters import ParticipantFilter
from quartier.people.intake import CASEWORK
from quartier.people.models import Participant


def participant_rows(user, query: QueryDict, subject=None) -> QuerySet[Participant]:
    """The participant list's rows (``views.participant_list``), every page of them.

    Runs in the user's ``CASEWORK`` scope; a filter value the list would refuse
    filters nothing here either (the list then shows everybody, and so does this).
    """
    people = Participant.objects.filter(anonymised_at=None)
    participant_filter = ParticipantFilter(query or None, queryset=people, user=user)
    if participant_filter.is_valid():
        people = participant_filter.qs
    return people.select_related("quarter", "entry").order_by("family_name", "given_name", "pk")


def _entry_status(person: Participant) -> str:
    entry = getattr(person, "entry", None)
    if entry is None:
        return _("No entry data")
    if entry.is_complete:
        return _("Complete")
    return _("Overdue") if is_overdue(entry, timezone.localdate()) else _("Incomplete")


def _entry_deadline(person: Participant):
    entry = getattr(person, "entry", None)
    return entry.deadline if entry is not None and not entry.is_complete else None


PARTICIPANTS = ListExport(
    kind="people.participants",
    title=gettext_lazy("Participants"),
    access=CASEWORK,
    columns=[
        Column(gettext_lazy("Family name"), lambda person: person.family_name),
        Column(gettext_lazy("Given name"), lambda person: person.given_name),
        Column(gettext_lazy("Name in Latin letters"), lambda person: person.name_latin),
        Column(gettext_lazy("Date of birth"), lambda person: person.date_of_birth),
        Column(
            gettext_lazy("Quarter"), lambda person: text(person.quarter and person.quarter.name)
        ),
        Column(
            gettext_lazy("Preferred language"),
            lambda person: language_name(person.preferred_language),
        ),
        Column(gettext_lazy("ESF+ entry data"), _entry_status),
        Column(gettext_lazy("Entry data due by"), _entry_deadline),
    ],
    rows=participant_rows,
    person=lambda person: str(person.public_id),
)


@task()
def export_participants(download_id: int, file_format: str, query: str, language: str) -> None:
    make_list_export(PARTICIPANTS, download_id, file_format, query, language)


@allow(CASEWORK)
def participant_export(request: HttpRequest, file_format: str) -> HttpResponse:
    """The list as XLSX or CSV, with its filters and every page; made as a download."""
    return request_list_export(
        request, PARTICIPANTS, export_participants, file_format, reverse("people:list")
    )
