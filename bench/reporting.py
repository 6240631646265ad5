"""Time of the programme figures: the dashboard page, the ESF+ tables and the success
measures, each beside the raw SQL of the same statements.

    ./run generate --participants 100000 --seed 1      # once, into DATABASE_URL
    .venv/bin/python bench/reporting.py --runs 5

For the project with the most participants, for a quarter, a year and the whole funding
phase, it times:

- the dashboard page (``reporting:dashboard``) through Django's test client, for a
  project lead (the records of their organisation, the one with the most people in the
  project) and for a reporting viewer (every organisation taking part): the ESF+
  tables, the measures, the line over time, disclosure control, charts and template;
- ``esf.esf_tables`` and ``measures.measure_tables`` alone, for the viewer's
  organisations.

Each beside its own statements, captured as they reached the cursor and replayed with
a plain cursor that fetches every row (a page's in a transaction that is rolled back):
the database's share. The ratio is what Quartier adds in Python (the ORM, disclosure
control, charts, the template). The budget (issue 13): under 1 s at 100 000
participants, within 1.5× of the raw SQL, and the same number of queries for every
period.

Setting up writes two users (``bench-reporting-lead@…``, ``bench-reporting-viewer@…``)
and, in a database generated before projects named the organisations taking part,
lets every organisation with people in the project take part (as ``generate`` does now).
"""

import argparse
import os

import harness
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django_scopes import scopes_disabled

# The bench's project lead opens the dashboard without a second factor.
os.environ.setdefault("REQUIRE_2FA_ROLES", "")
harness.setup()

# The product modules this script uses, in one place.
from quartier.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from quartier.people.models import Participant, Project  # noqa: E402
from quartier.reporting import esf, measures  # noqa: E402
from quartier.reporting.periods import parse  # noqa: E402


def member(email: str, organisation: Organisation, role: str) -> Client:
    user, _ = User.objects.get_or_create(email=email)
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    client = Client()
    client.force_login(user)
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--periods", nargs="*", help="period values (default: this year's Q1, last year, phase)"
    )
    args = parser.parse_args()

    with scopes_disabled():
        people = Participant.objects.values("project").annotate(n=Count("pk")).order_by("-n")
        largest = people.first()
        if largest is None:
            raise SystemExit("No participants: run `./run generate --participants 100000` first.")
        project = Project.objects.get(pk=largest["project"])
        by_organisation = list(
            Participant.objects.filter(project=project)
            .values_list("organisation")
            .annotate(n=Count("pk"))
            .order_by("-n")
        )
    project.organisations.add(*[pk for pk, _n in by_organisation])
    organisations = sorted(project.organisations.values_list("pk", flat=True))
    own = Organisation.objects.get(pk=by_organisation[0][0])
    clients = {
        "lead": member("bench-reporting-lead@quartier.example", own, Role.PROJECT_LEAD),
        "viewer": member("bench-reporting-viewer@quartier.example", own, Role.REPORTING_VIEWER),
    }
    today = timezone.localdate()
    keys = args.periods or [f"{today.year}-Q1", str(today.year - 1), "phase"]
    with override("de"):
        url = reverse("reporting:dashboard")

    rows = []
    for key in keys:
        period = parse(key, today=today, project=project)
        for role, client in clients.items():
            page = harness.get_page(client, url, {"project": project.slug, "period": key})
            queries, _ = harness.count_queries(page)
            statements = harness.captured_statements(page)
            samples, floor = harness.measure(page, harness.rolled_back(statements), args.runs)
            rows.append(
                harness.Row(
                    f"dashboard, {role}, {key}", samples, "its SQL", floor, f"{queries} queries"
                )
            )
        for name, compute in (
            ("ESF+ tables", esf.esf_tables),
            ("measures", measures.measure_tables),
        ):

            def operation(compute=compute, period=period):
                with scopes_disabled():
                    return compute(project, period, organisations)

            queries, _ = harness.count_queries(operation)
            samples, floor = harness.measure(
                operation, harness.raw_sql(harness.captured_sql(operation)), args.runs
            )
            rows.append(
                harness.Row(f"{name}, {key}", samples, "its SQL", floor, f"{queries} queries")
            )

    print(
        f"\n{harness.database_name()}: {largest['n']} participants in {project.slug}, "
        f"{len(organisations)} organisations taking part; the lead's "
        f"({own.slug}) has {by_organisation[0][1]}\n"
        f"{args.runs} runs of each, each beside one of its SQL replayed\n"
    )
    print(harness.table(rows))


if __name__ == "__main__":
    main()
