"""Demo data of the advice part: founders with funding advice, two years of on-site
consulting with follow-ups, and about 60 vacancies and training places.

Deterministic (seeded) and idempotent: it does nothing when founders already exist.
Runs after the demo businesses and participants; names are generated like the
demo participants' (``demo.participants.COMMUNITIES``).
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import Organisation, User
from quartier.demo.participants import COMMUNITIES
from quartier.economy.advice.consultations import complete_follow_up, record_consultation
from quartier.economy.advice.founders import create_founder
from quartier.economy.advice.funding import (
    load_catalogue,
    record_advice,
    record_application,
    record_outcome,
)
from quartier.economy.models import (
    Business,
    ConsultationTopic,
    Founder,
    FundingProgramme,
    Sector,
    Vacancy,
    VacancyStatus,
)
from quartier.economy.vacancies.services import (
    create_vacancy,
    set_languages,
    set_skills,
    update_vacancy,
)
from quartier.esco.models import Concept

ADVISOR = "wirtschaft@quartier.example"
LEAD = "projektleitung@quartier.example"

# (community language, sector slug, idea, premises kind, area, stage, programmes discussed)
FOUNDERS = [
    (
        "uk",
        "gastronomy",
        "Bakery with Ukrainian bread; needs investment in ovens",
        "shop",
        70,
        "planning",
        ["kfw-startgeld", "mikromezzaninfonds", "gruendungscoaching-sachsen"],
    ),
    (
        "ar",
        "gastronomy",
        "Syrian catering for events and offices",
        "gastronomy",
        90,
        "founding",
        ["gruendungszuschuss", "mikrodarlehen-sachsen"],
    ),
    (
        "vi",
        "beauty",
        "Nail and cosmetics studio",
        "shop",
        45,
        "founded",
        ["einstiegsgeld", "kfw-startgeld"],
    ),
    (
        "kmr",
        "crafts",
        "Barber shop with two chairs",
        "shop",
        40,
        "planning",
        ["einstiegsgeld", "mikrodarlehen-sachsen"],
    ),
    (
        "ru",
        "it",
        "IT service for small shops: tills, websites, networks",
        "office",
        20,
        "idea",
        ["gruendungszuschuss", "gruendungscoaching-sachsen"],
    ),
    (
        "de",
        "crafts",
        "Carpentry workshop taken over from a retiring master",
        "workshop",
        180,
        "founding",
        ["meistergruendungspraemie-sachsen", "kfw-startgeld", "bafa-beratung"],
    ),
    (
        "ar",
        "food-retail",
        "Oriental grocery with fresh bread",
        "shop",
        120,
        "given_up",
        ["kfw-startgeld"],
    ),
    (
        "vi",
        "gastronomy",
        "Vietnamese street-food kitchen",
        "gastronomy",
        60,
        "planning",
        ["mikromezzaninfonds", "gruendungszuschuss"],
    ),
    (
        "uk",
        "services",
        "Translation and interpreting office (Ukrainian, Russian, German)",
        "office",
        15,
        "idea",
        ["einstiegsgeld"],
    ),
    (
        "de",
        "culture",
        "Screen-printing studio and shop for local designers",
        "studio",
        80,
        "planning",
        ["mikrodarlehen-sachsen", "gruendungscoaching-sachsen"],
    ),
    (
        "ar",
        "care",
        "Care service for families speaking Arabic",
        "office",
        40,
        "idea",
        ["gruendungszuschuss", "bafa-beratung"],
    ),
    (
        "ru",
        "logistics",
        "Cargo-bike delivery for the quarter's shops",
        "storage",
        50,
        "founded",
        ["einstiegsgeld", "mikrodarlehen-sachsen"],
    ),
]

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"

# (the kind of occupation, kind, German title, translations)
VACANCY_TEMPLATES = [
    ("Koch", "job", "Koch/Köchin", {"en": "Cook", "ar": "طباخ/طباخة", "vi": "Đầu bếp"}),
    ("Koch", "apprenticeship", "Ausbildung Koch/Köchin", {"en": "Apprenticeship: cook"}),
    ("Verkäufer", "job", "Verkäufer/in", {"en": "Sales assistant", "ru": "Продавец"}),
    ("Verkäufer", "apprenticeship", "Ausbildung Verkäufer/in", {"uk": "Навчання: продавець"}),
    ("Bäcker", "apprenticeship", "Ausbildung Bäcker/in", {"en": "Apprenticeship: baker"}),
    ("Friseur", "job", "Friseur/in", {"en": "Hairdresser", "kmr": "Porçêker"}),
    ("Friseur", "apprenticeship", "Ausbildung Friseur/in", {"ar": "تدريب مهني: حلاق/ة"}),
    ("Pflege", "job", "Pflegehilfskraft", {"en": "Care assistant", "uk": "Помічник з догляду"}),
    ("Fachinformatiker", "internship", "Praktikum IT-Support", {"en": "Internship: IT support"}),
    (
        "Lager",
        "minijob",
        "Aushilfe im Lager",
        {"en": "Warehouse helper", "ru": "Помощник на складе"},
    ),
    ("Kellner", "minijob", "Servicekraft (Minijob)", {"en": "Waiter or waitress"}),
    ("Tischler", "apprenticeship", "Ausbildung Tischler/in", {"en": "Apprenticeship: carpenter"}),
    ("Reinigung", "job", "Reinigungskraft", {"ar": "عامل/ة نظافة", "vi": "Nhân viên vệ sinh"}),
    ("Kosmetik", "job", "Kosmetiker/in", {"vi": "Chuyên viên thẩm mỹ"}),
    ("Erzieher", "volunteer", "Ehrenamt: Hausaufgabenhilfe", {"en": "Volunteer: homework help"}),
]


# The ESCO occupation of each kind of vacancy, by its URI (the label is for the reader).
WORD_OCCUPATIONS = {
    # Koch/Köchin
    "Koch": ESCO_OCCUPATION + "90f75f67-495d-49fa-ab57-2f320e251d7e",
    # Verkäufer/Verkäuferin
    "Verkäufer": ESCO_OCCUPATION + "9ba74e8a-c40c-4228-9998-eb3c7a5c11df",
    # Bäcker/Bäckerin
    "Bäcker": ESCO_OCCUPATION + "1aadb308-432a-4d01-b54b-b4f7f76dd419",
    # Friseur/Friseurin
    "Friseur": ESCO_OCCUPATION + "099c6bb0-22d3-4c5d-8bf5-70910af381ef",
    # Pflegehelfer/Pflegehelferin
    "Pflege": ESCO_OCCUPATION + "d38c2107-98f2-47b7-8bb4-f69750d51082",
    # Fachinformatiker (Systemintegration)
    "Fachinformatiker": ESCO_OCCUPATION + "07e60525-1aad-4099-aaf3-2c7014c92212",
    # Lagerarbeiter/Lagerarbeiterin
    "Lager": ESCO_OCCUPATION + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f",
    # Kellner/Kellnerin
    "Kellner": ESCO_OCCUPATION + "d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471",
    # Tischler/Tischlerin
    "Tischler": ESCO_OCCUPATION + "e1416610-ad08-4f37-8b46-9f99632a5c0f",
    # Gebäudereiniger (Innenreinigung)
    "Reinigung": ESCO_OCCUPATION + "303a1e34-cb16-4054-b323-81e5eec17397",
    # Kosmetiker/Kosmetikerin
    "Kosmetik": ESCO_OCCUPATION + "a1e1a788-2352-4172-8fcf-1f985a6968b0",
    # Kinderbetreuer/Kinderbetreuerin
    "Erzieher": ESCO_OCCUPATION + "3413f234-6230-47a8-8cc7-2691fd54ce3a",
}

# The sectors whose businesses offer each kind of vacancy (by the template's word).
WORD_SECTORS = {
    "Koch": ("gastronomy",),
    "Kellner": ("gastronomy",),
    "Verkäufer": ("retail", "food-retail"),
    "Bäcker": ("food-retail", "crafts", "gastronomy"),
    "Friseur": ("beauty",),
    "Kosmetik": ("beauty",),
    "Pflege": ("care", "health"),
    "Fachinformatiker": ("it", "services"),
    "Lager": ("logistics", "food-retail", "retail"),
    "Tischler": ("crafts",),
    "Reinigung": ("services", "health", "care"),
    "Erzieher": ("culture-creative", "services"),
}


def _name(rng: random.Random, language: str) -> str:
    community = next(c for c in COMMUNITIES if c.language == language)
    woman = rng.random() < 0.5
    given = rng.choice(community.women if woman else community.men)
    family = rng.choice(community.families)[0 if woman else 1]
    return f"{given} {family}"


def _occupation(word: str) -> Concept | None:
    """The template's occupation by its ESCO URI (None when ESCO is not loaded)."""
    return Concept.objects.filter(kind="occupation", uri=WORD_OCCUPATIONS[word]).first()


