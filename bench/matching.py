"""Speed and recall of the matching, on generated data.

    DATABASE_URL=postgres://… .venv/bin/python bench/matching.py --profiles 100000 --vacancies 50000

Generates the data once (``quartier/demo/matching.py``: a synthetic taxonomy, profiles
and open vacancies; skipped when the database holds it already), then times

- a person's top 20 among the open vacancies (``ranking.vacancies_for``), and
- a vacancy's top 20 among the profiles (``ranking.candidates_for``, as an advisor:
  consented profiles only), with recall@20 against the exhaustive ranking (every
  matchable profile scored in Python, loaded once),

each for a sample of people and vacancies, with the queries each ranking ran, and
the recall@20 of both directions against the exhaustive ranking. ``--shortlist`` and
``--spare`` try other values of ``ranking.SHORTLIST`` and ``ranking.SPARE``. The
issue's targets: person → vacancies p95 ≤ 50 ms among 50 000 vacancies; vacancy →
candidates p95 ≤ 100 ms among 1 000 000 profiles with recall@20 ≥ 0.95.
"""

import argparse
import random
import time

import harness

harness.setup()

# The product modules this script uses, in one place.
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from quartier.competences.profile.models import CompetenceProfile  # noqa: E402
from quartier.demo.matching import URI, generate_matching  # noqa: E402
from quartier.economy.models import Vacancy  # noqa: E402
from quartier.esco.models import Concept  # noqa: E402
from quartier.matching import ranking  # noqa: E402
from quartier.matching.facts import (  # noqa: E402
    essential_skills,
    is_related,
    matchable_profiles,
    person_facts,
    related_occupations,
    vacancy_facts,
)
from quartier.matching.ranking import candidates_for, open_vacancies, vacancies_for  # noqa: E402
from quartier.matching.score import ranked, score  # noqa: E402


def timings(label: str, calls: list, rounds: int) -> list[float]:
    samples = []
    queries = set()
    for n in range(rounds):
        call = calls[n % len(calls)]
        with CaptureQueriesContext(connection) as captured:
            samples.append(harness.timed(call))
        queries.add(len(captured))
    print(
        f"{label:<44}{len(samples):>6}{harness.percentile(samples, 0.5):>10.1f}"
        f"{harness.percentile(samples, 0.95):>10.1f}   queries {sorted(queries)}"
    )
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=40, help="rankings timed per direction")
    parser.add_argument("--recall", type=int, default=20, help="rankings checked for recall")
    parser.add_argument("--shortlist", type=int, default=ranking.SHORTLIST)
    parser.add_argument("--spare", type=int, default=ranking.SPARE)
    args = parser.parse_args()
    ranking.SHORTLIST, ranking.SPARE = args.shortlist, args.spare

    harness.prepare_database()
    if not Concept.objects.filter(uri__startswith=URI).exists():
        started = time.perf_counter()
        generate_matching(args.profiles, args.vacancies)
        print(f"generated in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
    today = timezone.localdate()
    profiles = CompetenceProfile.objects.with_scopes_disabled().count()
    vacancies = Vacancy.objects.filter(status="open").count()
    print(f"{harness.database_name()}: {profiles} profiles, {vacancies} open vacancies")
    rng = random.Random(20)
    profile_ids = list(
        CompetenceProfile.objects.with_scopes_disabled().values_list("pk", flat=True)
    )
    # Vacancies still open to applications: one past its closing date has every candidate
    # gated (listed apart), so neither its time nor its recall says anything.
    vacancy_ids = list(
        Vacancy.objects.filter(status="open")
        .exclude(closes_on__lt=today)
        .values_list("pk", flat=True)
    )
    people = list(
        CompetenceProfile.objects.with_scopes_disabled().filter(
            pk__in=rng.sample(profile_ids, min(args.rounds, len(profile_ids)))
        )
    )
    offered = list(
        Vacancy.objects.filter(pk__in=rng.sample(vacancy_ids, min(args.rounds, len(vacancy_ids))))
    )
    print(f"\n{'ranking':<44}{'runs':>6}{'p50 ms':>10}{'p95 ms':>10}")
    timings(
        "a person's top 20 vacancies",
        [lambda p=p: vacancies_for(p, today=today) for p in people],
        args.rounds,
    )
    timings(
        "a vacancy's top 20 candidates",
        [lambda v=v: candidates_for(v, [], today=today) for v in offered],
        args.rounds,
    )

    started = time.perf_counter()
    everyone = list(person_facts(matchable_profiles([])).values())
    print(f"\nexhaustive: {len(everyone)} matchable profiles loaded in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    recalls = []
    for vacancy in offered[: args.recall]:
        found = candidates_for(vacancy, [], today=today)
        facts = found.vacancies[vacancy.pk]
        related = related_occupations(facts.occupation_essential)
        best, _gated = ranked([score(p, facts, today=today, related=related) for p in everyone], 20)
        recalls.append(_recall([m.person for m in best], [m.person for m in found.matches]))
    _report("a vacancy's top 20 candidates", recalls)

    every_vacancy = list(vacancy_facts(open_vacancies()).values())
    recalls = []
    for profile in people[: args.recall]:
        found = vacancies_for(profile, today=today)
        person = found.people[profile.pk]
        own = essential_skills(person.occupations)
        best, _gated = ranked(
            [
                score(
                    person,
                    facts,
                    today=today,
                    related=frozenset(
                        o
                        for o, skills in own.items()
                        if is_related(facts.occupation_essential, skills)
                    ),
                    consent_needed=False,
                )
                for facts in every_vacancy
            ],
            20,
        )
        recalls.append(_recall([m.vacancy for m in best], [m.vacancy for m in found.matches]))
    _report("a person's top 20 vacancies", recalls)


def _recall(expected: list[int], found: list[int]) -> float:
    return len(set(expected) & set(found)) / max(1, len(expected))


def _report(label: str, recalls: list[float]) -> None:
    print(
        f"recall@20 of {label} against the exhaustive ranking, over {len(recalls)}: "
        f"mean {sum(recalls) / len(recalls):.3f}, lowest {min(recalls):.3f}"
    )


if __name__ == "__main__":
    main()
