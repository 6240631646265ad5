"""The one matching score: rule-based, versioned, and the same in both directions.

A person's fit for a vacancy is a sum of named components (points), each of which
the explanation shows; the total is exactly their sum. Hard gates are decided
apart and never weighed against points: a gated pair is listed separately, with
its reason, and never ranked among the others.

The score reads only the two small records below. They hold ESCO concept ids,
language levels, recognition, place, hours, availability and freshness — nothing
about gender, age, nationality, disability, minority, religion or name, because
those fields do not exist here (``facts.py`` fills them from named columns only).
Changing how anything is weighed means changing ``WEIGHTS`` and ``VERSION``
together: the version is shown with every result.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

VERSION = "2026.1"

# Every weight in one place (points). Positive ones add for what fits, negative
# ones subtract for what is missing or does not fit.
WEIGHTS: dict[str, int] = {
    # Shared out over the essential skills: all covered gives the full amount ...
    "essential_covered": 40,
    # ... and all missing takes this much off.
    "essential_missing": -20,
    "optional_covered": 10,
    "occupation_same": 20,
    # An occupation of the person's sharing at least half the vacancy's essential skills.
    "occupation_related": 10,
    "occupation_none": -5,
    # Per CEFR step below the level asked for, per language.
    "language_step": -6,
    # A regulated occupation without full recognition (also gated while it lasts).
    "recognition_missing": -15,
    "same_neighbourhood": 10,
    "same_quarter": 6,
    "other_quarter": 0,
    # Wanted and offered hours within HOURS_TOLERANCE of each other, or not.
    "hours_fit": 5,
    "hours_misfit": -5,
    "available_late": -5,
    # Profile last confirmed within FRESH_DAYS, or longer ago than STALE_DAYS.
    "fresh": 5,
    "stale": -10,
}
HOURS_TOLERANCE = Decimal(5)
FRESH_DAYS = 180
STALE_DAYS = 365
# Share of the vacancy occupation's essential skills another occupation must have.
RELATED_SHARE = 0.5

# CEFR levels as steps; a native speaker counts above C2.
CEFR_STEPS = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}

# Gate codes, in the order they are reported.
GATE_CONSENT = "consent"
GATE_LANGUAGE = "language"
GATE_RECOGNITION = "recognition"
GATE_CLOSED = "closed"
GATES = (GATE_CONSENT, GATE_LANGUAGE, GATE_RECOGNITION, GATE_CLOSED)

# ISCO-08 groups of occupations that German law regulates for employees (health
# professions, teaching, social work and childcare): the shipped ESCO data carries
# no regulation note, so the group decides. A prefix matches its subgroups.
REGULATED_ISCO_PREFIXES = (
    "221",  # medical doctors
    "222",  # nursing and midwifery professionals
    "2261",  # dentists
    "2262",  # pharmacists
    "2264",  # physiotherapists
    "2265",  # dieticians
    "2266",  # audiologists and speech therapists
    "2269",  # health professionals not elsewhere classified (e.g. occupational therapists)
    "232",  # vocational education teachers
    "233",  # secondary education teachers
    "234",  # primary school and early childhood teachers
    "2635",  # social work and counselling professionals
    "3221",  # nursing associate professionals
    "3222",  # midwifery associate professionals
    "3256",  # medical assistants
)


def is_regulated(isco_group: str) -> bool:
    return bool(isco_group) and isco_group.startswith(REGULATED_ISCO_PREFIXES)


@dataclass(frozen=True)
class PersonFacts:
    """All the matcher may know of a person (a competence profile)."""

    key: int
    skills: frozenset[int]
    occupations: frozenset[int]
    # Language code -> CEFR step (the lower of understanding and speaking).
    languages: dict[str, int]
    # Occupations the person's qualifications are fully recognised for (or need no recognition).
    recognised: frozenset[int]
    neighbourhood: int | None
    quarter: int | None
    hours_per_week: Decimal | None
    available_from: date | None
    confirmed_on: date
    # Consent to be shown to employers; the gate applies only to viewers outside
    # the organisation that holds the person (see ``gates``).
    shown_to_employers: bool
    organisation: int


@dataclass(frozen=True)
class LanguageAsked:
    language: str
    step: int
    required: bool


@dataclass(frozen=True)
class VacancyFacts:
    """All the matcher may know of a vacancy."""

    key: int
    occupation: int | None
    regulated: bool
    # The vacancy's required skills, else the ESCO essential skills of its occupation.
    essential: frozenset[int]
    optional: frozenset[int]
    languages: tuple[LanguageAsked, ...]
    neighbourhood: int | None
    quarter: int | None
    hours_per_week: Decimal | None
    starts_on: date | None
    closes_on: date | None
    # The ESCO essential skills of the occupation, to tell related occupations by.
    occupation_essential: frozenset[int] = frozenset()


@dataclass
class LanguageGap:
    language: str
    asked: int
    has: int
    required: bool

    @property
    def steps(self) -> int:
        return max(0, self.asked - self.has)


@dataclass
class Match:
    """One scored pair: components adding up to ``total``, and what the explanation needs."""

    person: int
    vacancy: int
    components: dict[str, int]
    gates: list[str]
    matched_essential: frozenset[int]
    missing_essential: frozenset[int]
    matched_optional: frozenset[int]
    language_gaps: list[LanguageGap] = field(default_factory=list)
    occupation: str = "none"  # "same", "related" or "none"
    place: str = "unknown"  # "neighbourhood", "quarter", "elsewhere" or "unknown"
    version: str = VERSION

    @property
    def total(self) -> int:
        return sum(self.components.values())

    @property
    def gated(self) -> bool:
        return bool(self.gates)


def _shared_out(weight: int, part: int, whole: int) -> int:
    """``weight`` shared out over ``whole`` items, for ``part`` of them, rounded."""
    if whole == 0:
        return 0
    return round(weight * part / whole)


def _occupation(
    person: PersonFacts, vacancy: VacancyFacts, related: frozenset[int]
) -> tuple[str, int]:
    if vacancy.occupation is None:
        return "none", 0
    if vacancy.occupation in person.occupations:
        return "same", WEIGHTS["occupation_same"]
    if person.occupations & related:
        return "related", WEIGHTS["occupation_related"]
    return "none", WEIGHTS["occupation_none"]


def _place(person: PersonFacts, vacancy: VacancyFacts) -> tuple[str, int]:
    if person.neighbourhood and person.neighbourhood == vacancy.neighbourhood:
        return "neighbourhood", WEIGHTS["same_neighbourhood"]
    if person.quarter and person.quarter == vacancy.quarter:
        return "quarter", WEIGHTS["same_quarter"]
    if person.quarter and vacancy.quarter:
        return "elsewhere", WEIGHTS["other_quarter"]
    return "unknown", 0


def score(
    person: PersonFacts,
    vacancy: VacancyFacts,
    *,
    today: date,
    related: frozenset[int] = frozenset(),
    consent_needed: bool = True,
) -> Match:
    """Score ``person`` for ``vacancy`` and decide the gates.

    ``related``: the occupations that share at least ``RELATED_SHARE`` of the vacancy
    occupation's essential skills (worked out once per vacancy by the caller).
    ``consent_needed``: False when the viewer works for the organisation that holds
    the person, who may see their own participants without the employer consent.
    """
    components: dict[str, int] = {}
    essential = vacancy.essential
    matched_essential = essential & person.skills
    missing_essential = essential - person.skills
    components["essential_covered"] = _shared_out(
        WEIGHTS["essential_covered"], len(matched_essential), len(essential)
    )
    components["essential_missing"] = _shared_out(
        WEIGHTS["essential_missing"], len(missing_essential), len(essential)
    )
    matched_optional = vacancy.optional & person.skills
    components["optional_covered"] = _shared_out(
        WEIGHTS["optional_covered"], len(matched_optional), len(vacancy.optional)
    )
    occupation, points = _occupation(person, vacancy, related)
    components["occupation"] = points

    gates: list[str] = []
    if consent_needed and not person.shown_to_employers:
        gates.append(GATE_CONSENT)
    gaps = [
        LanguageGap(
            language=asked.language,
            asked=asked.step,
            has=person.languages.get(asked.language, 0),
            required=asked.required,
        )
        for asked in vacancy.languages
    ]
    components["languages"] = sum(WEIGHTS["language_step"] * gap.steps for gap in gaps)
    if any(gap.required and gap.steps for gap in gaps):
        gates.append(GATE_LANGUAGE)

    components["recognition"] = 0
    if (
        vacancy.regulated
        and vacancy.occupation is not None
        and vacancy.occupation not in person.recognised
    ):
        components["recognition"] = WEIGHTS["recognition_missing"]
        gates.append(GATE_RECOGNITION)

    place, points = _place(person, vacancy)
    components["distance"] = points

    components["hours"] = 0
    if person.hours_per_week is not None and vacancy.hours_per_week is not None:
        fits = abs(person.hours_per_week - vacancy.hours_per_week) <= HOURS_TOLERANCE
        components["hours"] = WEIGHTS["hours_fit"] if fits else WEIGHTS["hours_misfit"]
    components["availability"] = 0
    if person.available_from and vacancy.starts_on and person.available_from > vacancy.starts_on:
        components["availability"] = WEIGHTS["available_late"]

    age = (today - person.confirmed_on).days
    components["freshness"] = (
        WEIGHTS["fresh"] if age <= FRESH_DAYS else WEIGHTS["stale"] if age > STALE_DAYS else 0
    )
    if vacancy.closes_on is not None and vacancy.closes_on < today:
        gates.append(GATE_CLOSED)
    return Match(
        person=person.key,
        vacancy=vacancy.key,
        components=components,
        gates=gates,
        matched_essential=matched_essential,
        missing_essential=missing_essential,
        matched_optional=matched_optional,
        language_gaps=gaps,
        occupation=occupation,
        place=place,
    )


def ranked(matches: list[Match], limit: int) -> tuple[list[Match], list[Match]]:
    """The best ``limit`` ungated matches and the best ``limit`` gated ones.

    Highest total first; ties by the smaller key, so every database gives one order.
    """
    matches = sorted(matches, key=lambda m: (-m.total, m.person, m.vacancy))
    open_ = [m for m in matches if not m.gated][:limit]
    gated = [m for m in matches if m.gated][:limit]
    return open_, gated
