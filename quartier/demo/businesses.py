"""Demo businesses of the quarter (about 120), with contact persons, training paths over two
years and a few training alliances. Names and kinds come from ``data/businesses.toml``;
everything is written through the real services (and so audited). Deterministic and made
once: running the demo again adds nothing.
"""

import random
import tomllib
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import Organisation, User
from quartier.economy.businesses.models import STEP_ORDER
from quartier.economy.businesses.register import save_business, save_contact, unique_slug
from quartier.economy.businesses.sectors import ensure_default_sectors
from quartier.economy.businesses.training import add_part, create_alliance, record_step
from quartier.economy.models import Business, Sector, TrainingStepKind

DATA = Path(__file__).parent / "data" / "businesses.toml"
ADVISOR = "wirtschaft@quartier.example"
DEMO_ORGANISATION = "demo-betrieb"
SEED = 2026


def _pick_contact(rng: random.Random, data: dict, languages: list[str]) -> dict:
    given = rng.choice(data["given_names"])
    family = rng.choice(data["family_names"])
    slug = unique_slug(f"{given} {family}").replace("-", ".")
    return {
        "name": f"{given} {family}",
        "role": rng.choice(data["contact_roles"]),
        "phone": f"0341 {rng.randint(2000000, 9999999)}",
        "email": f"{slug}@betrieb.example",
        "languages": languages[:2],
    }


@transaction.atomic
def create_demo_businesses() -> str:
    if Business.objects.filter(organisation__slug=DEMO_ORGANISATION).exists():
        return "Demo businesses already there."
    advisor = User.objects.filter(email=ADVISOR).first()
    if advisor is None:
        return "No demo business advisor; run the demo logins first."
    ensure_default_sectors()
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    today = timezone.localdate()
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    streets = data["streets"]
    by_sector: dict[str, list[Business]] = {}

    def add(name: str, kind: dict, **extra) -> Business:
        street, postcode, highest = rng.choice(streets)
        languages = list(rng.choice(kind["languages"]))
        staff = rng.randint(*kind["staff"])
        founded = today - timedelta(days=rng.randint(200, 365 * 25))
        status = rng.choices(["active", "founding", "planned", "closed"], [88, 5, 3, 4])[0]
        values = {
            "name": name,
            "sector": sectors.get(kind["sector"]),
            "legal_form": rng.choice(kind["legal_forms"]),
            "staff_count": staff,
            "street": street,
            "house_number": str(rng.randint(1, highest)),
            "postcode": postcode,
            "city": "Leipzig",
            "languages": languages,
            "migrant_economy": (rng.random() < kind["migrant"]) if rng.random() < 0.8 else None,
            "founded": founded if status != "planned" else None,
            "status": status,
            "opening_hours": kind["hours"],
            "website": f"https://{unique_slug(name)}.example" if rng.random() < 0.6 else "",
            "interest_in_hiring": rng.random() < 0.35,
            "interest_in_training": rng.random() < kind["training"] / 2,
            "listed_publicly": status != "closed" and rng.random() < 0.6,
            **extra,
        }
        if rng.random() < 0.3:
            values["social_media"] = {"instagram": f"https://instagram.example/{unique_slug(name)}"}
        business = save_business(None, values, advisor)
        if business.listed_publicly:
            # The day the business agreed, some time in the two demo years.
            Business.objects.filter(pk=business.pk).update(
                listed_since=today - timedelta(days=rng.randint(0, 700))
            )
        for _ in range(rng.choice([1, 1, 1, 2])):
            save_contact(business, None, _pick_contact(rng, data, languages), advisor)
        by_sector.setdefault(kind["sector"], []).append(business)
        return business

    kinds = data["kinds"]
    for kind in kinds:
        for name in kind["names"]:
            add(name, kind)
    demo_org = Organisation.objects.filter(slug=DEMO_ORGANISATION).first()
    if demo_org is not None:
        add(
            demo_org.name,
            kinds[0],
            organisation=demo_org,
            status="active",
            listed_publicly=True,
            interest_in_hiring=True,
        )

    # Training paths over two years: some businesses walk part of the path.
    trainers = 0
    for sector_slug, businesses in sorted(by_sector.items()):
        kind = next(kind for kind in kinds if kind["sector"] == sector_slug)
        for business in businesses:
            if business.status == "closed" or rng.random() >= kind["training"]:
                continue
            reached = rng.randint(1, len(STEP_ORDER))
            start = today - timedelta(days=rng.randint(120, 700))
            day = start
            for step in STEP_ORDER[:reached]:
                if day > today:
                    break
                record_step(business, step, day, advisor)
                day += timedelta(days=rng.randint(20, 120))
            if reached >= STEP_ORDER.index(TrainingStepKind.TRAINER_QUALIFIED) + 1:
                holder = _pick_contact(rng, data, business.languages)["name"]
                Business.objects.filter(pk=business.pk).update(trainer_aptitude_holder=holder)
            trainers += 1

    # Training alliances: a training lead business and partners of the same sector.
    alliances = 0
    for number, plan in enumerate(data["alliances"]):
        training = Business.objects.filter(sector__slug=plan["sector"], trains=True)
        candidates = list(training.exclude(status="closed").order_by("pk")) or [
            business
            for business in by_sector.get(plan["sector"], [])
            if business.status != "closed"
        ]
        if len(candidates) < 2:
            continue
        rng.shuffle(candidates)
        lead, partners = candidates[0], candidates[1 : 1 + plan["partners"]]
        occupation = _occupation(plan.get("esco_uri", ""))
        # Training years begin on 1 August: every other alliance began this last one.
        last_august = today.year if today.month >= 8 else today.year - 1
        start = date(last_august - number % 2, 8, 1)
        alliance = create_alliance(
            lead,
            advisor,
            start=start,
            end=date(start.year + 3, 7, 31),
            occupation=occupation,
            occupation_label="" if occupation else plan["occupation"],
            apprentice_label=f"Auszubildende/r {start.year}",
            covers="Grundausbildung und Abschlussprüfung",
            months=24,
        )
        for partner in partners:
            add_part(alliance, partner, advisor, covers="Spezialisierung", months=6)
        alliances += 1
    count = Business.objects.count()
    return f"Demo businesses: {count}, {trainers} on the training path, {alliances} alliances."


def _occupation(uri: str):
    """The occupation by its ESCO URI (None without one, or when ESCO is not loaded)."""
    from quartier.esco.models import Concept

    if not uri:
        return None
    return Concept.objects.filter(kind=Concept.Kind.OCCUPATION, uri=uri).first()
