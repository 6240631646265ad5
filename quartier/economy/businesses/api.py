"""Businesses over the API with the rules and messages of the staff pages.

Staff tokens read the whole register; business advisors and project leads add and
change businesses; an employer changes only its own business. The public directory
lists the businesses that agreed to be listed, with public fields only.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import CursorPages, Pages
from quartier.economy.businesses import register
from quartier.economy.businesses.public_views import listed_businesses
from quartier.economy.models import Business, Sector

router = Router(tags=["economy"])


class BusinessPublicOut(Schema):
    slug: str
    name: str
    sector: str | None = Field(None, alias="sector.slug")
    street: str
    house_number: str
    postcode: str
    city: str
    languages: list[str]
    website: str
    opening_hours: str


class BusinessOut(BusinessPublicOut):
    organisation: str | None = Field(None, alias="organisation.slug")
    legal_form: str
    staff_count: int | None
    size_class: str
    neighbourhood: str | None = Field(None, alias="neighbourhood.slug")
    quarter: str | None = Field(None, alias="neighbourhood.quarter.slug")
    migrant_economy: bool | None
    founded: date | None
    status: str
    social_media: dict[str, str]
    trains: bool
    trainer_aptitude_holder: str
    interest_in_hiring: bool
    interest_in_training: bool
    listed_publicly: bool
    listed_since: date | None


class BusinessIn(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    slug: str | None = None
    organisation: str | None = None
    legal_form: str | None = None
    sector: str | None = None
    staff_count: int | None = Field(None, ge=0)
    size_class: str | None = None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None
    city: str | None = None
    languages: list[str] | None = None
    migrant_economy: bool | None = None
    founded: date | None = None
    status: str | None = None
    website: str | None = None
    social_media: dict[str, str] | None = None
    opening_hours: str | None = None
    trains: bool | None = None
    trainer_aptitude_holder: str | None = None
    interest_in_hiring: bool | None = None
    interest_in_training: bool | None = None
    listed_publicly: bool | None = None
    listed_since: date | None = None


# Fields that may be sent as null and mean "not known".
NULLABLE = {"staff_count", "migrant_economy", "founded", "listed_since", "organisation", "sector"}

RELATED = ("sector", "organisation", "neighbourhood__quarter")


def _unprocessable(error: ValidationError) -> HttpError:
    if hasattr(error, "error_dict"):
        text = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    else:
        text = " ".join(error.messages)
    return HttpError(422, text)


def _values(payload: BusinessIn) -> dict:
    """The payload's fields that were sent, with sector and organisation looked up."""
    values = {}
    for name, value in payload.dict(exclude_unset=True).items():
        if value is None and name not in NULLABLE:
            raise HttpError(422, _("%(field)s: may not be null.") % {"field": name})
        values[name] = value
    if values.get("sector"):
        sector = Sector.objects.filter(slug=values["sector"]).first()
        if sector is None:
            raise HttpError(
                422,
                _("sector: no sector with the short name %(slug)s.") % {"slug": values["sector"]},
            )
        values["sector"] = sector
    if values.get("organisation"):
        organisation = Organisation.objects.filter(
            slug=values["organisation"], kind=OrganisationKind.BUSINESS
        ).first()
        if organisation is None:
            raise HttpError(
                422,
                _("organisation: no business organisation with the short name %(slug)s.")
                % {"slug": values["organisation"]},
            )
        values["organisation"] = organisation
    return values


def _reload(business: Business) -> Business:
    return Business.objects.select_related(*RELATED).get(pk=business.pk)


@router.get(
    "/businesses",
    response={200: list[BusinessOut], **errors(401, 403, 422)},
    auth=TokenAccess(register.READERS),
    summary="The business register",
)
@paginate(CursorPages)
def list_businesses(request, search: str = "", sector: str = "", status: str = ""):
    businesses = Business.objects.select_related(*RELATED)
    for word in search.split():
        businesses = businesses.filter(name__icontains=word)
    if sector:
        businesses = businesses.filter(sector__slug=sector)
    if status:
        businesses = businesses.filter(status=status)
    return businesses.order_by("name", "id")


@router.get(
    "/businesses/{slug}",
    response={200: BusinessOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(register.READERS),
    summary="One business",
)
def get_business(request, slug: str):
    return register.get_business(slug, Business.objects.select_related(*RELATED))


@router.post(
    "/businesses",
    response={201: BusinessOut, **errors(400, 401, 403, 422)},
    auth=TokenAccess(register.EDITORS),
    summary="Add a business (business advisors and project leads)",
)
def create_business(request, payload: BusinessIn):
    values = _values(payload)
    if not values.get("name"):
        raise HttpError(422, _("name: give the business's name."))
    try:
        business = register.save_business(None, values, request.auth)
    except ValidationError as error:
        raise _unprocessable(error) from None
    return Status(201, _reload(business))


@router.patch(
    "/businesses/{slug}",
    response={200: BusinessOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(register.PROFILE_EDITORS),
    summary="Change a business (advisors and leads any, an employer its own)",
)
def update_business(request, slug: str, payload: BusinessIn):
    business = register.get_editable_business(request.auth, slug)  # 404 for others'
    values = _values(payload)
    if not register.is_editor(request.auth):
        refused = sorted(set(values) & set(register.EDITOR_ONLY_FIELDS))
        if refused:
            raise HttpError(
                403,
                _("Only business advisors change %(fields)s.") % {"fields": ", ".join(refused)},
            )
    try:
        business = register.save_business(business, values, request.auth)
    except ValidationError as error:
        raise _unprocessable(error) from None
    except Http404:
        raise
    return _reload(business)


@router.get(
    "/directory",
    response={200: list[BusinessPublicOut], **errors(422)},
    auth=None,
    summary="The public directory: businesses that agreed to be listed",
)
@paginate(Pages)
def directory(request, sector: str = "", language: str = ""):
    businesses = listed_businesses()
    if sector:
        businesses = businesses.filter(sector__slug=sector)
    if language:
        businesses = businesses.filter(languages__icontains=f'"{language}"')
    return businesses.order_by("name", "id")
