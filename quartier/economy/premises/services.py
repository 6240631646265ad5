"""Premises: letting units, ending tenancies, changing a unit, loading houses and units
(``load-premises``), settlement counts; each write audited."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.economy.models import (
    Business,
    House,
    Settlement,
    Tenancy,
    Unit,
    UnitStatus,
    UnitUse,
)
from quartier.economy.network.cooperation import periods


class PremisesError(ValueError):
    """A premises change that cannot be made; the message is for the user."""


UNIT_FIELDS = ("floor", "label", "area", "intended_use", "status", "rent_note", "advertised")


def current_tenancies() -> QuerySet[Tenancy]:
    return Tenancy.objects.filter(until__isnull=True).select_related("business")


def units_with_tenant(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Units with their current tenancy in ``unit.current`` (a list of at most one).

    Two queries, whatever the number of units.
    """
    return units.prefetch_related(
        Prefetch("tenancies", queryset=current_tenancies(), to_attr="current")
    )


def advertised_units() -> QuerySet[Unit]:
    """Vacant units the owners agreed to show publicly, with their house (one query)."""
    return (
        Unit.objects.filter(status=UnitStatus.VACANT, advertised=True)
        .exclude(intended_use=UnitUse.HOUSING)
        .select_related("house")
        .order_by("house__street", "house__house_number", "-floor", "label", "id")
    )


def houses_with_counts() -> QuerySet[House]:
    """Houses with the number of units and of vacant units (one query); houses of a block
    first, block by block, then the others."""
    return House.objects.annotate(
        unit_count=Count("units"),
        vacant_count=Count("units", filter=Q(units__status=UnitStatus.VACANT)),
        outside_block=Case(When(block="", then=Value(1)), default=Value(0)),
    ).order_by("outside_block", "block", "position", "street", "house_number", "id")


@dataclass(frozen=True)
class Floor:
    number: int
    units: list[Unit]


def floors_of(units: list[Unit]) -> list[Floor]:
    """Units grouped by floor, highest floor first (units arrive ordered so)."""
    floors: list[Floor] = []
    for unit in units:
        if not floors or floors[-1].number != unit.floor:
            floors.append(Floor(unit.floor, []))
        floors[-1].units.append(unit)
    return floors


@transaction.atomic
def let_unit(
    unit: Unit,
    business: Business,
    since: date,
    by,
    *,
    supported: bool = False,
    new_to_quarter: bool | None = None,
) -> Tenancy:
    """Let ``unit`` to ``business`` from ``since``; ends the previous tenancy the day before.

    When the business was not already this unit's tenant, a ``Settlement`` is
    recorded; it counts as new to the quarter when the business never rented
    any unit before (unless ``new_to_quarter`` says otherwise). The unit's
    status becomes "let". Returns the new tenancy.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    current = Tenancy.objects.filter(unit=unit, until__isnull=True).first()
    if current is not None and current.since >= since:
        raise PremisesError(
            _("The current tenancy began on %(date)s; the new one must begin later.")
            % {"date": current.since.isoformat()}
        )
    if current is not None and current.business_id == business.pk:
        raise PremisesError(_("This business already rents the unit."))
    if current is not None:
        current.until = date.fromordinal(since.toordinal() - 1)
        current.save(update_fields=["until"])
        log_action(
            "economy.tenancy.ended",
            by,
            current,
            {"unit": unit.pk, "business": current.business_id, "until": current.until.isoformat()},
        )
    earlier = Tenancy.objects.filter(business=business).exclude(unit=unit)
    was_here = Tenancy.objects.filter(business=business, unit=unit).exists()
    tenancy = Tenancy.objects.create(unit=unit, business=business, since=since)
    unit.status = UnitStatus.LET
    unit.save(update_fields=["status", "updated_at"])
    log_action(
        "economy.tenancy.started",
        by,
        tenancy,
        {"unit": unit.pk, "business": business.pk, "since": since.isoformat()},
    )
    if not was_here:
        if new_to_quarter is None:
            new_to_quarter = not earlier.exists()
        settlement = Settlement.objects.create(
            business=business,
            unit=unit,
            date=since,
            new_to_quarter=new_to_quarter,
            supported=supported,
            recorded_by=by if by is not None and by.is_authenticated else None,
        )
        log_action(
            "economy.settlement.recorded",
            by,
            settlement,
            {"business": business.pk, "unit": unit.pk, "new_to_quarter": new_to_quarter},
        )
    return tenancy


@transaction.atomic
def end_tenancy(unit: Unit, until: date, by, *, status: str = UnitStatus.VACANT) -> Tenancy:
    """End the unit's current tenancy on ``until``; the unit becomes ``status`` (vacant)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    current = Tenancy.objects.filter(unit=unit, until__isnull=True).first()
    if current is None:
        raise PremisesError(_("Nobody rents this unit at the moment."))
    if until < current.since:
        raise PremisesError(_("A tenancy cannot end before it began."))
    if status == UnitStatus.LET:
        raise PremisesError(_("A unit without a tenant cannot be let."))
    current.until = until
    current.save(update_fields=["until"])
    unit.status = status
    unit.save(update_fields=["status", "updated_at"])
    log_action(
        "economy.tenancy.ended",
        by,
        current,
        {"unit": unit.pk, "business": current.business_id, "until": until.isoformat()},
    )
    return current


