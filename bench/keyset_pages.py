"""A page of the audit log by keyset beside the same page by ``Paginator``, at any size.

    .venv/bin/python bench/keyset_pages.py --entries 250000

Adds audit entries of one organisation up to ``--entries`` (in the database named by
DATABASE_URL, by default var/bench.sqlite3; three entries share each instant, as
batched writes do), then fetches pages spread over the whole log, newest first, both
ways, alternately: ``quartier.lib.keyset`` (the page after a cursor and a count that
stops at 10 001 rows) and Django's ``Paginator`` (the exact count and ``OFFSET``), which
is the baseline. The queries only, without the page around them: the part of a list
that grows with the table.
"""

import argparse
import itertools
import random
from datetime import timedelta

import harness
from django.core.paginator import Paginator
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

harness.setup()

# The product modules this script uses, in one place.
from quartier.accounts.models import AuditEntry, Organisation  # noqa: E402
from quartier.lib.keyset import keyset_page  # noqa: E402

PER_PAGE = 50


def fill(organisation: Organisation, wanted: int) -> None:
    with scopes_disabled():
        have = AuditEntry.objects.filter(organisation=organisation).count()
        start = timezone.now() - timedelta(minutes=wanted)
        for first in range(have, wanted, 5000):
            AuditEntry.objects.bulk_create(
                AuditEntry(
                    organisation=organisation,
                    created_at=start + timedelta(minutes=number - number % 3),
                    code="people.participant.viewed",
                    subject_type="people.participant",
                    subject_id=str(number),
                )
                for number in range(first, min(first + 5000, wanted))
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE accounts_auditentry")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    harness.prepare_database()
    organisation, _ = Organisation.objects.get_or_create(
        slug="bench-audit", defaults={"name": "Bench", "kind": "project"}
    )
    fill(organisation, args.entries)
    rng = random.Random(1)
    with scope(organisation=[organisation.pk]):
        entries = AuditEntry.objects.select_related("actor", "organisation").order_by(
            "-created_at", "-pk"
        )
        total = entries.count()
        pages = -(-total // PER_PAGE)
        # Every page's cursor, as "Next" gives them.
        cursors: list[str | None] = [None]
        page = keyset_page(entries, None, per_page=PER_PAGE)
        while page.next_cursor:
            cursors.append(page.next_cursor)
            page = keyset_page(entries, page.next_cursor, per_page=PER_PAGE)
        by_cursor = itertools.cycle([rng.choice(cursors) for _ in range(args.requests)])
        by_number = itertools.cycle([rng.randrange(1, pages + 1) for _ in range(args.requests)])
        samples, baseline = harness.measure(
            lambda: list(keyset_page(entries, next(by_cursor), per_page=PER_PAGE)),
            lambda: list(Paginator(entries, PER_PAGE).get_page(next(by_number))),
            args.requests,
        )
    print(
        f"\n{harness.database_name()}: {total} audit entries of one organisation "
        f"({pages} pages of {PER_PAGE})\n{args.requests} pages at random depths, each "
        "beside one by Paginator\n"
    )
    row = harness.Row("keyset page", samples, "Paginator", baseline, "page + count to 10 001")
    print(harness.table([row]))


if __name__ == "__main__":
    main()
