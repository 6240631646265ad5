"""Server time of the cooperation network page with 1 000 businesses.

    .venv/bin/python bench/network_page.py --businesses 1000 --relations 3000

Generates the businesses and their relations once (kept in the database named by
DATABASE_URL, by default var/bench.sqlite3; names start with "Bench"), then requests
the network page through Django's test client in this process — unfiltered (all
parties, so drawn grouped by sector), by kind, by sector, for one quarter, and by
sector and kind (few enough parties to draw one by one) — and prints p50/p95 of the server time in
milliseconds and the number of queries of each page.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User  # noqa: E402
from quartier.economy.models import Business, Cooperation, CooperationKind, Sector  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


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

    call_command("migrate", verbosity=0)
    call_command("load-site", str(ROOT / "sitepacks" / "leipzig-ost.toml"), verbosity=0)
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
    url = reverse("economy:network")
    pages = {
        "all": {},
        "by kind": {"kind": "supplier"},
        "by sector": {"sector": Sector.objects.order_by("position").first().slug},
        "quarter": {"start": quarter_start.isoformat(), "end": today.isoformat()},
        # Few enough parties to draw one by one.
        "sector+kind": {
            "sector": Sector.objects.order_by("position").first().slug,
            "kind": "mentoring",
        },
    }
    print(
        f"{Business.objects.count()} businesses, {Cooperation.objects.count()} relations, "
        f"{args.requests} requests per page"
    )
    for name, params in pages.items():
        client.get(url, params)  # warm up
        runs = []
        for _ in range(args.requests):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
            runs.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        grouped = b'data-grouped="yes"' in response.content
        p50, p95 = percentiles(runs)
        print(
            f"{name:<12} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {len(queries)} queries   "
            f"{'grouped by sector' if grouped else 'one node per party'}   "
            f"{len(response.content) // 1024} KiB"
        )


if __name__ == "__main__":
    main()
