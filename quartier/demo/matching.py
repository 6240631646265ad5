"""Generated data for matching at any size: occupations, profiles and open vacancies.

For ``bench/matching.py`` and the matching tests (the same fixture on SQLite and
PostgreSQL): a synthetic taxonomy (so that the shipped ESCO data need not be
loaded), where a few skills are common and most are rare, as in ESCO; people who
hold most of the essential skills of one or two occupations and some others; and
vacancies that ask for some of an occupation's skills and German at a level.
Everything comes from one seeded random generator, so a seed gives the same data
on every database; people are named ``P0000001`` and so on, so that a test can tell
which generated person a result is.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.competences.profile.models import CompetenceProfile, LanguageSkill, ProfileSkill
from quartier.competences.profile.services import language_step
from quartier.demo.generate import Writer
from quartier.economy.models import Business, Vacancy, VacancyLanguage, VacancySkill
from quartier.esco.models import Concept, Relation
from quartier.people.models import Consent, Participant, Project, Purpose
from quartier.places.models import Neighbourhood, Quarter

OCCUPATIONS = 80
SKILLS = 600
ESSENTIAL = 8
OPTIONAL = 6
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
CHUNK = 5000
URI = "generated:"


@dataclass
class Generated:
    occupations: list[int] = field(default_factory=list)
    profiles: int = 0
    vacancies: list[int] = field(default_factory=list)
    organisations: list[int] = field(default_factory=list)


def _zipf(rng: random.Random, size: int) -> int:
    """An index in ``range(size)``, small ones far more often (a few skills are common)."""
    return min(size - 1, int(size * rng.random() ** 3))


def taxonomy(rng: random.Random, writer: Writer) -> tuple[list[Concept], list[Concept], dict, dict]:
    skills = [
        writer.row(Concept, uri=f"{URI}skill/{n}", kind="skill", skill_type="skill/competence")
        for n in range(SKILLS)
    ]
    occupations = []
    essential: dict[int, list[Concept]] = {}
    optional: dict[int, list[Concept]] = {}
    for n in range(OCCUPATIONS):
        occupation = writer.row(
            Concept, uri=f"{URI}occupation/{n}", kind="occupation", isco_group=f"9{n:03d}"
        )
        occupations.append(occupation)
        chosen: list[Concept] = []
        while len(chosen) < ESSENTIAL + OPTIONAL:
            skill = skills[_zipf(rng, SKILLS)]
            if skill not in chosen:
                chosen.append(skill)
        essential[occupation.pk], optional[occupation.pk] = chosen[:ESSENTIAL], chosen[ESSENTIAL:]
        for skill in chosen:
            kind = "essential" if skill in essential[occupation.pk] else "optional"
            writer.row(Relation, occupation=occupation, skill=skill, kind=kind)
    return skills, occupations, essential, optional


def places() -> list[Neighbourhood]:
    found = list(Neighbourhood.objects.order_by("pk"))
    if found:
        return found
    for q in range(3):
        quarter = Quarter.objects.create(slug=f"generated-{q}", name=f"Quarter {q}")
        for n in range(3):
            Neighbourhood.objects.create(
                slug=f"generated-{q}-{n}", name=f"Neighbourhood {q}.{n}", quarter=quarter
            )
    return list(Neighbourhood.objects.order_by("pk"))


def generate_matching(profiles: int, vacancies: int, seed: int = 14) -> Generated:
    """Write ``profiles`` competence profiles and ``vacancies`` open vacancies."""
    rng = random.Random(seed)
    writer = Writer()
    out = Generated()
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        organisations = [
            Organisation.objects.create(
                slug=f"generated-{seed}-{n}",
                name=f"Generated {n}",
                kind=OrganisationKind.COUNSELLING,
            )
            for n in range(2)
        ]
        out.organisations = [org.pk for org in organisations]
        project = Project.objects.create(
            slug=f"generated-{seed}",
            name="Generated",
            starts_on=date(2020, 1, 1),
            ends_on=date(2030, 12, 31),
            retention_until=date(2035, 12, 31),
        )
        neighbourhoods = places()
        skills, occupations, essential, optional = taxonomy(rng, writer)
        out.occupations = [o.pk for o in occupations]
        writer.flush()
    done = 0
    while done < profiles:
        with transaction.atomic():
            for n in range(done, min(profiles, done + CHUNK)):
                _person(rng, writer, n, organisations, project, neighbourhoods, now, today,
                        skills, occupations, essential, optional)  # fmt: skip
            writer.flush()
        done = min(profiles, done + CHUNK)
    out.profiles = profiles
    with transaction.atomic():
        businesses = [
            writer.row(
                Business,
                name=f"Generated business {n}",
                slug=f"generated-{seed}-{n}",
                neighbourhood=rng.choice(neighbourhoods),
                languages=[],
            )
            for n in range(max(1, vacancies // 50))
        ]
        for n in range(vacancies):
            occupation = rng.choice(occupations)
            vacancy = writer.row(
                Vacancy,
                business=rng.choice(businesses),
                kind="job",
                titles={"de": f"Stelle {n}"},
                descriptions={},
                occupation=occupation,
                hours_per_week=Decimal(rng.choice((20, 30, 40))),
                starts_on=today + timedelta(days=rng.randint(0, 90)),
                closes_on=today + timedelta(days=rng.randint(-10, 60)),
                status="open",
                created_at=now,
                updated_at=now,
            )
            out.vacancies.append(vacancy.pk)
            asked = rng.sample(essential[occupation.pk], rng.randint(3, 6))
            for skill in asked:
                writer.row(VacancySkill, vacancy=vacancy, concept=skill, required=True)
            welcome = rng.sample(optional[occupation.pk], 2)
            for skill in welcome:
                writer.row(VacancySkill, vacancy=vacancy, concept=skill, required=False)
            # The copies matching selects by, as ``set_skills`` keeps them.
            vacancy.skill_ids = sorted(skill.pk for skill in asked)
            vacancy.optional_skill_ids = sorted(skill.pk for skill in welcome)
            writer.row(
                VacancyLanguage,
                vacancy=vacancy,
                language="de",
                level=rng.choice(LEVELS[:4]),
                required=rng.random() < 0.6,
            )
            if len(writer.pending[Vacancy]) >= CHUNK:
                writer.flush()
        writer.flush()
        writer.reset_sequences()
    return out


def _person(
    rng, writer, n, organisations, project, neighbourhoods, now, today, skills, occupations,
    essential, optional,
) -> None:  # fmt: skip
    neighbourhood = rng.choice(neighbourhoods)
    organisation = organisations[n % len(organisations)]
    person = writer.row(
        Participant,
        organisation=organisation,
        project=project,
        given_name=f"P{n:07d}",
        family_name="Generated",
        search_key=f"p{n:07d}",
        neighbourhood=neighbourhood,
        quarter_id=neighbourhood.quarter_id,
        languages=[],
        citizenships=[],
        created_at=now,
    )
    changed = now - timedelta(days=rng.randint(0, 700))
    hours = Decimal(rng.choice((20, 30, 40))) if rng.random() < 0.5 else None
    available_from = today + timedelta(days=rng.randint(0, 120)) if rng.random() < 0.3 else None
    held: set[int] = set()
    worked: set[int] = set()
    for occupation in rng.sample(occupations, rng.choice((1, 1, 2))):
        if rng.random() < 0.6:
            worked.add(occupation.pk)
        for skill in essential[occupation.pk]:
            if rng.random() < 0.7:
                held.add(skill.pk)
        for skill in optional[occupation.pk]:
            if rng.random() < 0.3:
                held.add(skill.pk)
    for _ in range(rng.randint(0, 4)):  # skills from elsewhere in life
        held.add(skills[_zipf(rng, SKILLS)].pk)
    level = rng.choice(LEVELS)
    # The copies matching selects by, as the profile services keep them.
    profile = writer.row(
        CompetenceProfile,
        participant=person,
        organisation=organisation,
        hours_per_week=hours,
        available_from=available_from,
        created_at=changed,
        changed_at=changed,
        skill_ids=sorted(held),
        occupation_ids=sorted(worked),
        language_steps={"de": language_step(level, level)},
    )
    for concept_id in sorted(held | worked):
        writer.row(ProfileSkill, profile=profile, concept_id=concept_id)
    writer.row(LanguageSkill, profile=profile, language="de", understanding=level, speaking=level)
    if rng.random() < 0.7:
        writer.row(
            Consent,
            participant=person,
            purpose=Purpose.EMPLOYER_PROFILE,
            wording_version="1",
            language="de",
            given_at=now,
        )