def _skills(occupation: Concept | None, rng: random.Random) -> list[tuple[Concept, bool]]:
    if occupation is None:
        return []
    related = list(
        Concept.objects.filter(kind="skill", occupation_relations__occupation=occupation)
        .order_by("pk")
        .distinct()[:8]
    )
    rng.shuffle(related)
    return [(skill, index < 3) for index, skill in enumerate(related[:4])]


@transaction.atomic
def create_demo_advice(participants: list | None = None, seed: int = 5) -> str:
    """Founders, consultations and vacancies for the demo programme (made once)."""
    if Founder.objects.exists():
        return "Demo advice already there."
    if not Business.objects.exists():
        return "Demo advice needs the demo businesses first."
    rng = random.Random(seed)
    today = timezone.localdate()
    start = today - timedelta(days=730)
    advisor = User.objects.get(email=ADVISOR)
    lead = User.objects.get(email=LEAD)
    organisation = Organisation.objects.get(pk=advisor.memberships.first().organisation_id)
    load_catalogue()
    programmes = {p.slug: p for p in FundingProgramme.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    participants = participants or []
    by_language = {}
    for person in participants:
        by_language.setdefault(person.preferred_language, []).append(person)

    # -- Founders with advice and applications ---------------------------------------
    for number, (language, sector, idea, premises, area, stage, slugs) in enumerate(FOUNDERS):
        values = {
            "business_idea": idea,
            "sector": sectors.get(sector),
            "premises_kind": premises,
            "premises_area": area,
            "stage": stage,
            "languages": [language, "de"] if language != "de" else ["de"],
        }
        # Every third founder is a programme participant of the lead's organisation.
        candidates = by_language.get(language, [])
        if number % 3 == 0 and candidates:
            person = candidates[number % len(candidates)]
            founder = create_founder(lead, participant=person, **values)
        else:
            founder = create_founder(advisor, organisation, name=_name(rng, language), **values)
        created = timezone.now() - timedelta(days=730 - 60 * number)
        Founder.objects.filter(pk=founder.pk).update(created_at=created)
        first = start + timedelta(days=60 * number + rng.randint(1, 20))
        chosen = [programmes[slug] for slug in slugs if slug in programmes]
        record_advice(founder, advisor, first, chosen, "Business plan and financing discussed.")
        if stage in ("founding", "founded", "given_up") and chosen:
            applied = first + timedelta(days=rng.randint(14, 40))
            application = record_application(
                founder, advisor, chosen[0], applied, Decimal(rng.choice([5000, 15000, 25000]))
            )
            if stage == "founded":
                amount = application.amount_requested
                record_outcome(
                    application, advisor, "granted", applied + timedelta(days=45), amount
                )
            elif stage == "given_up":
                record_outcome(application, advisor, "refused", applied + timedelta(days=60))

    # -- Consultations over two years ----------------------------------------------------
    businesses = list(Business.objects.order_by("pk"))
    consultations = 0
    topics = ConsultationTopic.values
    for business in businesses[: max(1, len(businesses) * 2 // 5)]:
        for _visit in range(rng.randint(1, 4)):
            on = start + timedelta(days=rng.randint(0, 720))
            follow_up = (
                on + timedelta(days=rng.choice([14, 28, 42])) if rng.random() < 0.6 else None
            )
            consultation = record_consultation(
                business,
                advisor,
                organisation,
                date=min(on, today),
                topics=rng.sample(topics, rng.randint(1, 3)),
                result="Needs discussed on site.",
                next_steps="Send information and candidates." if follow_up else "",
                follow_up_on=follow_up,
            )
            consultations += 1
            # Follow-ups more than three weeks past are done; recent ones stay on the list.
            if follow_up and follow_up < today - timedelta(days=21):
                complete_follow_up(consultation, advisor, follow_up)

    # -- About 60 vacancies and training places ---------------------------------------------
    vacancies = 0
    occupations = {word: _occupation(word) for word, *_rest in VACANCY_TEMPLATES}
    hiring = [b for b in businesses if b.status == "active"] or businesses
    sector_ids = {
        word: {sectors[slug].pk for slug in slugs if slug in sectors}
        for word, slugs in WORD_SECTORS.items()
    }
    dialog_people = [p for p in participants if p.organisation_id in lead_orgs(lead)]
    for number in range(60 if hiring else 0):
        word, kind, title, translations = VACANCY_TEMPLATES[number % len(VACANCY_TEMPLATES)]
        matching = [b for b in hiring if b.sector_id in sector_ids.get(word, set())] or hiring
        business = matching[(number * 7) % len(matching)]
        occupation = occupations[word]
        monthly = kind in ("job", "apprenticeship")
        vacancy = create_vacancy(
            business,
            advisor,
            kind=kind,
            titles={"de": title, **translations},
            descriptions={"de": f"{title} bei {business.name}."},
            occupation=occupation,
            hours_per_week=Decimal(rng.choice([20, 30, 39, 40]) if monthly else 10),
            starts_on=today + timedelta(days=rng.randint(-30, 120)),
            pay_min=Decimal(rng.choice([1000, 2100, 2400])) if monthly else Decimal("13.50"),
            pay_max=None,
            pay_period="month" if monthly else "hour",
            published=number % 3 != 0,
        )
        set_skills(vacancy, advisor, _skills(occupation, rng))
        spoken = [code for code in business.languages if code != "de"][:1]
        set_languages(
            vacancy,
            advisor,
            [("de", rng.choice(["A2", "B1", "B2"]))] + [(code, "B2") for code in spoken],
        )
        Vacancy.objects.filter(pk=vacancy.pk).update(
            created_at=timezone.now() - timedelta(days=rng.randint(0, 700))
        )
        # Every fourth is filled: 15 places, each template once (jobs, apprenticeships,
        # internships, mini-jobs, volunteering).
        if number % 4 == 3:
            filled_by = dialog_people[number % len(dialog_people)] if dialog_people else None
            update_vacancy(vacancy, lead, status=VacancyStatus.FILLED, filled_by=filled_by)
        elif number % 11 == 10:
            update_vacancy(vacancy, advisor, status=VacancyStatus.WITHDRAWN)
        vacancies += 1
    return (
        f"Demo advice: {len(FOUNDERS)} founders, {consultations} consultations, "
        f"{vacancies} vacancies."
    )


def lead_orgs(lead: User) -> set[int]:
    return set(lead.memberships.values_list("organisation_id", flat=True))
