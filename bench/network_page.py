"""Server time of the cooperation network page with 1 000 businesses.

    .venv/bin/python bench/network_page.py --businesses 1000 --relations 3000

Generates the businesses and their relations once (kept in the database named by
DATABASE_URL, by default var/bench.sqlite3; names start with "Bench"), then requests
the network page through Django's test client in this process, signed in as a
business advisor — unfiltered (all parties, so drawn grouped by sector), by kind, by
sector, for one quarter, and by sector and kind (few enough parties to draw one by
one) — and prints p50/p95 of the server time beside the bare page's (`bare_urls.py`),
measured alternately with it, and the queries and size of each page.
"""

import argparse
import random
from datetime import timedelta

import harness
from django.test import Client
from django.urls import reverse
from django.utils import timezone

harness.setup()

# The product modules this script uses, in one place.
from quartier.accounts.models import (  # noqa: E402
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from quartier.economy.models import Business, Cooperation, CooperationKind, Sector  # noqa: E402


def generate(businesses: int, relations: int) -> None:
    """Bench businesses spread over the sectors, and relations over two years (bulk writes)."""
    rng = random.Random(1000)
    sectors = list(Sector.objects.all())
    have = Business.objects.filter(name__startswith="Bench").count()
    Business.objects.bulk_create(
        [
            Business(
                name=f"Bench {number:05d}",
                slug=f"bench-{number:05d}",
                sector=rng.choice(sectors),
                street="Benchstraße",
                house_number=str(number),
            )
            for number in range(have, businesses)
        ],
        batch_size=500,
    )
    ids = list(Business.objects.filter(name__startswith="Bench").values_list("id", flat=True))
    organisations = list(
        Organisation.objects.exclude(kind=OrganisationKind.BUSINESS).values_list("id", flat=True)
    )
    have = Cooperation.objects.filter(note="bench").count()
    today = timezone.localdate()
    kinds = CooperationKind.values
    rows = []
    for _ in range(have, relations):
        first, second = rng.sample(ids, 2)
        since = today - timedelta(days=rng.randint(0, 730))
        until = since + timedelta(days=rng.randint(0, 400)) if rng.random() < 0.3 else None
        to_organisation = organisations and rng.random() < 0.1
        rows.append(
            Cooperation(
                business_a_id=first,
                business_b_id=None if to_organisation else second,
                organisation_b_id=rng.choice(organisations) if to_organisation else None,
                kind=rng.choice(kinds),
                since=since,
                until=until if until is None or until <= today else None,
                note="bench",
            )
        )
    Cooperation.objects.bulk_create(rows, batch_size=500)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--businesses", type=int, default=1000)
    parser.add_argument("--relations", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    harness.prepare_database()
    generate(args.businesses, args.relations)
    organisation = Organisation.objects.get(slug="ic-e")
    user, _ = User.objects.get_or_create(email="bench-advisor@quartier.example")
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role=Role.BUSINESS_ADVISOR
    )
    client = Client()
    client.force_login(user)
    today = timezone.localdate()
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    first_sector = Sector.objects.order_by("position").first().slug
    url = reverse("economy:network")
    pages = {
        "all": {},
        "by kind": {"kind": "supplier"},
        "by sector": {"sector": first_sector},
        "this quarter": {"start": quarter_start.isoformat(), "end": today.isoformat()},
        # Few enough parties to draw one by one.
        "sector and kind": {"sector": first_sector, "kind": "mentoring"},
    }
    bare = harness.get_page(client, harness.bare_page_url())
    rows = []
    for name, params in pages.items():
        page = harness.get_page(client, url, params)
        queries, response = harness.count_queries(page)
        drawn = (
            "grouped by sector" if b'data-grouped="yes"' in response.content else "one node each"
        )
        samples, baseline = harness.measure(page, bare, args.requests)
        note = f"{queries} queries, {drawn}, {len(response.content) // 1024} KiB"
        rows.append(harness.Row(f"network, {name}", samples, "bare page", baseline, note))

    print(
        f"\n{harness.database_name()}: {Business.objects.count()} businesses, "
        f"{Cooperation.objects.count()} relations\n{args.requests} requests of each page, "
        "each beside one of the bare page\n"
    )
    print(harness.table(rows))


if __name__ == "__main__":
    main()
