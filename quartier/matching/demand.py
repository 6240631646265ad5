"""Skills in demand that no course teaches: a signal for the learning coordinators.

What is counted (the report page says the same):

- **open vacancies**: status open and the *apply by* date not passed;
- their **essential skills** as the score reads them: the skills a vacancy marks
  required, or, when it names none, the ESCO essential skills of its occupation;
- for each such skill, **the open vacancies needing it** and **the active profiles
  that have it** (among the profile's skills or an informal competence's), where an
  active profile is one of a person not anonymised and not asking for erasure, changed
  or confirmed within ``score.STALE_DAYS``;
- only skills that **no open offer teaches** (``courses.taught_by_open_offers``).

Rows are ranked by the open vacancies needing the skill, most first. Counts of one
or two (below ``REPORTING_MIN_COUNT``) are shown as "•", and such rows sort as if
they counted zero, so the order does not tell a hidden 2 from a hidden 1. Nothing
names a person or a business. A fixed number of queries, whatever the data size.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from quartier.competences.models import CompetenceProfile, InformalCompetence, ProfileSkill
from quartier.economy.models import Vacancy, VacancySkill, VacancyStatus
from quartier.esco.models import Relation
from quartier.lib.small_counts import rank_key, shown
from quartier.matching.courses import taught_by_open_offers
from quartier.matching.explain import concept_labels
from quartier.matching.score import STALE_DAYS

# Rows shown at most.
LIMIT = 50


@dataclass
class SkillDemand:
    skill: str
    vacancies: str  # a count, or "•"
    profiles: str


@dataclass
class Demand:
    rows: list[SkillDemand]
    open_vacancies: str
    active_profiles: str
    # Skills open vacancies need that an open offer teaches (left out of the rows).
    taught: int
    threshold: int


def open_vacancies() -> QuerySet[Vacancy]:
    today = timezone.localdate()
    return Vacancy.objects.filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=today), status=VacancyStatus.OPEN
    )


def active_profiles() -> QuerySet[CompetenceProfile]:
    since = timezone.now() - timedelta(days=STALE_DAYS)
    return CompetenceProfile.objects.with_scopes_disabled().filter(
        participant__anonymised_at=None,
        participant__erasure_requested_at=None,
        changed_at__gte=since,
    )


def vacancies_needing() -> Counter[int]:
    """Open vacancies per essential skill. Three queries."""
    vacancies = open_vacancies()
    needed: Counter[int] = Counter()
    for concept_id, count in (
        VacancySkill.objects.filter(required=True, vacancy__in=vacancies)
        .values("concept_id")
        .annotate(count=Count("vacancy_id"))
        .values_list("concept_id", "count")
    ):
        needed[concept_id] += count
    # Vacancies naming no required skill are read with their occupation's ESCO skills.
    asks = VacancySkill.objects.filter(vacancy_id=OuterRef("pk"), required=True)
    by_occupation = dict(
        vacancies.filter(~Exists(asks), occupation__isnull=False)
        .values("occupation_id")
        .annotate(count=Count("pk"))
        .values_list("occupation_id", "count")
    )
    for occupation_id, skill_id in Relation.objects.filter(
        occupation_id__in=list(by_occupation), kind=Relation.Kind.ESSENTIAL
    ).values_list("occupation_id", "skill_id"):
        needed[skill_id] += by_occupation[occupation_id]
    return needed


def profiles_having(skills: list[int]) -> Counter[int]:
    """Active profiles per skill, each profile once per skill. Two queries: the profile
    skills, and the informal competences' skills the profile does not list as well."""
    active = active_profiles().values("pk")
    having: Counter[int] = Counter(
        dict(
            ProfileSkill.objects.with_scopes_disabled()
            .filter(concept_id__in=skills, profile_id__in=active)
            .values("concept_id")
            .annotate(count=Count("profile_id"))
            .values_list("concept_id", "count")
        )
    )
    listed = ProfileSkill.objects.with_scopes_disabled().filter(
        profile_id=OuterRef("informalcompetence__profile_id"), concept_id=OuterRef("concept_id")
    )
    for concept_id, count in (
        InformalCompetence.skills.through.objects.filter(
            ~Exists(listed), concept_id__in=skills, informalcompetence__profile_id__in=active
        )
        .values("concept_id")
        .annotate(count=Count("informalcompetence__profile_id", distinct=True))
        .values_list("concept_id", "count")
    ):
        having[concept_id] += count
    return having


def skills_without_course(language: str, limit: int = LIMIT) -> Demand:
    """The report (see the module docstring) in ``language``. Nine queries: the open
    vacancies' skills (3), the skills an open offer teaches, the active profiles having
    the skills (2), the labels, the two totals."""
    threshold = settings.REPORTING_MIN_COUNT
    needed = vacancies_needing()
    taught = set(
        taught_by_open_offers(list(needed)).values_list("concept_id", flat=True).distinct()
    )
    untaught = [pk for pk in needed if pk not in taught]
    having = profiles_having(untaught)
    labels = concept_labels(untaught, language)
    ordered = sorted(
        untaught,
        key=lambda pk: (-rank_key(needed[pk], threshold), labels.get(pk, "").casefold(), pk),
    )[:limit]
    rows = [
        SkillDemand(
            skill=labels.get(pk, str(pk)),
            vacancies=shown(needed[pk], threshold),
            profiles=shown(having[pk], threshold),
        )
        for pk in ordered
    ]
    return Demand(
        rows=rows,
        open_vacancies=shown(open_vacancies().count(), threshold),
        active_profiles=shown(active_profiles().count(), threshold),
        taught=len(taught),
        threshold=threshold,
    )
