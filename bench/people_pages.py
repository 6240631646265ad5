"""Server time of the participant list, the search and the person page at scale.

    .venv/bin/python bench/people_pages.py --participants 100000

Generates the programme once (kept in the database named by DATABASE_URL, by default
var/bench.sqlite3; more participants are added when asked for more), then requests each
page through Django's test client in this process, signed in as a counsellor, and
prints p50/p95 of the server time beside the bare page's (`bare_urls.py`), measured
alternately with it.
"""

import argparse
import random

import harness
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

harness.setup()

# The product modules this script uses, in one place.
from quartier.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from quartier.people.models import Participant  # noqa: E402
from quartier.people.views import PAGE_SIZE  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    harness.prepare_database()
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
        everyone = Participant.objects.count()
        mine = Participant.objects.filter(organisation=organisation)
        total = mine.count()
        sample = list(mine.order_by("?").values_list("public_id", "family_name")[: args.requests])

    client = Client()
    client.force_login(user)
    rng = random.Random(1)
    pages = max(1, -(-total // PAGE_SIZE))
    base = reverse("people:list")
    urls = {
        "participant list": [f"{base}?page={rng.randrange(1, pages + 1)}" for _ in sample],
        "search by name": [f"{base}?q={family_name[:4]}" for _, family_name in sample],
        "person page": [reverse("people:detail", args=[public_id]) for public_id, _ in sample],
    }
    bare = harness.get_page(client, harness.bare_page_url())
    rows = []
    for name, page_urls in urls.items():
        queries, _ = harness.count_queries(harness.get_page(client, page_urls[0]))
        samples, baseline = harness.measure(harness.get_pages(client, page_urls), bare, len(sample))
        rows.append(harness.Row(name, samples, "bare page", baseline, f"{queries} queries"))

    print(
        f"\n{harness.database_name()}: {everyone} participants, {total} of them in the "
        f"counsellor's organisation ({pages} list pages)\n{len(sample)} requests of each "
        "page, each beside one of the bare page\n"
    )
    print(harness.table(rows))


if __name__ == "__main__":
    main()
