"""Server time of the participant list, the search and the person page at scale.

    .venv/bin/python bench/people_pages.py --participants 100000

Generates the programme once (kept in the database named by DATABASE_URL,
by default var/bench.sqlite3), then requests each page through Django's test
client in this process and prints p50/p95 of the server time in milliseconds.
"""

import argparse
import os
import random
import statistics
import sys
import time
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
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from quartier.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from quartier.people.models import Participant  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def timed(client: Client, url: str, runs: list[float]) -> None:
    start = time.perf_counter()
    response = client.get(url)
    runs.append((time.perf_counter() - start) * 1000)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load-site", str(ROOT / "sitepacks" / "leipzig-ost.toml"), verbosity=0)
    with scopes_disabled():
        have = Participant.objects.count()
    if have < args.participants:
        print(f"generating {args.participants - have} participants …", flush=True)
        call_command(
            "generate", "--participants", str(args.participants - have), "--seed", str(have + 1)
        )
    organisation = Organisation.objects.get(slug="dialog")
    user, _ = User.objects.get_or_create(email="bench@quartier.example")
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.COUNSELLOR)
    with scopes_disabled():
        mine = Participant.objects.filter(organisation=organisation)
        total = mine.count()
        sample = list(mine.order_by("?").values_list("public_id", "family_name")[: args.requests])

    client = Client()
    client.force_login(user)
    rng = random.Random(1)
    results = {"list": [], "search": [], "person": []}
    pages = max(1, total // 50)
    base = reverse("people:list")
    for public_id, family_name in sample:
        timed(client, f"{base}?page={rng.randrange(1, pages + 1)}", results["list"])
        timed(client, f"{base}?q={family_name[:4]}", results["search"])
        timed(client, reverse("people:detail", args=[public_id]), results["person"])

    print(f"{total} participants in the counsellor's organisation, {len(sample)} requests each")
    for name, runs in results.items():
        p50, p95 = percentiles(runs)
        print(f"{name:<8} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
