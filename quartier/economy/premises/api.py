"""Premises over the API: read-only for staff tokens, advertised vacant units in public."""

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.access import STAFF
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import Pages
from quartier.economy.models import Unit, UnitStatus, UnitUse
from quartier.economy.premises import services

router = Router(tags=["economy"])


class TenantOut(Schema):
    business: str
    name: str
    since: date


class UnitOut(Schema):
    """A unit from ``premises.services.units_with_tenant``."""

    id: int
    floor: int
    label: str
    area: Decimal | None
    intended_use: str
    status: str
    rent_note: str
    tenant: TenantOut | None

    @staticmethod
    def resolve_tenant(unit) -> dict | None:
        current = unit.current[0] if unit.current else None
        if current is None:
            return None
        return {
            "business": current.business.slug,
            "name": current.business.name,
            "since": current.since,
        }


class HouseOut(Schema):
    """A house from ``premises.services.houses_with_counts``."""

    id: int
    name: str
    street: str
    house_number: str
    postcode: str
    city: str
    block: str
    year_built: int | None
    units: int = Field(alias="unit_count")
    vacant: int = Field(alias="vacant_count")


class HouseDetail(HouseOut):
    units_list: list[UnitOut] = Field(alias="shown")


class VacantUnitOut(UnitOut):
    house: int = Field(alias="house_id")
    house_name: str = Field(alias="house.name")
    address: str = Field(alias="house.address")


@router.get(
    "/premises/houses",
    response={200: list[HouseOut], **errors(401, 403, 422)},
    auth=TokenAccess(STAFF),
    summary="Houses with their number of units and of vacant units",
)
@paginate(Pages)
def list_houses(request, block: str = ""):
    houses = services.houses_with_counts()
    if block:
        houses = houses.filter(block=block)
    return houses


@router.get(
    "/premises/houses/{id}",
    response={200: HouseDetail, **errors(401, 403, 404, 422)},
    auth=TokenAccess(STAFF),
    summary="A house with its units (highest floor first) and their current tenants",
)
def get_house(request, id: int):
    house = (
        services.houses_with_counts()
        .prefetch_related(
            Prefetch(
                "units",
                queryset=services.units_with_tenant(Unit.objects.all()),
                to_attr="shown",
            )
        )
        .filter(pk=id)
        .first()
    )
    if house is None:
        raise HttpError(404, _("Not found."))
    return house


@router.get(
    "/units",
    response={200: list[VacantUnitOut], **errors(401, 403, 422)},
    auth=TokenAccess(STAFF),
    summary="Units, e.g. ?status=vacant, with their house",
)
@paginate(Pages)
def list_units(request, status: UnitStatus | None = None, use: UnitUse | None = None):
    units = services.units_with_tenant(Unit.objects.select_related("house")).order_by(
        "house__block", "house__position", "house__street", "house__house_number", "-floor", "label"
    )
    if status:
        units = units.filter(status=status)
    if use:
        units = units.filter(intended_use=use)
    return units


class SettlementCountsOut(Schema):
    periods: list[str]
    settled: list[int]
    new_to_quarter: list[int]
    supported: list[int]


@router.get(
    "/premises/settlements/counts",
    response={200: SettlementCountsOut, **errors(401, 403, 422)},
    auth=TokenAccess(STAFF),
    summary="Businesses that moved in per year or quarter-year (for reporting)",
)
def settlement_counts(
    request, start: date | None = None, end: date | None = None, by: str = "year"
):
    if by not in ("quarter", "year"):
        raise HttpError(422, _("Count per 'quarter' or 'year'."))
    today = timezone.localdate()
    start = start or date(today.year - 2, 1, 1)
    end = end or today
    if end < start:
        raise HttpError(422, _("The end of the period lies before its start."))
    if end.year - start.year > 20:
        raise HttpError(422, _("Ask for at most twenty years at once."))
    counted = services.settlement_counts(start, end, by)
    return {
        "periods": [period.label for period in counted.periods],
        "settled": counted.settled,
        "new_to_quarter": counted.new_to_quarter,
        "supported": counted.supported,
    }


class AdvertisedUnitOut(Schema):
    street: str = Field(alias="house.street")
    house_number: str = Field(alias="house.house_number")
    postcode: str = Field(alias="house.postcode")
    city: str = Field(alias="house.city")
    floor: int
    area: Decimal | None
    intended_use: str
    rent_note: str


@router.get(
    "/premises/vacant",
    response={200: list[AdvertisedUnitOut], **errors(422)},
    auth=None,
    summary="Vacant units whose owners agreed to advertise them (public)",
)
@paginate(Pages)
def advertised_units(request, use: UnitUse | None = None):
    units = services.advertised_units()
    if use:
        units = units.filter(intended_use=use)
    return units
