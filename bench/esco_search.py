"""Search quality and speed of the ESCO search and suggestions.

    .venv/bin/python bench/esco_search.py

Loads the shipped ESCO data (into the database named by DATABASE_URL, by default
var/bench.sqlite3), runs the fixed queries of `quartier/esco/quality.py` and prints
the share of queries whose expected concept is in the top five, per language and
overall. Then it times each query (after a warm-up query that loads the model and the
vectors) beside the raw SQL of the same query: the statements it ran, captured at the
cursor and replayed with a plain cursor, measured alternately with it. The ratio is
the share of the ORM and the scoring in Python (and, for languages without labels and
for suggestions, the embedding model).
"""

import argparse
import time
from collections import defaultdict

import harness

harness.setup()

# The product modules this script uses, in one place.
from quartier.esco.models import Concept, Label  # noqa: E402
from quartier.esco.quality import CASES, evaluate, top_uris  # noqa: E402
from quartier.esco.search import search  # noqa: E402
from quartier.esco.shipped import load_shipped  # noqa: E402


def quality() -> None:
    outcome = evaluate()
    print(f"\n{'language':<10}{'queries':>8}{'top-5 hits':>12}{'rate':>8}")
    for language in dict.fromkeys(case.language for case in CASES):
        print(
            f"{language:<10}{outcome.totals[language]:>8}{outcome.hits[language]:>12}"
            f"{outcome.rate_of(language):>8.0%}"
        )
    total = sum(outcome.totals.values())
    print(f"{'overall':<10}{total:>8}{sum(outcome.hits.values()):>12}{outcome.rate:>8.0%}")
    if outcome.misses:
        print("missed:")
        for case in outcome.misses:
            print(f"  [{case.language}] {case.text[:60]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="times each query is timed")
    args = parser.parse_args()

    harness.prepare_database()
    started = time.perf_counter()
    load_shipped()
    print(f"shipped ESCO data loaded in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    search("طباخ", "ar")  # no Arabic labels: loads the model and the vectors
    print(f"first query (model and vectors loaded) {1000 * (time.perf_counter() - started):.0f} ms")
    quality()

    # One row per language for the search, one for the suggestions.
    groups: dict[str, list] = defaultdict(list)
    for case in CASES:
        groups[f"search, {case.language}" if case.mode == "search" else "suggest"].append(case)
    rows = []
    for name, cases in groups.items():
        samples, baseline, statements, slowest = [], [], 0, None
        for case in cases:
            operation = lambda case=case: top_uris(case)  # noqa: E731
            sql = harness.captured_sql(operation)
            statements += len(sql)
            timed, raw = harness.measure(operation, harness.raw_sql(sql), args.rounds)
            samples += timed
            baseline += raw
            # The group's p95 is mostly its slowest query: name it, beside its own SQL.
            this = harness.Row(case.text, timed, "its SQL", raw)
            if slowest is None or this.p50 > slowest.p50:
                slowest = this
        note = (
            f"{len(cases)} queries, {statements / len(cases):.1f} statements each; slowest "
            f"{slowest.name[:20]!r} {slowest.p50:.0f} ms = "
            f"{harness.ratio(slowest.p50, slowest.baseline_p50)} its SQL"
        )
        rows.append(harness.Row(name, samples, "its SQL", baseline, note))

    print(
        f"\n{harness.database_name()}: {Concept.objects.count()} concepts, "
        f"{Label.objects.count()} labels\neach query {args.rounds} times, each time beside "
        "its own SQL\n"
    )
    print(harness.table(rows))


if __name__ == "__main__":
    main()
