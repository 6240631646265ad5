"""Demo premises and cooperation: the houses of ``data/block99.toml`` with tenants and
settlements over two years, and about 150 cooperation relations among the demo businesses
and the programme's organisations. Written through the real services (so audited),
deterministic (seeded) and made once: running the demo again adds nothing.
"""

import random
import tomllib
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import Organisation, OrganisationKind, User
from quartier.economy.models import (
    Business,
    Cooperation,
    CooperationKind,
    House,
    Tenancy,
    Unit,
    UnitStatus,
    UnitUse,
)
from quartier.economy.network.cooperation import record_cooperation
from quartier.economy.premises.services import end_tenancy, let_unit, load_premises

DATA = Path(__file__).parent / "data" / "block99.toml"
ADVISOR = "wirtschaft@quartier.example"
SEED = 99
RELATIONS = 150

# Which businesses let which kind of unit, by sector (the rest take anything).
USES_BY_SECTOR = {
    UnitUse.GASTRONOMY: ("gastronomy",),
    UnitUse.RETAIL: ("retail", "food-retail", "beauty"),
    UnitUse.PRACTICE: ("health", "care"),
    UnitUse.OFFICE: ("services", "it", "care"),
    UnitUse.STUDIO: ("culture-creative",),
    UnitUse.WORKSHOP: ("crafts", "logistics"),
    UnitUse.STORAGE: ("logistics", "food-retail"),
    UnitUse.OTHER: ("beauty", "culture-creative", "services"),
}
KIND_WEIGHTS = {
    CooperationKind.SUPPLIER: 30,
    CooperationKind.JOINT_EVENT: 25,
    CooperationKind.NEIGHBOURS: 15,
    CooperationKind.MENTORING: 12,
    CooperationKind.SHARED_STAFF: 8,
    CooperationKind.TRAINING_ALLIANCE: 5,
    CooperationKind.OTHER: 5,
}


def _months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(months * 30.4))


def _create_houses(data: dict, advisor) -> list[Unit]:
    """The houses and their units as in the file (through ``load_premises``); returns the
    commercial units the file marks as let, still vacant, in the file's order."""
    load_premises(data, advisor)
    wanted = [
        (spec["street"], str(spec["number"]), label)
        for group in (data.get("houses", []), data.get("others", []))
        for spec in group
        for _floor, label, _area, use, status in spec["units"]
        if status == UnitStatus.LET and use != UnitUse.HOUSING
    ]
    units = {
        (unit.house.street, unit.house.house_number, unit.label): unit
        for unit in Unit.objects.select_related("house")
    }
    return [units[key] for key in wanted]


def _place_tenants(data: dict, to_let: list[Unit], advisor, rng: random.Random, today) -> int:
    businesses = list(
        Business.objects.exclude(status=Business.Status.CLOSED).select_related("sector")
    )
    by_name = {business.name: business for business in businesses}
    housed: set[int] = set()
    lettings = 0
    pending = {(unit.house.name, unit.label): unit for unit in to_let}
    for spec in data.get("tenants", []):
        unit = pending.pop((spec["house"], spec["unit"]), None)
        business = by_name.get(spec["business"])
        if unit is None or business is None:
            continue
        let_unit(
            unit,
            business,
            _months_ago(today, spec["months_ago"]),
            advisor,
            supported=spec.get("supported", False),
        )
        housed.add(business.pk)
        lettings += 1
    for unit in pending.values():
        sectors = USES_BY_SECTOR.get(unit.intended_use, ())
        candidates = [
            b
            for b in businesses
            if b.pk not in housed and (b.sector is not None and b.sector.slug in sectors)
        ] or [b for b in businesses if b.pk not in housed]
        if not candidates:
            break
        # Some units changed hands in the two years: an earlier tenant moved out.
        if rng.random() < 0.25 and len(candidates) > 1:
            earlier = rng.choice(candidates)
            start = _months_ago(today, rng.randint(30, 48))
            let_unit(unit, earlier, start, advisor)
            end_tenancy(unit, _months_ago(today, rng.randint(18, 26)), advisor)
            candidates = [b for b in candidates if b.pk != earlier.pk]
            housed.add(earlier.pk)
        business = rng.choice(candidates)
        housed.add(business.pk)
        last = Tenancy.objects.filter(unit=unit).order_by("-until").first()
        if last is None and rng.random() < 0.5:
            # A tenant from before the programme: no settlement of the programme's years.
            Tenancy.objects.create(
                unit=unit, business=business, since=_months_ago(today, rng.randint(30, 120))
            )
            Unit.objects.filter(pk=unit.pk).update(status=UnitStatus.LET)
            continue
        since = _months_ago(today, rng.randint(0, 23))
        if last is not None and since <= last.until:
            since = min(today, last.until + timedelta(days=rng.randint(20, 90)))
        let_unit(unit, business, since, advisor, supported=rng.random() < 0.4)
        lettings += 1
    return lettings


def _relate(advisor, rng: random.Random, today: date) -> int:
    businesses = list(
        Business.objects.exclude(status=Business.Status.CLOSED).order_by("id").only("id", "name")
    )
    organisations = list(
        Organisation.objects.exclude(kind=OrganisationKind.BUSINESS).order_by("id")
    )
    if len(businesses) < 2:
        return 0
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    # A few hubs (a supermarket supplying restaurants, an active trader) get more relations.
    hubs = rng.sample(businesses, min(8, len(businesses)))
    seen: set[tuple[str, str, str]] = set()
    made = 0
    attempts = 0
    while made < RELATIONS and attempts < RELATIONS * 10:
        attempts += 1
        kind = rng.choices(kinds, weights)[0]
        first = rng.choice(hubs) if rng.random() < 0.35 else rng.choice(businesses)
        if (
            organisations
            and kind in (CooperationKind.MENTORING, CooperationKind.JOINT_EVENT)
            and (rng.random() < 0.5)
        ):
            second = rng.choice(organisations)
            key = (f"b{first.pk}", f"o{second.pk}", kind)
        else:
            second = rng.choice(businesses)
            if second.pk == first.pk:
                continue
            low, high = sorted((first.pk, second.pk))
            key = (f"b{low}", f"b{high}", kind)
        if key in seen:
            continue
        seen.add(key)
        since = today - timedelta(days=rng.randint(0, 730))
        until = None
        if rng.random() < 0.3 and (today - since).days > 30:
            until = since + timedelta(days=rng.randint(1, (today - since).days))
        if kind == CooperationKind.JOINT_EVENT and rng.random() < 0.6:
            until = min(today, since + timedelta(days=rng.randint(0, 3)))
        record_cooperation(first, second, kind, since, advisor, until=until)
        made += 1
    return made


@transaction.atomic
def create_demo_network() -> str:
    """Block 99 with tenants and settlements, and cooperation over two years; made once."""
    advisor = User.objects.filter(email=ADVISOR).first()
    if advisor is None:
        return "No demo business advisor; run the demo logins first."
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    today = timezone.localdate()
    lettings = relations = 0
    if not House.objects.filter(block=data.get("block", "")).exists():
        to_let = _create_houses(data, advisor)
        lettings = _place_tenants(data, to_let, advisor, rng, today)
        # Most owners of free shops and offices agreed to advertise them.
        Unit.objects.filter(status=UnitStatus.VACANT).exclude(
            intended_use__in=(UnitUse.HOUSING, UnitUse.STORAGE)
        ).update(advertised=True)
    if not Cooperation.objects.exists():
        relations = _relate(advisor, rng, today)
    return f"Demo premises: {lettings} lettings; {relations} cooperation relations."
