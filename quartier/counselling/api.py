"""Cases and counselling contacts over the API, with the rules of the staff pages."""

from datetime import date
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.access import roles
from quartier.accounts.models import Role
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import AuditedCursorPages
from quartier.counselling.cases import CounsellingError, cases_visible_to, get_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.models import Contact, ContactChannel
from quartier.people.intake import view_participant

router = Router(tags=["counselling"])

COUNSELLING = roles(Role.COUNSELLOR, Role.PROJECT_LEAD)


class CaseOut(Schema):
    id: UUID = Field(alias="public_id")
    participant: UUID = Field(alias="participant.public_id")
    organisation: str = Field(alias="organisation.slug")
    status: str
    counsellor: str | None = Field(None, alias="counsellor.email")
    opened_on: date
    closed_on: date | None
    next_step: str
    next_step_due: date | None


class ContactOut(Schema):
    date: date
    duration_minutes: int
    channel: str
    language: str
    interpreter: bool
    topics: list[str]
    notes: str
    next_step: str
    next_step_due: date | None
    counsellor: str | None = Field(None, alias="counsellor.email")


class CaseDetail(CaseOut):
    contacts: list[ContactOut]

    @staticmethod
    def resolve_contacts(case) -> list[Contact]:
        return case.contacts_list


class ContactIn(Schema):
    date: date
    duration_minutes: int = Field(gt=0, le=600)
    channel: ContactChannel
    language: str = Field(min_length=2, max_length=10)
    interpreter: bool = False
    topics: list[str] = []
    notes: str = ""
    next_step: str = Field("", max_length=Contact._meta.get_field("next_step").max_length)
    next_step_due: date | None = None


def _case(user, code: UUID, work: bool = False):
    try:
        return get_case(user, code, work=work, related=("counsellor",))
    except Http404:
        raise HttpError(404, "Not found.") from None
    except PermissionDenied:
        raise HttpError(403, "You may read this case but not add to it.") from None


@router.get(
    "/cases",
    response={200: list[CaseOut], **errors(401, 403, 422)},
    auth=TokenAccess(COUNSELLING),
    summary="Cases I may see (which people were shown is audited, per page)",
)
@paginate(
    AuditedCursorPages,
    code="counselling.case.listed",
    access=COUNSELLING,
    person=lambda case: case.participant,
)
def list_cases(request, status: str = ""):
    cases = cases_visible_to(request.auth).select_related(
        "participant", "organisation", "counsellor"
    )
    if status:
        cases = cases.filter(status=status)
    return cases.order_by("-opened_on", "id")


@router.get(
    "/cases/{code}",
    response={200: CaseDetail, **errors(401, 403, 404, 422)},
    auth=TokenAccess(COUNSELLING),
    summary="One case with its contacts (the read is audited)",
)
def get_case_detail(request, code: UUID):
    case = _case(request.auth, code)
    view_participant(case.participant, request.auth)
    case.contacts_list = list(
        Contact.objects.with_scopes_disabled()
        .filter(case=case)
        .select_related("counsellor")
        .order_by("date", "id")
    )
    return case


@router.post(
    "/cases/{code}/contacts",
    response={201: ContactOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(COUNSELLING),
    summary="Record a counselling contact",
)
def create_contact(request, code: UUID, payload: ContactIn):
    case = _case(request.auth, code, work=True)
    try:
        contact = add_contact(case, request.auth, **payload.dict())
    except CounsellingError as error:
        raise HttpError(422, str(error)) from None
    return Status(201, contact)
