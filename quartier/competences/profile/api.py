"""The competence profile over the API, with exactly the rules of the staff pages.

Counsellors and project leads of the organisation holding the person read;
its counsellors add. Persons are addressed by their public id, ESCO concepts by
their URI. Reads are audited like the page's.
"""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import Pages
from quartier.competences.profile import experience, informal, languages, qualifications, skills
from quartier.competences.profile.models import (
    ActivityField,
    Cefr,
    Certificate,
    EvidenceLevel,
    Experience,
    InformalCompetence,
    IscedLevel,
    LanguageSkill,
    ProfileSkill,
    Qualification,
    RecognitionStatus,
    Setting,
    SkillLevel,
    SkillSource,
    ValidationStatus,
)
from quartier.competences.profile.services import (
    PROFILE_READ,
    PROFILE_WRITE,
    existing_profile,
    get_participant,
    view_profile,
)
from quartier.esco.models import Concept, Label

router = Router(tags=["competences"])


# -- Output ---------------------------------------------------------------------------


class ConceptOut(Schema):
    uri: str
    kind: str
    label: str

    @staticmethod
    def resolve_label(concept) -> str:
        return concept.label(get_language() or "de")


class QualificationOut(Schema):
    id: int
    title_original: str
    title_de: str
    country: str
    original_language: str
    isced_level: str
    year: int | None
    field_of_study: str
    without_papers: bool
    evidence: str | None = None
    recognition_status: str
    competent_body: str
    reference_occupation: ConceptOut | None
    reference_occupation_text: str
    recognition_decided_on: date | None
    validation_status: str

    @staticmethod
    def resolve_evidence(item) -> str | None:
        return item.evidence_name or None


class LanguageOut(Schema):
    id: int
    language: str
    understanding: str
    speaking: str
    writing: str
    certificate: str
    certificate_year: int | None


class ExperienceOut(Schema):
    id: int
    title: str
    occupation: ConceptOut | None
    country: str
    employer: str
    setting: str
    formal: bool
    started_on: date | None
    ended_on: date | None
    description: str


class SkillOut(Schema):
    id: int
    concept: ConceptOut
    source: str
    level: str
    evidence_level: str


class InformalOut(Schema):
    id: int
    field: str
    activity: str
    competence: str
    self_assessment: int | None
    counsellor_assessment: int | None
    evidence_level: str
    skills: list[ConceptOut]

    @staticmethod
    def resolve_skills(item) -> list[Concept]:
        return list(item.skills.all())


class ProfileOut(Schema):
    participant: UUID
    version: int
    changed_at: str | None
    summary: str
    # What the person looks for, read by matching.
    hours_per_week: float | None
    available_from: date | None
    qualifications: list[QualificationOut]
    languages: list[LanguageOut]
    experience: list[ExperienceOut]
    skills: list[SkillOut]
    informal: list[InformalOut]


# -- Input ----------------------------------------------------------------------------


class QualificationIn(Schema):
    title_original: str = Field(min_length=1, max_length=300)
    title_de: str = ""
    country: str = ""
    original_language: str = ""
    isced_level: IscedLevel | None = None
    year: int | None = None
    field_of_study: str = ""
    without_papers: bool = False
    recognition_status: RecognitionStatus = RecognitionStatus.NOT_STARTED
    competent_body: str = ""
    reference_occupation: str | None = Field(None, description="ESCO URI of an occupation")
    reference_occupation_text: str = ""
    recognition_decided_on: date | None = None
    validation_status: ValidationStatus = ValidationStatus.NOT_STARTED


class LanguageIn(Schema):
    language: str = Field(min_length=2, max_length=3)
    understanding: Cefr | None = None
    speaking: Cefr | None = None
    writing: Cefr | None = None
    certificate: Certificate = Certificate.NONE
    certificate_year: int | None = None


class ExperienceIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    occupation: str | None = Field(None, description="ESCO URI of an occupation")
    country: str = ""
    employer: str = ""
    setting: Setting = Setting.EMPLOYMENT
    formal: bool = True
    started_on: date | None = None
    ended_on: date | None = None
    description: str = ""


class SkillsIn(Schema):
    concepts: list[str] = Field(min_length=1, description="ESCO URIs")
    source: SkillSource = SkillSource.COUNSELLOR
    level: SkillLevel | None = None
    evidence_level: EvidenceLevel = EvidenceLevel.SELF_DECLARED


