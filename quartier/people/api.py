"""Participants over the API, with the permissions and the audit of the staff pages."""

from datetime import date
from uuid import UUID

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.models import Organisation
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import AuditedCursorPages
from quartier.lib.search import search_key
from quartier.people.filters import alphabetical
from quartier.people.intake import CASEWORK, take_in, view_participant
from quartier.people.models import Gender, Participant, Project

router = Router(tags=["people"])

DETAIL_RELATED = ("organisation", "project", "quarter", "neighbourhood", "entry")


class EntryOut(Schema):
    entry_date: date
    complete: bool
    deadline: date
    missing: list[str]


class ParticipantOut(Schema):
    id: UUID = Field(alias="public_id")
    given_name: str
    family_name: str
    name_latin: str
    date_of_birth: date | None
    gender: str
    postcode: str
    quarter: str | None = Field(None, alias="quarter.slug")
    neighbourhood: str | None = Field(None, alias="neighbourhood.slug")
    languages: list[str]
    preferred_language: str
    organisation: str = Field(alias="organisation.slug")
    project: str = Field(alias="project.slug")


class ParticipantDetail(ParticipantOut):
    email: str
    phone: str
    citizenships: list[str]
    # null while no citizenship is recorded (not an answer)
    third_country_national: bool | None = Field(alias="is_third_country_national")
    entry: EntryOut | None = None

    @staticmethod
    def resolve_entry(participant: Participant) -> dict | None:
        return _entry(participant)


def _column(name: str) -> int:
    """The length of the participant's text column: longer is a 422, not a database error."""
    return Participant._meta.get_field(name).max_length


class ParticipantIn(Schema):
    organisation: str
    project: str
    entry_date: date
    given_name: str = Field(min_length=1, max_length=_column("given_name"))
    family_name: str = Field(min_length=1, max_length=_column("family_name"))
    name_latin: str = Field("", max_length=_column("name_latin"))
    date_of_birth: date | None = None
    gender: Gender = Gender.NO_ANSWER
    email: str = Field("", max_length=_column("email"))
    phone: str = Field("", max_length=_column("phone"))
    postcode: str = Field("", max_length=_column("postcode"))
    city: str = Field("", max_length=_column("city"))
    street: str = Field("", max_length=_column("street"))
    languages: list[str] = []
    preferred_language: str = Field("de", max_length=_column("preferred_language"))
    citizenships: list[str] = []


def _entry(participant: Participant) -> dict | None:
    entry = getattr(participant, "entry", None)
    if entry is None:
        return None
    return {
        "entry_date": entry.entry_date,
        "complete": entry.is_complete,
        "deadline": entry.deadline,
        "missing": entry.missing_fields,
    }


@router.get(
    "/participants",
    response={200: list[ParticipantOut], **errors(401, 403, 422)},
    auth=TokenAccess(CASEWORK),
    summary="Participants of my organisations",
)
@paginate(AuditedCursorPages, code="people.participant.listed", access=CASEWORK)
def list_participants(request, search: str = ""):
    people = Participant.objects.filter(anonymised_at=None).select_related(
        "organisation", "project", "quarter", "neighbourhood"
    )
    for word in search_key(search).split():
        people = people.filter(search_key__contains=word)
    return alphabetical(people, search)


@router.get(
    "/participants/{code}",
    response={200: ParticipantDetail, **errors(401, 403, 404, 422)},
    auth=TokenAccess(CASEWORK),
    summary="One participant (the read is audited)",
)
def get_participant(request, code: UUID):
    participant = get_object_or_404(
        Participant.objects.select_related(*DETAIL_RELATED), public_id=code
    )
    return view_participant(participant, request.auth)


@router.post(
    "/participants",
    response={201: ParticipantDetail, **errors(400, 401, 403, 422)},
    auth=TokenAccess(CASEWORK),
    summary="Take a person in",
)
def create_participant(request, payload: ParticipantIn):
    user = request.auth
    allowed = CASEWORK.organisations(user)
    organisation = Organisation.objects.filter(slug=payload.organisation, pk__in=allowed).first()
    if organisation is None:
        raise HttpError(403, "You may not take people in for this organisation.")
    project = Project.objects.filter(slug=payload.project).first()
    if project is None:
        raise HttpError(422, f"Unknown project {payload.project!r}.")
    fields = payload.dict(exclude={"organisation", "project", "entry_date"})
    with transaction.atomic():
        participant = take_in(organisation, project, user, payload.entry_date, **fields)
    return Status(201, Participant.objects.select_related(*DETAIL_RELATED).get(pk=participant.pk))
