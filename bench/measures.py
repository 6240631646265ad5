"""Time of every success measure at once (``measure_tables``) beside the raw SQL it runs.

    ./run generate --participants 100000 --seed 1      # once, into DATABASE_URL
    .venv/bin/python bench/measures.py --runs 10

For the project with the most participants and every organisation taking part in
it, computes all measures for a quarter, a year and the whole funding phase, and
prints p50/p95 beside the same statements replayed with a plain cursor (the SQL
floor), with the number of queries and the rows counted. The dashboards' budget is
under 1 s at 100 000 participants and within 1.5× of the raw SQL.
"""

import argparse

import harness
from django.db.models import Count
from django.utils import timezone

harness.setup()

# The product modules this script uses, in one place.
from quartier.people.models import Participant, Project  # noqa: E402
from quartier.reporting import measures  # noqa: E402
from quartier.reporting.periods import parse  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    largest = (
        Participant.objects.with_scopes_disabled()  # type: ignore[attr-defined]
        .values("project")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if largest is None:
        raise SystemExit("No participants: run `./run generate --participants 100000` first.")
    project = Project.objects.get(pk=largest["project"])
    organisations = list(
        Participant.objects.with_scopes_disabled()  # type: ignore[attr-defined]
        .filter(project=project)
        .order_by()
        .values_list("organisation", flat=True)
        .distinct()
    )
    today = timezone.localdate()
    rows = []
    for key in (f"{today.year}-Q1", str(today.year - 1), "phase"):
        period = parse(key, today=today, project=project)

        def compute(period=period):
            return measures.measure_tables(project, period, organisations)

        queries, tables = harness.count_queries(compute)
        counted = sum(
            sum(row.cells.values()) for table in tables for row in table.rows if row.cells
        )
        statements = harness.captured_sql(compute)
        samples, floor = harness.measure(compute, harness.raw_sql(statements), args.runs)
        rows.append(
            harness.Row(
                f"measures {period.key}",
                samples,
                "raw SQL",
                floor,
                f"{queries} queries, {counted} counted",
            )
        )
    print(f"{largest['n']} participants in {project.slug}, {len(organisations)} organisations\n")
    print(harness.table(rows))


if __name__ == "__main__":
    main()