class InformalIn(Schema):
    field: ActivityField
    activity: str = Field(min_length=1)
    competence: str = Field(min_length=1)
    self_assessment: int | None = Field(None, ge=1, le=4)
    counsellor_assessment: int | None = Field(None, ge=1, le=4)
    evidence_level: EvidenceLevel = EvidenceLevel.SELF_DECLARED
    skills: list[str] = Field([], description="ESCO URIs of skills")


# -- Helpers ---------------------------------------------------------------------------


def _person(user, code: UUID, write: bool = False):
    try:
        return get_participant(user, code, write=write)
    except Http404:
        raise HttpError(404, _("Not found.")) from None


def _labels(path: str) -> Prefetch:
    return Prefetch(path, queryset=Label.objects.filter(kind=Label.Kind.PREFERRED))


def _concepts(uris: list[str], kind: str, field: str) -> list[Concept]:
    """The concepts with these URIs, in that order; one query (plus labels)."""
    found = {
        concept.uri: concept
        for concept in Concept.objects.filter(uri__in=uris, kind=kind).prefetch_related(
            _labels("labels")
        )
    }
    missing = [uri for uri in uris if uri not in found]
    if missing:
        raise HttpError(
            422,
            _("%(field)s: no ESCO %(kind)s with the URI %(uri)s.")
            % {"field": field, "kind": Concept.Kind(kind).label, "uri": missing[0]},
        )
    return [found[uri] for uri in uris]


def _one_concept(uri: str | None, kind: str, field: str) -> Concept | None:
    return _concepts([uri], kind, field)[0] if uri else None


def _unprocessable(error: ValidationError) -> HttpError:
    if hasattr(error, "error_dict"):
        text = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    else:
        text = " ".join(error.messages)
    return HttpError(422, text)


def _qualifications(profile):
    return (
        Qualification.objects.with_scopes_disabled()
        .filter(profile=profile)
        .select_related("reference_occupation")
        .prefetch_related(_labels("reference_occupation__labels"))
    )


def _languages(profile):
    return languages.german_first(
        list(LanguageSkill.objects.with_scopes_disabled().filter(profile=profile))
    )


def _experience(profile):
    return (
        Experience.objects.with_scopes_disabled()
        .filter(profile=profile)
        .select_related("occupation")
        .prefetch_related(_labels("occupation__labels"))
    )


def _skills(profile):
    return (
        ProfileSkill.objects.with_scopes_disabled()
        .filter(profile=profile)
        .select_related("concept")
        .prefetch_related(_labels("concept__labels"))
    )


def _informal(profile):
    return (
        InformalCompetence.objects.with_scopes_disabled()
        .filter(profile=profile)
        .prefetch_related(
            Prefetch("skills", queryset=Concept.objects.prefetch_related(_labels("labels")))
        )
    )


def _list(participant, query):
    profile = existing_profile(participant)
    return [] if profile is None else query(profile)


# -- The whole profile -------------------------------------------------------------------


@router.get(
    "/profiles/{code}",
    response={200: ProfileOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_READ),
    summary="A person's whole competence profile (the read is audited)",
)
def get_profile(request, code: UUID):
    participant = _person(request.auth, code)
    view_profile(participant, request.auth)
    profile = existing_profile(participant)
    empty = profile is None
    return {
        "participant": participant.public_id,
        "version": 0 if empty else profile.version,
        "changed_at": None if empty else profile.changed_at.isoformat(),
        "summary": "" if empty else profile.summary,
        "hours_per_week": None if empty else profile.hours_per_week,
        "available_from": None if empty else profile.available_from,
        "qualifications": [] if empty else list(_qualifications(profile)),
        "languages": [] if empty else _languages(profile),
        "experience": [] if empty else list(_experience(profile)),
        "skills": [] if empty else list(_skills(profile)),
        "informal": [] if empty else list(_informal(profile)),
    }


# -- The parts --------------------------------------------------------------------------


@router.get(
    "/profiles/{code}/qualifications",
    response={200: list[QualificationOut], **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_READ),
    summary="A person's qualifications",
)
@paginate(Pages)
def list_qualifications(request, code: UUID):
    participant = _person(request.auth, code)
    view_profile(participant, request.auth)
    return _list(participant, _qualifications)


