"""Premises and the cooperation network over the API, read-only, for staff tokens."""

from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from quartier.accounts.access import STAFF
from quartier.api.auth import TokenAccess
from quartier.economy import network_cooperation, network_graph, network_premises
from quartier.economy.models import CooperationKind, House, Unit, UnitStatus, UnitUse

router = Router(tags=["economy"])


class TenantOut(Schema):
    business: str
    name: str
    since: date


class UnitOut(Schema):
    id: int
    floor: int
    label: str
    area: Decimal | None
    intended_use: str
    status: str
    rent_note: str
    tenant: TenantOut | None


class HouseOut(Schema):
    id: int
    name: str
    street: str
    house_number: str
    postcode: str
    city: str
    block: str
    year_built: int | None
    units: int
    vacant: int


class HouseDetail(HouseOut):
    units_list: list[UnitOut]


class VacantUnitOut(UnitOut):
    house: int
    house_name: str
    address: str


class PartyOut(Schema):
    type: str  # "business" or "organisation"
    slug: str
    name: str


class CooperationOut(Schema):
    id: int
    first: PartyOut
    second: PartyOut
    kind: str
    since: date
    until: date | None
    note: str


class CountRow(Schema):
    kind: str
    counts: list[int]


class CountsOut(Schema):
    periods: list[str]
    kinds: list[CountRow]
    totals: list[int]


def _unit(unit: Unit) -> dict:
    current = unit.current[0] if unit.current else None
    return {
        "id": unit.pk,
        "floor": unit.floor,
        "label": unit.label,
        "area": unit.area,
        "intended_use": unit.intended_use,
        "status": unit.status,
        "rent_note": unit.rent_note,
        "tenant": None
        if current is None
        else {
            "business": current.business.slug,
            "name": current.business.name,
            "since": current.since,
        },
    }


def _house(house: House) -> dict:
    return {
        "id": house.pk,
        "name": house.name,
        "street": house.street,
        "house_number": house.house_number,
        "postcode": house.postcode,
        "city": house.city,
        "block": house.block,
        "year_built": house.year_built,
        "units": house.unit_count,
        "vacant": house.vacant_count,
    }


@router.get(
    "/premises/houses",
    response=list[HouseOut],
    auth=TokenAccess(STAFF),
    summary="Houses with their number of units and of vacant units",
)
def list_houses(request, block: str = ""):
    houses = network_premises.houses_with_counts()
    if block:
        houses = houses.filter(block=block)
    return [_house(house) for house in houses]


@router.get(
    "/premises/houses/{id}",
    response=HouseDetail,
    auth=TokenAccess(STAFF),
    summary="A house with its units (highest floor first) and their current tenants",
)
def get_house(request, id: int):
    house = (
        network_premises.houses_with_counts()
        .prefetch_related(
            Prefetch(
                "units",
                queryset=network_premises.units_with_tenant(Unit.objects.all()),
                to_attr="shown",
            )
        )
        .filter(pk=id)
        .first()
    )
    if house is None:
        raise HttpError(404, _("Not found."))
    return {**_house(house), "units_list": [_unit(unit) for unit in house.shown]}


@router.get(
    "/units",
    response=list[VacantUnitOut],
    auth=TokenAccess(STAFF),
    summary="Units, e.g. ?status=vacant, with their house",
)
def list_units(request, status: UnitStatus | None = None, use: UnitUse | None = None):
    units = network_premises.units_with_tenant(Unit.objects.select_related("house")).order_by(
        "house__block", "house__position", "house__street", "house__house_number", "-floor", "label"
    )
    if status:
        units = units.filter(status=status)
    if use:
        units = units.filter(intended_use=use)
    return [
        {
            **_unit(unit),
            "house": unit.house_id,
            "house_name": unit.house.name,
            "address": unit.house.address,
        }
        for unit in units
    ]


class NetworkFilter(Schema):
    start: date | None = None
    end: date | None = None
    kind: CooperationKind | None = None
    sector: str = ""


def _party(cooperation, side: str) -> dict:
    business = getattr(cooperation, f"business_{side}")
    if business is not None:
        return {"type": "business", "slug": business.slug, "name": business.name}
    organisation = getattr(cooperation, f"organisation_{side}")
    return {"type": "organisation", "slug": organisation.slug, "name": organisation.name}


def _checked(filters: NetworkFilter) -> NetworkFilter:
    if filters.start and filters.end and filters.end < filters.start:
        raise HttpError(422, _("The end of the period lies before its start."))
    return filters


@router.get(
    "/network/cooperations",
    response=list[CooperationOut],
    auth=TokenAccess(STAFF),
    summary="Cooperation relations active in a period, of a kind, touching a sector",
)
def list_cooperations(request, filters: Query[NetworkFilter]):
    filters = _checked(filters)
    relations = network_cooperation.cooperations(
        start=filters.start, end=filters.end, kind=filters.kind or "", sector=filters.sector
    )
    return [
        {
            "id": cooperation.pk,
            "first": _party(cooperation, "a"),
            "second": _party(cooperation, "b"),
            "kind": cooperation.kind,
            "since": cooperation.since,
            "until": cooperation.until,
            "note": cooperation.note,
        }
        for cooperation in network_graph.with_parties(relations)
    ]


@router.get(
    "/network/counts",
    response=CountsOut,
    auth=TokenAccess(STAFF),
    summary="Relations active per quarter-year or year, by kind (for reporting)",
)
def cooperation_counts(request, filters: Query[NetworkFilter], by: str = "quarter"):
    filters = _checked(filters)
    if by not in ("quarter", "year"):
        raise HttpError(422, _("Count per 'quarter' or 'year'."))
    today = timezone.localdate()
    start = filters.start or date(today.year - 1, 1, 1)
    end = filters.end or today
    if (end.year - start.year) > 20:
        raise HttpError(422, _("Ask for at most twenty years at once."))
    counted = network_cooperation.counts_per_period(
        start,
        end,
        by,
        network_cooperation.cooperations(kind=filters.kind or "", sector=filters.sector),
    )
    return {
        "periods": [period.label for period in counted.periods],
        "kinds": [{"kind": code, "counts": numbers} for code, _kind, numbers in counted.rows],
        "totals": counted.totals,
    }


class SettlementCountsOut(Schema):
    periods: list[str]
    settled: list[int]
    new_to_quarter: list[int]
    supported: list[int]


@router.get(
    "/premises/settlements/counts",
    response=SettlementCountsOut,
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
    counted = network_premises.settlement_counts(start, end, by)
    return {
        "periods": [period.label for period in counted.periods],
        "settled": counted.settled,
        "new_to_quarter": counted.new_to_quarter,
        "supported": counted.supported,
    }


class AdvertisedUnitOut(Schema):
    street: str
    house_number: str
    postcode: str
    city: str
    floor: int
    area: Decimal | None
    intended_use: str
    rent_note: str


@router.get(
    "/premises/vacant",
    response=list[AdvertisedUnitOut],
    auth=None,
    summary="Vacant units whose owners agreed to advertise them (public)",
)
def advertised_units(request, use: UnitUse | None = None):
    units = network_premises.advertised_units()
    if use:
        units = units.filter(intended_use=use)
    return [
        {
            "street": unit.house.street,
            "house_number": unit.house.house_number,
            "postcode": unit.house.postcode,
            "city": unit.house.city,
            "floor": unit.floor,
            "area": unit.area,
            "intended_use": unit.intended_use,
            "rent_note": unit.rent_note,
        }
        for unit in units
    ]
