"""The employer view and contact requests over the API, with the pages' rules.

Employers (tokens of users with the employer role) read pseudonymous profiles of
people who consented, and ask for contact; counsellors and project leads of the
holding organisation answer.
"""

from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.audit import log_action
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import Pages, page_of
from quartier.competences.employers import contact_requests as requests_
from quartier.competences.employers import services as employers
from quartier.competences.employers.models import LIVE_REQUEST_STATUSES, ContactRequest
from quartier.competences.profile.services import SKILL_GROUPS, with_parts
from quartier.places.models import Quarter

router = Router(tags=["competences: passport and employers"])

ANSWERING = requests_.ANSWERING
PAGE_SIZE = 20


# -- Schemas --------------------------------------------------------------------------


class CandidateLanguage(Schema):
    name: str
    levels: dict[str, str]
    certificate: str


class CandidateQualification(Schema):
    title: str
    isced: str
    recognition: str
    reference: str
    without_papers: bool


class CandidateExperience(Schema):
    title: str
    setting: str
    formal: bool
    years: str


class CandidateInformal(Schema):
    field: str
    competence: str
    evidence: str


class CandidateOut(Schema):
    code: UUID
    pseudonym: str
    quarter: str
    languages: list[CandidateLanguage]
    occupations: list[str]
    skills: list[str]
    knowledge: list[str]
    qualifications: list[CandidateQualification]
    experience: list[CandidateExperience]
    informal: list[CandidateInformal]


class CandidatePage(Schema):
    count: int
    items: list[CandidateOut]


class ContactRequestIn(Schema):
    message: str = Field(min_length=1, max_length=requests_.MESSAGE_MAX)
    contact: str = Field(min_length=1, max_length=requests_.CONTACT_MAX)


class EmployerRequestOut(Schema):
    id: UUID = Field(alias="public_id")
    profile: UUID = Field(alias="profile.public_code")
    status: str
    message: str
    contact: str
    created_at: datetime
    answered_at: datetime | None
    answer: str


class StaffRequestOut(Schema):
    id: UUID = Field(alias="public_id")
    participant: UUID = Field(alias="profile.participant.public_id")
    employer: str = Field(alias="employer.name")
    status: str
    message: str
    contact: str
    created_at: datetime
    asked_at: datetime | None
    answered_at: datetime | None
    answer: str


class AnswerIn(Schema):
    accepted: bool
    answer: str = Field("", max_length=requests_.MESSAGE_MAX)


# -- Helpers ---------------------------------------------------------------------------


def _candidate_json(profile) -> dict:
    candidate = employers.candidate(profile, get_language() or "de")
    skills = {key: candidate.skills.get(key, []) for key in SKILL_GROUPS}
    return {
        "code": profile.public_code,
        "pseudonym": candidate.pseudonym,
        "quarter": candidate.quarter,
        "languages": [
            {
                "name": language["name"],
                "levels": dict(
                    zip(
                        ("understanding", "speaking", "writing"),
                        [level for _area, level in language["levels"]],
                        strict=True,
                    )
                ),
                "certificate": language["certificate"],
            }
            for language in candidate.languages
        ],
        "occupations": skills["occupations"],
        "skills": skills["skills"],
        "knowledge": skills["knowledge"],
        "qualifications": [{**q} for q in candidate.qualifications],
        "experience": [vars(item) for item in candidate.experience],
        "informal": candidate.informal,
    }


def _employer(user):
    try:
        return employers.employer_organisation(user)
    except Http404:
        raise HttpError(403, "You do not act for a business of the programme.") from None


def _candidate(code: UUID):
    try:
        return employers.get_candidate(code)
    except Http404:
        raise HttpError(404, "Not found.") from None


def _request_to_answer(user, code: UUID) -> ContactRequest:
    found = (
        requests_.requests_to_answer(user, ContactRequest.Status.values)
        .select_related("profile__participant", "employer")
        .filter(public_id=code)
        .first()
    )
    if found is None:
        raise HttpError(404, "Not found.")
    return found


def _unprocessable(error: ValidationError) -> HttpError:
    if hasattr(error, "error_dict"):
        text = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    else:
        text = " ".join(error.messages)
    return HttpError(422, text)


# -- Employers ---------------------------------------------------------------------------