@transaction.atomic
def change_unit(unit: Unit, by, **changes) -> Unit:
    """Change the unit's description or status.

    A commercial unit is "let" only with a tenant (see ``let_unit``); a flat may be let
    without one.
    """
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise PremisesError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    has_tenant = Tenancy.objects.filter(unit=unit, until__isnull=True).exists()
    status = changes.get("status", unit.status)
    use = changes.get("intended_use", unit.intended_use)
    # Flats are let to residents, whom the register does not record.
    if status == UnitStatus.LET and not has_tenant and use != UnitUse.HOUSING:
        raise PremisesError(_("To mark the unit as let, enter its tenant."))
    if has_tenant and status != UnitStatus.LET:
        raise PremisesError(_("The unit has a tenant: end the tenancy first."))
    changed = {}
    for name, value in changes.items():
        if getattr(unit, name) != value:
            changed[name] = str(value)
            setattr(unit, name, value)
    if changed:
        unit.save(update_fields=[*changes.keys(), "updated_at"])
        log_action("economy.unit.changed", by, unit, changed)
    return unit


@dataclass(frozen=True)
class SettlementCounts:
    """Settlements per period: all, new to the quarter, supported by the programme."""

    periods: list  # network.cooperation.Period
    settled: list[int]
    new_to_quarter: list[int]
    supported: list[int]


def settlement_counts(start: date, end: date, by: str = "year") -> SettlementCounts:
    """How many businesses moved in per year (or quarter-year), for reporting.

    One SQL aggregate query whatever the number of settlements.
    """
    spans = periods(start, end, by)
    aggregates = {}
    for index, period in enumerate(spans):
        within = Q(date__gte=period.start, date__lte=period.end)
        aggregates[f"all{index}"] = Count("id", filter=within)
        aggregates[f"new{index}"] = Count("id", filter=within & Q(new_to_quarter=True))
        aggregates[f"supported{index}"] = Count("id", filter=within & Q(supported=True))
    counted = Settlement.objects.aggregate(**aggregates) if spans else {}
    return SettlementCounts(
        spans,
        [counted[f"all{i}"] for i in range(len(spans))],
        [counted[f"new{i}"] for i in range(len(spans))],
        [counted[f"supported{i}"] for i in range(len(spans))],
    )


@transaction.atomic
def load_premises(data: dict, by=None) -> tuple[int, int]:
    """Create or update houses and their units from a premises file (see
    ``quartier/demo/data/block99.toml`` for the format; ``postcode`` and ``city`` at the top are
    the houses' defaults); all or nothing.

    Houses are matched by street, number and postcode, units by their label in the house.
    A unit's status is taken from the file only when the unit is new, so loading again
    never undoes lettings recorded since. Returns (houses, units) created.
    """
    groups = [(data.get("block", ""), data.get("houses", [])), ("", data.get("others", []))]
    houses_made = units_made = 0
    for block, houses in groups:
        for position, spec in enumerate(houses, start=1):
            try:
                street, number = str(spec["street"]).strip(), str(spec["number"]).strip()
                name = str(spec.get("name") or f"{street} {number}")
                units = list(spec.get("units", []))
            except (KeyError, TypeError) as error:
                raise PremisesError(
                    _("House %(position)s: street and number are required.")
                    % {"position": position}
                ) from error
            house, created = House.objects.update_or_create(
                street=street,
                house_number=number,
                postcode=str(spec.get("postcode", data.get("postcode", ""))),
                defaults={
                    "name": name,
                    "city": str(spec.get("city", data.get("city", ""))),
                    "block": block,
                    "year_built": spec.get("year_built"),
                    "owner_note": str(spec.get("owner", "")),
                    "position": position,
                },
            )
            houses_made += created
            for entry in units:
                try:
                    floor, label, area, use, status = entry
                except (TypeError, ValueError) as error:
                    raise PremisesError(
                        _("%(house)s: a unit is [floor, label, area, use, status].")
                        % {"house": name}
                    ) from error
                if use not in UnitUse.values or status not in UnitStatus.values:
                    raise PremisesError(
                        _("%(house)s, %(unit)s: unknown use or status.")
                        % {"house": name, "unit": label}
                    )
                unit, created = Unit.objects.get_or_create(
                    house=house,
                    label=str(label),
                    defaults={"floor": int(floor), "area": area, "intended_use": use},
                )
                if created:
                    # A commercial unit is let only with a tenant: it starts vacant.
                    commercial_let = status == UnitStatus.LET and use != UnitUse.HOUSING
                    unit.status = UnitStatus.VACANT if commercial_let else status
                    unit.save(update_fields=["status"])
                    units_made += 1
                else:
                    unit.floor, unit.area, unit.intended_use = int(floor), area, use
                    unit.save(update_fields=["floor", "area", "intended_use", "updated_at"])
    log_action("economy.premises.loaded", by, None, {"houses": houses_made, "units": units_made})
    return houses_made, units_made


HOUSE_FIELDS = (
    "name",
    "street",
    "house_number",
    "postcode",
    "city",
    "block",
    "year_built",
    "owner_note",
    "position",
)


@transaction.atomic
def save_house(house: House | None, values: dict, by) -> House:
    """Create (``house`` None) or change a house; raises ValidationError, nothing saved then."""
    creating = house is None
    house = house or House()
    for name in HOUSE_FIELDS:
        if name in values:
            setattr(house, name, values[name])
    house.full_clean()
    house.save()
    log_action(
        "economy.house.created" if creating else "economy.house.changed",
        by,
        house,
        {"name": house.name, "address": house.address},
    )
    return house


@transaction.atomic
def add_unit(house: House, by, **fields) -> Unit:
    """Add a unit to ``house``. A commercial unit cannot start as let: let it to a tenant."""
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise PremisesError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    unit = Unit(house=house, **fields)
    if unit.status == UnitStatus.LET and unit.intended_use != UnitUse.HOUSING:
        raise PremisesError(_("To mark the unit as let, enter its tenant."))
    unit.full_clean()
    unit.save()
    log_action("economy.unit.added", by, unit, {"house": house.pk, "label": unit.label})
    return unit
