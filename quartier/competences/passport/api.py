"""Competence passports over the API, with the pages' rules: counsellors of the holding
organisation issue them, its counsellors and project leads list them.
"""

from datetime import datetime
from uuid import UUID

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import Pages
from quartier.competences.passport.models import Passport
from quartier.competences.passport.services import PassportError, issue_passport, passports_of
from quartier.competences.profile.services import PROFILE_READ, PROFILE_WRITE, get_participant

# The employer view's tag too: the operations stay where the schema listed them.
router = Router(tags=["competences: passport and employers"])


# -- Schemas --------------------------------------------------------------------------


class PassportOut(Schema):
    id: UUID = Field(alias="public_id")
    verification_code: str = Field(alias="display_code")
    status: str
    languages: list[str]
    profile_version: int
    issued_at: datetime
    ready: bool = Field(alias="is_ready")


class PassportIssued(PassportOut):
    new: bool


# -- Passports ------------------------------------------------------------------------------


def _person(user, code: UUID, write: bool = False):
    try:
        return get_participant(user, code, write=write)
    except Http404:
        raise HttpError(404, "Not found.") from None


@router.post(
    "/profiles/{code}/passport",
    response={202: PassportIssued, **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_WRITE),
    summary="Issue a competence passport (rendered in the background; reused if unchanged)",
)
def create_passport(request, code: UUID):
    participant = _person(request.auth, code, write=True)
    try:
        passport, is_new = issue_passport(participant, request.auth)
    except PassportError as error:
        raise HttpError(422, str(error)) from None
    passport.new = is_new
    return Status(202, passport)


@router.get(
    "/profiles/{code}/passports",
    response={200: list[PassportOut], **errors(401, 403, 404, 422)},
    auth=TokenAccess(PROFILE_READ),
    summary="The passports issued for a person, newest first, with their status",
)
@paginate(Pages)
def list_passports(request, code: UUID) -> list[Passport]:
    participant = _person(request.auth, code)
    return passports_of(participant)
