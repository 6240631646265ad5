"""Fixtures of the matching tests: a cook's vacancy at the bakery, and people to match.

Everything goes through the real services (intake, consent, profile parts, vacancies).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from quartier.competences.profile.languages import add_language
from quartier.competences.profile.models import CompetenceProfile
from quartier.competences.profile.skills import add_skills
from quartier.economy.businesses.register import save_business
from quartier.economy.models import Sector
from quartier.economy.vacancies.services import create_vacancy, set_languages, set_skills
from quartier.esco.models import Concept, Label, Relation
from quartier.learning.models import Offer
from quartier.learning.offers import services as offers
from quartier.people.consent import record_consent
from quartier.people.intake import take_in
from quartier.people.models import Purpose
from quartier.places.models import Neighbourhood, Postcode, Quarter

TODAY = date(2026, 6, 15)
ESCO = "http://data.europa.eu/esco/"


@pytest.fixture(autouse=True)
def frozen_today():
    """Every matching test runs on Monday 15 June 2026, midday in Leipzig."""
    with time_machine.travel("2026-06-15 12:00 +0200", tick=False):
        yield


def concept(slug: str, kind: str, de: str, en: str, isco: str = "") -> Concept:
    made = Concept.objects.create(
        uri=f"{ESCO}{kind}/{slug}",
        kind=kind,
        skill_type="skill/competence" if kind == "skill" else "",
        isco_group=isco,
    )
    Label.objects.create(concept=made, language="de", kind="preferred", text=de)
    Label.objects.create(concept=made, language="en", kind="preferred", text=en)
    return made


@pytest.fixture
def esco(db) -> dict[str, Concept]:
    """A cook and a kitchen help sharing the cook's essential skills; a nurse (regulated)."""
    found = {
        "cook": concept("cook", "occupation", "Koch/Köchin", "cook", "5120"),
        "kitchen_help": concept(
            "kitchen-help", "occupation", "Küchenhilfe", "kitchen assistant", "9412"
        ),
        "nurse": concept("nurse", "occupation", "Pflegefachkraft", "nurse", "2221"),
        "prepare": concept("prepare", "skill", "Speisen zubereiten", "prepare dishes"),
        "hygiene": concept(
            "hygiene", "skill", "Lebensmittelhygiene einhalten", "comply with food hygiene"
        ),
        "menu": concept("menu", "skill", "Menüs planen", "plan menus"),
        "care": concept("care", "skill", "Pflege leisten", "provide care"),
    }
    for occupation in ("cook", "kitchen_help"):
        for skill in ("prepare", "hygiene"):
            Relation.objects.create(
                occupation=found[occupation], skill=found[skill], kind="essential"
            )
    Relation.objects.create(occupation=found["cook"], skill=found["menu"], kind="optional")
    Relation.objects.create(occupation=found["nurse"], skill=found["care"], kind="essential")
    return found


@pytest.fixture
def places(db) -> dict[str, str]:
    """Two neighbourhoods of the east and one of the west, by postcode."""
    east = Quarter.objects.create(slug="ost", name="Ost")
    west = Quarter.objects.create(slug="west", name="West")
    for code, slug, quarter in (
        ("04315", "neustadt", east),
        ("04318", "anger", east),
        ("04177", "lindenau", west),
    ):
        neighbourhood = Neighbourhood.objects.create(slug=slug, name=slug.title(), quarter=quarter)
        Postcode.objects.create(code=code, neighbourhood=neighbourhood)
    return {"near": "04315", "quarter": "04318", "far": "04177"}


@pytest.fixture
def bakery(personas, business_org, places):
    """The employer persona's own business, in the east."""
    return save_business(
        None,
        {
            "name": "Bäckerei am Platz",
            "organisation": business_org,
            "sector": Sector.objects.get(slug="crafts"),
            "postcode": places["near"],
        },
        personas["advisor"],
    )


@pytest.fixture
def cook_vacancy(bakery, personas, esco):
    """A cook with German B1 (required), both essential skills asked for and one optional."""
    advisor = personas["advisor"]
    vacancy = create_vacancy(
        bakery,
        advisor,
        kind="job",
        titles={"de": "Koch/Köchin", "en": "Cook"},
        occupation=esco["cook"],
    )
    set_skills(
        vacancy, advisor, [(esco["prepare"], True), (esco["hygiene"], True), (esco["menu"], False)]
    )
    set_languages(vacancy, advisor, [("de", "B1")])
    return vacancy


@pytest.fixture
def make_person(project, personas):
    """A participant with a profile: skills, German at a level, consent or not."""

    def make(
        organisation,
        name: str,
        *,
        skills=(),
        german: str = "B1",
        consent: bool = True,
        postcode: str = "",
        by=None,
        **fields,
    ) -> CompetenceProfile:
        by = by or personas["counsellor"]
        participant = take_in(
            organisation,
            project,
            by,
            date(2026, 3, 2),
            given_name=name,
            family_name="Beispiel",
            postcode=postcode,
            **fields,
        )
        if skills:
            add_skills(participant, by, list(skills))
        if german:
            add_language(participant, by, language="de", understanding=german, speaking=german)
        if consent:
            record_consent(participant, Purpose.EMPLOYER_PROFILE, "de", by)
        return CompetenceProfile.objects.with_scopes_disabled().get(participant=participant)

    return make


@pytest.fixture
def make_course(personas, home_org):
    """An offer of the learning place teaching some skills, with one date ``days`` from
    today (negative: over), through the offers' services."""

    def make(title: str, skills, *, days: int = 7, published: bool = True, **fields) -> Offer:
        coordinator = personas["coordinator"]
        offer = offers.create_offer(
            home_org,
            coordinator,
            kind="course",
            title={"de": title},
            online_url="https://lernen.example.org/kurs",
            languages=["de"],
            published=published,
            **fields,
        )
        starts = datetime(2026, 6, 15, 10, tzinfo=ZoneInfo("Europe/Berlin")) + timedelta(days=days)
        offers.add_date(offer, coordinator, starts, starts + timedelta(hours=3))
        offers.set_skills(offer, coordinator, list(skills))
        return offer

    return make