@router.post(
    "/profiles/{code}/qualifications",
    response={201: QualificationOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_WRITE),
    summary="Record a qualification (evidence documents are uploaded on the staff page)",
)
def create_qualification(request, code: UUID, payload: QualificationIn):
    participant = _person(request.auth, code, write=True)
    fields = payload.dict()
    fields["isced_level"] = fields["isced_level"] or ""
    fields["reference_occupation"] = _one_concept(
        fields["reference_occupation"], Concept.Kind.OCCUPATION, "reference_occupation"
    )
    try:
        item = qualifications.add_qualification(participant, request.auth, **fields)
    except ValidationError as error:
        raise _unprocessable(error) from None
    return Status(201, item)


@router.get(
    "/profiles/{code}/languages",
    response={200: list[LanguageOut], **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_READ),
    summary="A person's languages, German first",
)
@paginate(Pages)
def list_languages(request, code: UUID):
    participant = _person(request.auth, code)
    view_profile(participant, request.auth)
    return _list(participant, _languages)


@router.post(
    "/profiles/{code}/languages",
    response={201: LanguageOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_WRITE),
    summary="Record a language with CEFR levels",
)
def create_language(request, code: UUID, payload: LanguageIn):
    participant = _person(request.auth, code, write=True)
    fields = {name: value or "" for name, value in payload.dict().items()}
    fields["certificate_year"] = payload.certificate_year
    try:
        item = languages.add_language(participant, request.auth, **fields)
    except ValidationError as error:
        raise _unprocessable(error) from None
    return Status(201, item)


@router.get(
    "/profiles/{code}/experience",
    response={200: list[ExperienceOut], **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_READ),
    summary="A person's experience",
)
@paginate(Pages)
def list_experience(request, code: UUID):
    participant = _person(request.auth, code)
    view_profile(participant, request.auth)
    return _list(participant, _experience)


@router.post(
    "/profiles/{code}/experience",
    response={201: ExperienceOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_WRITE),
    summary="Record experience, formal or informal",
)
def create_experience(request, code: UUID, payload: ExperienceIn):
    participant = _person(request.auth, code, write=True)
    fields = payload.dict()
    fields["occupation"] = _one_concept(fields["occupation"], Concept.Kind.OCCUPATION, "occupation")
    try:
        item = experience.add_experience(participant, request.auth, **fields)
    except ValidationError as error:
        raise _unprocessable(error) from None
    return Status(201, item)


@router.get(
    "/profiles/{code}/skills",
    response={200: list[SkillOut], **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_READ),
    summary="A person's ESCO skills and occupations",
)
@paginate(Pages)
def list_skills(request, code: UUID):
    participant = _person(request.auth, code)
    view_profile(participant, request.auth)
    return _list(participant, _skills)


@router.post(
    "/profiles/{code}/skills",
    response={201: list[SkillOut], **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_WRITE),
    summary="Add ESCO skills or occupations; those already in the profile are left as they are",
)
def create_skills(request, code: UUID, payload: SkillsIn):
    participant = _person(request.auth, code, write=True)
    found = {
        concept.uri: concept
        for concept in Concept.objects.filter(uri__in=payload.concepts).prefetch_related(
            _labels("labels")
        )
    }
    missing = [uri for uri in payload.concepts if uri not in found]
    if missing:
        raise HttpError(
            422, _("concepts: no ESCO concept with the URI %(uri)s.") % {"uri": missing[0]}
        )
    try:
        added = skills.add_skills(
            participant,
            request.auth,
            [found[uri] for uri in payload.concepts],
            source=payload.source,
            level=payload.level or "",
            evidence_level=payload.evidence_level,
        )
    except ValidationError as error:
        raise _unprocessable(error) from None
    return Status(201, added)


@router.get(
    "/profiles/{code}/informal",
    response={200: list[InformalOut], **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_READ),
    summary="A person's informal competences",
)
@paginate(Pages)
def list_informal(request, code: UUID):
    participant = _person(request.auth, code)
    view_profile(participant, request.auth)
    return _list(participant, _informal)


@router.post(
    "/profiles/{code}/informal",
    response={201: InformalOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_WRITE),
    summary="Record an informal competence (ProfilPASS-style)",
)
def create_informal(request, code: UUID, payload: InformalIn):
    participant = _person(request.auth, code, write=True)
    fields = payload.dict()
    linked = _concepts(fields.pop("skills"), Concept.Kind.SKILL, "skills")
    try:
        item = informal.add_informal(participant, request.auth, skills=linked, **fields)
    except ValidationError as error:
        raise _unprocessable(error) from None
    return Status(201, item)
