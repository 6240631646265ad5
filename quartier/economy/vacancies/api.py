"""Vacancies and training places over the API, with the rules of the pages.

Reading is public (published open vacancies); with a staff or employer token the
list and detail show every vacancy the token's user may read, drafts included.
Advisors and project leads create and change any vacancy, an employer only its own
business's (another's is a 404), with the same messages as the pages.
"""

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.middleware import rescope_for
from quartier.accounts.tokens import user_for_token
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import Pages
from quartier.economy.models import Business, PayPeriod, Vacancy, VacancyKind, VacancyStatus
from quartier.economy.vacancies import services as vacancies
from quartier.economy.vacancies.services import VACANCY_EDITORS, VACANCY_READERS
from quartier.esco.models import Concept

router = Router(tags=["economy"])


class VacancySkillOut(Schema):
    uri: str = Field(alias="concept.uri")
    required: bool


class VacancyLanguageOut(Schema):
    language: str
    level: str
    # False: welcome, not a condition (matching's gate applies to required ones only).
    required: bool


class VacancyOut(Schema):
    id: UUID = Field(alias="public_id")
    business: str = Field(alias="business.slug")
    business_name: str = Field(alias="business.name")
    kind: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    occupation: str | None = Field(None, alias="occupation.uri")
    hours_per_week: float | None
    starts_on: date | None
    closes_on: date | None
    pay_min: float | None
    pay_max: float | None
    pay_period: str
    status: str
    published: bool
    skills: list[VacancySkillOut]
    languages: list[VacancyLanguageOut]

    @staticmethod
    def resolve_skills(vacancy) -> list:
        return list(vacancy.skills.all())

    @staticmethod
    def resolve_languages(vacancy) -> list:
        return list(vacancy.languages.all())


class VacancySkillIn(Schema):
    uri: str
    required: bool = True


class VacancyLanguageIn(Schema):
    language: str
    level: str
    required: bool = True


class VacancyIn(Schema):
    business: str
    kind: VacancyKind
    titles: dict[str, str]
    descriptions: dict[str, str] = {}
    occupation: str | None = None
    hours_per_week: Decimal | None = None
    starts_on: date | None = None
    closes_on: date | None = None
    pay_min: Decimal | None = None
    pay_max: Decimal | None = None
    pay_period: PayPeriod | None = None
    status: VacancyStatus = VacancyStatus.OPEN
    published: bool = False
    skills: list[VacancySkillIn] = []
    languages: list[VacancyLanguageIn] = []


class VacancyPatch(Schema):
    kind: VacancyKind | None = None
    titles: dict[str, str] | None = None
    descriptions: dict[str, str] | None = None
    occupation: str | None = None
    hours_per_week: Decimal | None = None
    starts_on: date | None = None
    closes_on: date | None = None
    pay_min: Decimal | None = None
    pay_max: Decimal | None = None
    pay_period: PayPeriod | None = None
    status: VacancyStatus | None = None
    published: bool | None = None
    skills: list[VacancySkillIn] | None = None
    languages: list[VacancyLanguageIn] | None = None


def _reader(request: HttpRequest):
    """The token's user when a token is given (401 for a bad one), else None (public)."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _space, raw = header.partition(" ")
    user = user_for_token(raw.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise HttpError(401, "Unauthorized")
    request.user = user
    rescope_for(user, VACANCY_READERS)
    return user if VACANCY_READERS.allows(user) else None


def _readable(reader):
    """Published open vacancies for everyone, and whatever else the token's user may read."""
    if reader is None:
        return vacancies.public_vacancies()
    return vacancies.vacancies_visible_to(reader) | vacancies.public_vacancies()


def _with_related(queryset):
    return queryset.select_related("business", "occupation").prefetch_related(
        "skills__concept", "languages"
    )


@router.get(
    "/vacancies",
    response={200: list[VacancyOut], **errors(401, 422)},
    auth=None,
    summary="Vacancies: published ones, or with a token all the user may read",
)
@paginate(Pages)
def list_vacancies(request, kind: str = "", status: str = "", business: str = ""):
    reader = _reader(request)
    queryset = _readable(reader)
    if kind:
        queryset = queryset.filter(kind=kind)
    if status and reader:
        queryset = queryset.filter(status=status)
    if business:
        queryset = queryset.filter(business__slug=business)
    return _with_related(queryset).order_by("-created_at", "-id")


@router.get(
    "/vacancies/{code}",
    response={200: VacancyOut, **errors(401, 404, 422)},
    auth=None,
    summary="One vacancy",
)
def get_vacancy(request, code: UUID):
    reader = _reader(request)
    queryset = _readable(reader)
    vacancy = _with_related(queryset).filter(public_id=code).first()
    if vacancy is None:
        raise HttpError(404, "Not found.")
    return vacancy


def _concept(uri: str, kind: str) -> Concept:
    concept = Concept.objects.filter(uri=uri, kind=kind).first()
    if concept is None:
        raise HttpError(422, f"Unknown ESCO {kind}: {uri}")
    return concept


def _values(payload: dict) -> dict:
    values = {
        key: value
        for key, value in payload.items()
        if key in vacancies.WRITABLE and key != "occupation"
    }
    if values.get("pay_period", "") is None:
        values["pay_period"] = ""
    if payload.get("occupation"):
        values["occupation"] = _concept(payload["occupation"], "occupation")
    return values


def _requirements(vacancy: Vacancy, by, payload: dict) -> None:
    if payload.get("skills") is not None:
        skills = [(_concept(s["uri"], "skill"), s["required"]) for s in payload["skills"]]
        vacancies.set_skills(vacancy, by, skills)
    if payload.get("languages") is not None:
        # A PATCH leaves out what was not sent (``exclude_unset``): required by default.
        pairs = [
            (row["language"], row["level"], row.get("required", True))
            for row in payload["languages"]
        ]
        vacancies.set_languages(vacancy, by, pairs)


def _fresh(vacancy: Vacancy) -> Vacancy:
    return _with_related(Vacancy.objects.filter(pk=vacancy.pk)).get()


@router.post(
    "/vacancies",
    response={201: VacancyOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(VACANCY_EDITORS),
    summary="Enter a vacancy or training place",
)
def create_vacancy(request, payload: VacancyIn):
    data = payload.dict()
    business = Business.objects.filter(slug=data["business"]).first()
    if business is None:
        raise HttpError(404, "Not found.")
    try:
        with transaction.atomic():
            vacancy = vacancies.create_vacancy(business, request.auth, **_values(data))
            _requirements(vacancy, request.auth, data)
    except Http404:
        raise HttpError(404, "Not found.") from None
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return Status(201, _fresh(vacancy))


@router.patch(
    "/vacancies/{code}",
    response={200: VacancyOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(VACANCY_EDITORS),
    summary="Change a vacancy",
)
def change_vacancy(request, code: UUID, payload: VacancyPatch):
    try:
        vacancy = vacancies.get_vacancy(request.auth, code, edit=True)
    except Http404:
        raise HttpError(404, "Not found.") from None
    data = payload.dict(exclude_unset=True)
    try:
        with transaction.atomic():
            vacancies.update_vacancy(vacancy, request.auth, **_values(data))
            _requirements(vacancy, request.auth, data)
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return _fresh(vacancy)