@router.get(
    "/candidates",
    response={200: CandidatePage, **errors(401, 403, 422)},
    auth=TokenAccess(employers.EMPLOYER),
    summary="Pseudonymous profiles of people who agreed to be shown to employers",
)
def list_candidates(
    request, q: str = "", language: str = "", quarter: str = "", page: int = Query(1, ge=1)
):
    employer = _employer(request.auth)
    quarter_id = None
    if quarter:
        quarter_id = Quarter.objects.filter(slug=quarter).values_list("pk", flat=True).first()
        if quarter_id is None:
            raise HttpError(422, f"quarter: no quarter with the short name {quarter!r}.")
    profiles = employers.filter_candidates(
        employers.visible_profiles(), text=q.strip(), language=language, quarter=quarter_id
    )
    profiles = with_parts(profiles.select_related("participant__quarter", "organisation")).order_by(
        "-changed_at", "pk"
    )
    # The pages of every list (quartier.api.pagination), by hand: each item is built here.
    shown, count = page_of(profiles, page, PAGE_SIZE)
    items = [_candidate_json(profile) for profile in shown]
    log_action(
        "competences.candidates.listed",
        actor=request.auth,
        data={"page": page, "shown": len(items)},
        organisation=employer,
    )
    return {"count": count, "items": items}


@router.get(
    "/candidates/{code}",
    response={200: CandidateOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(employers.EMPLOYER),
    summary="One pseudonymous profile (the read is audited)",
)
def get_candidate(request, code: UUID):
    employer = _employer(request.auth)
    profile = _candidate(code)
    employers.view_candidate(profile, request.auth, employer)
    return _candidate_json(profile)


@router.post(
    "/candidates/{code}/contact-requests",
    response={201: EmployerRequestOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=TokenAccess(employers.EMPLOYER),
    summary="Ask the person's counsellor for contact",
)
def create_contact_request(request, code: UUID, payload: ContactRequestIn):
    employer = _employer(request.auth)
    profile = _candidate(code)
    try:
        item = requests_.ask_for_contact(
            profile, employer, request.auth, payload.message, payload.contact
        )
    except ValidationError as error:
        raise _unprocessable(error) from None
    except requests_.ContactRequestError as error:
        raise HttpError(409, str(error)) from None
    item.profile = profile
    return Status(201, item)


@router.get(
    "/my-contact-requests",
    response={200: list[EmployerRequestOut], **errors(401, 403, 422)},
    auth=TokenAccess(employers.EMPLOYER),
    summary="The contact requests of my business and their answers",
)
@paginate(Pages)
def list_my_requests(request):
    return (
        requests_.requests_of_employer(request.auth)
        .select_related("profile")
        .order_by("-created_at", "-pk")
    )


# -- Counsellors ----------------------------------------------------------------------------


@router.get(
    "/contact-requests",
    response={200: list[StaffRequestOut], **errors(401, 403, 422)},
    auth=TokenAccess(ANSWERING),
    summary="Employers' requests for the people my organisation holds (open ones by default)",
)
@paginate(Pages)
def list_requests(request, status: str = ""):
    if status and status not in ContactRequest.Status.values:
        raise HttpError(422, f"status: one of {', '.join(ContactRequest.Status.values)}.")
    statuses = [status] if status else LIVE_REQUEST_STATUSES
    return (
        requests_.requests_to_answer(request.auth, statuses)
        .select_related("profile__participant", "employer")
        .order_by("-created_at", "-pk")
    )


@router.post(
    "/contact-requests/{code}/asked",
    response={200: StaffRequestOut, **errors(401, 403, 404, 409, 422)},
    auth=TokenAccess(ANSWERING),
    summary="Record that the person has been asked",
)
def mark_asked(request, code: UUID):
    item = _request_to_answer(request.auth, code)
    try:
        return requests_.record_asked(item, request.auth)
    except requests_.ContactRequestError as error:
        raise HttpError(409, str(error)) from None


@router.post(
    "/contact-requests/{code}/answer",
    response={200: StaffRequestOut, **errors(400, 401, 403, 404, 409, 422)},
    auth=TokenAccess(ANSWERING),
    summary="Answer for the person: accepted (with what the employer may know) or declined",
)
def answer(request, code: UUID, payload: AnswerIn):
    item = _request_to_answer(request.auth, code)
    try:
        return requests_.answer_request(item, request.auth, payload.accepted, payload.answer)
    except ValidationError as error:
        raise _unprocessable(error) from None
    except requests_.ContactRequestError as error:
        raise HttpError(409, str(error)) from None
