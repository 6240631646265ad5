"""Ranking in both directions: candidates for a vacancy, vacancies for a person.

Simple and the same on SQLite and PostgreSQL: the database picks the pairs worth
scoring (sharing at least one skill or the occupation, through the indexes on the
skill tables), Python scores them with ``score.score`` and sorts. Each ranking
costs a fixed number of queries whatever the data size; ``PREFILTER`` bounds how
many pairs are scored, keeping those that share the most skills (essential skills
count ``ESSENTIAL_HIT`` times), so the ranking stays exhaustive below that size.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Sum, Value, When

from quartier.competences.profile.models import CompetenceProfile, Experience, ProfileSkill
from quartier.economy.models import Vacancy, VacancySkill, VacancyStatus
from quartier.esco.models import Relation
from quartier.matching.facts import (
    essential_skills,
    is_related,
    matchable_profiles,
    person_facts,
    related_occupations,
    vacancy_facts,
)
from quartier.matching.score import VERSION, Match, PersonFacts, VacancyFacts, ranked, score

PREFILTER = 1000
ESSENTIAL_HIT = 4
LIMIT = 20


@dataclass
class Ranking:
    matches: list[Match]
    gated: list[Match]
    considered: int
    version: str = VERSION
    people: dict[int, PersonFacts] = field(default_factory=dict)
    vacancies: dict[int, VacancyFacts] = field(default_factory=dict)


def _hit_weight(essential: frozenset[int]) -> Case:
    return Case(
        When(concept_id__in=list(essential), then=Value(ESSENTIAL_HIT)),
        default=Value(1),
        output_field=IntegerField(),
    )


def candidate_ids(
    facts: VacancyFacts, profiles: QuerySet[CompetenceProfile], prefilter: int = PREFILTER
) -> list[int]:
    """Profiles sharing a skill or the occupation, those sharing the most first. Two queries."""
    wanted = facts.essential | facts.optional
    if facts.occupation is not None:
        wanted = wanted | {facts.occupation}
    visible = profiles.values("pk")
    ids: list[int] = []
    if wanted:
        hits = (
            ProfileSkill.objects.with_scopes_disabled()
            .filter(concept_id__in=list(wanted), profile_id__in=visible)
            .values("profile_id")
            .annotate(weight=Sum(_hit_weight(facts.essential)))
            .order_by("-weight", "profile_id")
            .values_list("profile_id", flat=True)[:prefilter]
        )
        ids = list(hits)
    if facts.occupation is not None:
        worked = (
            Experience.objects.with_scopes_disabled()
            .filter(occupation_id=facts.occupation, profile_id__in=visible)
            .order_by("profile_id")
            .values_list("profile_id", flat=True)
            .distinct()[:prefilter]
        )
        ids = sorted(set(ids) | set(worked))
    return ids


def candidates_for(
    vacancy: Vacancy,
    own_organisations: list[int],
    *,
    today: date,
    limit: int = LIMIT,
    prefilter: int = PREFILTER,
) -> Ranking:
    """The best candidates for ``vacancy`` among the profiles the viewer may be matched with.

    ``own_organisations``: where the viewer counsels; their participants are matched
    without the employer consent; others' only with it. Thirteen queries (one less for a
    vacancy without an occupation).
    """
    facts = vacancy_facts(Vacancy.objects.filter(pk=vacancy.pk))[vacancy.pk]  # 4 queries
    related = related_occupations(facts.occupation_essential)  # 1 query
    profiles = matchable_profiles(own_organisations)
    ids = candidate_ids(facts, profiles, prefilter)  # 2 queries
    people = person_facts(profiles.filter(pk__in=ids))  # 6 queries
    matches = [
        score(
            person,
            facts,
            today=today,
            related=related,
            consent_needed=person.organisation not in own_organisations,
        )
        for person in people.values()
    ]
    top, gated = ranked(matches, limit)
    return Ranking(top, gated, len(matches), people=people, vacancies={facts.key: facts})


def open_vacancies() -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(status=VacancyStatus.OPEN)


def vacancy_ids(person: PersonFacts, vacancies: QuerySet[Vacancy], prefilter: int) -> list[int]:
    """Vacancies asking for a skill of the person, of an occupation the person has, or
    naming no skill but an occupation whose essential skills the person has some of.
    Two queries."""
    skills = list(person.skills)
    hits = (
        VacancySkill.objects.filter(concept_id__in=skills, vacancy_id__in=vacancies.values("pk"))
        .values("vacancy_id")
        .annotate(weight=Sum(Case(When(required=True, then=Value(ESSENTIAL_HIT)), default=1)))
        .order_by("-weight", "vacancy_id")
        .values_list("vacancy_id", flat=True)[:prefilter]
    )
    by_occupation = Relation.objects.filter(
        occupation_id=OuterRef("occupation_id"),
        kind=Relation.Kind.ESSENTIAL,
        skill_id__in=skills,
    )
    # A vacancy asking for skills is found by them above; by its occupation's ESCO
    # skills only when it names none (else every vacancy of a common skill comes in).
    asks = VacancySkill.objects.filter(vacancy_id=OuterRef("pk"), required=True)
    occupations = (
        vacancies.filter(
            Q(occupation_id__in=list(person.occupations)) | (Exists(by_occupation) & ~Exists(asks))
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:prefilter]
    )
    return sorted(set(hits) | set(occupations))


def vacancies_for(
    profile: CompetenceProfile,
    *,
    today: date,
    limit: int = LIMIT,
    prefilter: int = PREFILTER,
    vacancies: QuerySet[Vacancy] | None = None,
) -> Ranking:
    """The best open vacancies for the person, for their own counsellors (no consent gate).

    Thirteen queries: the person (6), the candidates (2), their facts (4) and the
    essential skills of the person's occupations (1; none without occupations).
    """
    profiles = CompetenceProfile.objects.with_scopes_disabled().filter(pk=profile.pk)
    person = person_facts(profiles.annotate(shown=Value(True)))[profile.pk]
    vacancies = open_vacancies() if vacancies is None else vacancies
    ids = vacancy_ids(person, vacancies, prefilter)
    offered = vacancy_facts(Vacancy.objects.filter(pk__in=ids))
    own = essential_skills(person.occupations)
    matches = []
    for facts in offered.values():
        related = frozenset(
            o for o, skills in own.items() if is_related(facts.occupation_essential, skills)
        )
        matches.append(score(person, facts, today=today, related=related, consent_needed=False))
    top, gated = ranked(matches, limit)
    return Ranking(top, gated, len(matches), people={person.key: person}, vacancies=offered)
