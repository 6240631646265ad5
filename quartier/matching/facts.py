"""Loading what the score may read, set-wise, from named columns only.

Every loader here takes a query of ids and answers with the facts of all of them in
a fixed number of queries (``values_list`` of the columns the score needs), so a
ranking costs the same number of queries for ten profiles or a million. Nothing
reads the participant's name, birth date, gender, citizenships or languages of
origin: only the participant's quarter and neighbourhood are read, for distance.
"""

import math
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from quartier.competences.models import CompetenceProfile, Qualification, RecognitionStatus
from quartier.economy.models import Vacancy, VacancyLanguage
from quartier.esco.models import Relation
from quartier.matching.score import (
    CEFR_STEPS,
    RELATED_SHARE,
    LanguageAsked,
    PersonFacts,
    VacancyFacts,
    is_regulated,
)
from quartier.people.models import Consent, Purpose

# Recognition statuses under which a person may work in a regulated occupation.
RECOGNISED = (RecognitionStatus.FULL, RecognitionStatus.NOT_NEEDED)


def employer_consent() -> Exists:
    """The person's live consent to be shown to employers (checked at every read)."""
    return Exists(
        Consent.objects.with_scopes_disabled().filter(
            participant_id=OuterRef("participant_id"),
            purpose=Purpose.EMPLOYER_PROFILE,
            recipient=None,
            withdrawn_at=None,
        )
    )


def matchable_profiles(own_organisations: list[int]) -> QuerySet[CompetenceProfile]:
    """Profiles a viewer may be matched against: consented ones, and their own organisations'.

    Anonymised people and people who asked for erasure are never matched.
    """
    consent = employer_consent()
    visible = (
        Q(consent)
        if not own_organisations
        else Q(consent) | Q(organisation_id__in=own_organisations)
    )
    return (
        CompetenceProfile.objects.with_scopes_disabled()
        .filter(visible, participant__anonymised_at=None, participant__erasure_requested_at=None)
        .annotate(shown=consent)
    )


def person_facts(profiles: QuerySet[CompetenceProfile]) -> dict[int, PersonFacts]:
    """Facts of the profiles in ``profiles`` (annotated with ``shown``), by profile id.

    Two queries: the profiles, with the copies of their skills, occupations and
    language steps the profile keeps (``CompetenceProfile.skill_ids`` and the others,
    kept by every change of a part), and the recognition of their qualifications.
    """
    rows = list(
        profiles.values_list(
            "pk",
            "organisation_id",
            "participant__neighbourhood_id",
            "participant__quarter_id",
            "hours_per_week",
            "available_from",
            "changed_at",
            "shown",
            "skill_ids",
            "occupation_ids",
            "language_steps",
        )
    )
    recognised: dict[int, set[int]] = defaultdict(set)
    for profile_id, concept_id in (
        Qualification.objects.with_scopes_disabled()
        .filter(
            profile_id__in=[row[0] for row in rows],
            reference_occupation__isnull=False,
            recognition_status__in=RECOGNISED,
        )
        .values_list("profile_id", "reference_occupation_id")
    ):
        recognised[profile_id].add(concept_id)
    return {
        pk: PersonFacts(
            key=pk,
            skills=frozenset(skills),
            occupations=frozenset(occupations),
            languages=dict(languages),
            recognised=frozenset(recognised[pk]),
            neighbourhood=neighbourhood,
            quarter=quarter,
            hours_per_week=hours,
            available_from=available_from,
            confirmed_on=changed_at.date(),
            shown_to_employers=shown,
            organisation=organisation,
        )
        for (
            pk,
            organisation,
            neighbourhood,
            quarter,
            hours,
            available_from,
            changed_at,
            shown,
            skills,
            occupations,
            languages,
        ) in rows
    }


def essential_skills(occupations) -> dict[int, frozenset[int]]:
    """ESCO essential skills of the occupations (ids or a query of ids). One query."""
    found: dict[int, set[int]] = defaultdict(set)
    for occupation_id, skill_id in Relation.objects.filter(
        occupation_id__in=occupations, kind=Relation.Kind.ESSENTIAL
    ).values_list("occupation_id", "skill_id"):
        found[occupation_id].add(skill_id)
    return {key: frozenset(value) for key, value in found.items()}


def related_occupations(essential: frozenset[int]) -> frozenset[int]:
    """Occupations having at least ``RELATED_SHARE`` of these essential skills. One query."""
    if not essential:
        return frozenset()
    needed = max(1, math.ceil(RELATED_SHARE * len(essential)))
    rows = (
        Relation.objects.filter(kind=Relation.Kind.ESSENTIAL, skill_id__in=essential)
        .values("occupation_id")
        .annotate(shared=Count("id"))
        .filter(shared__gte=needed)
        .values_list("occupation_id", flat=True)
    )
    return frozenset(rows)


def is_related(essential: frozenset[int], other: frozenset[int]) -> bool:
    """Does an occupation with skills ``other`` share enough of ``essential``?"""
    if not essential:
        return False
    needed = max(1, math.ceil(RELATED_SHARE * len(essential)))
    return len(essential & other) >= needed


def vacancy_facts(vacancies: QuerySet[Vacancy]) -> dict[int, VacancyFacts]:
    """Facts of the vacancies in ``vacancies``, by vacancy id. Three queries: the
    vacancies (with the copies of their skills, ``Vacancy.skill_ids`` and
    ``optional_skill_ids``), their languages, their occupations' essential skills.

    A vacancy that names no required skill is matched on its occupation's ESCO
    essential skills.
    """
    rows = list(
        vacancies.values_list(
            "pk",
            "occupation_id",
            "occupation__isco_group",
            "business__neighbourhood_id",
            "business__neighbourhood__quarter_id",
            "hours_per_week",
            "starts_on",
            "closes_on",
            "skill_ids",
            "optional_skill_ids",
        )
    )
    ids = [row[0] for row in rows]
    languages: dict[int, list[LanguageAsked]] = defaultdict(list)
    for vacancy_id, code, level, is_required in (
        VacancyLanguage.objects.filter(vacancy_id__in=ids)
        .order_by("pk")
        .values_list("vacancy_id", "language", "level", "required")
    ):
        languages[vacancy_id].append(
            LanguageAsked(language=code, step=CEFR_STEPS.get(level, 0), required=is_required)
        )
    esco = essential_skills({row[1] for row in rows if row[1] is not None})
    return {
        pk: VacancyFacts(
            key=pk,
            occupation=occupation,
            regulated=is_regulated(isco or ""),
            essential=frozenset(required) or esco.get(occupation or 0, frozenset()),
            optional=frozenset(optional),
            languages=tuple(languages[pk]),
            neighbourhood=neighbourhood,
            quarter=quarter,
            hours_per_week=hours,
            starts_on=starts_on,
            closes_on=closes_on,
            occupation_essential=esco.get(occupation or 0, frozenset()),
        )
        for (
            pk,
            occupation,
            isco,
            neighbourhood,
            quarter,
            hours,
            starts_on,
            closes_on,
            required,
            optional,
        ) in rows
    }
