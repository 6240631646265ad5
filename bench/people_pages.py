"""Server time of the participant list, the search, the person page and the audit log
at scale.

    .venv/bin/python bench/people_pages.py --participants 100000 --audit 100000

Generates the programme once (kept in the database named by DATABASE_URL, by default
var/bench.sqlite3; more participants are added when asked for more) and adds audit
entries of the counsellors' organisation up to ``--audit``; then requests each page
through Django's test client in this process, signed in as a counsellor (the audit log
as a project lead), and prints p50/p95 of the server time beside the bare page's
(`bare_urls.py`), measured alternately with it.

The lists are requested at random pages of the whole list, reached as a user reaches
them: the "Next" links from the first page to the last (collected once, before the
timing), page numbers or cursors, whichever the list uses.
"""

import argparse
import os
import random
import re
from datetime import timedelta
from html import unescape

import harness
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

# The bench's project lead reads the audit log without a second factor.
os.environ.setdefault("REQUIRE_2FA_ROLES", "")
harness.setup()

# The product modules this script uses, in one place.
from quartier.accounts.models import AuditEntry, Membership, Organisation, Role, User  # noqa: E402
from quartier.people.models import Participant  # noqa: E402

NEXT = re.compile(r'rel="next" href="([^"]+)"')


def fill_audit(organisation: Organisation, wanted: int) -> int:
    """Add entries like the ones a busy organisation writes until it holds ``wanted``:
    one a minute back from now, several at the same instant now and then."""
    with scopes_disabled():
        have = AuditEntry.objects.filter(organisation=organisation).count()
        if have < wanted:
            print(f"adding {wanted - have} audit entries …", flush=True)
            start = timezone.now() - timedelta(minutes=wanted)
            for first in range(have, wanted, 5000):
                AuditEntry.objects.bulk_create(
                    AuditEntry(
                        organisation=organisation,
                        created_at=start + timedelta(minutes=number - number % 3),
                        code="people.participant.viewed",
                        actor_label="bench@quartier.example",
                        subject_type="people.participant",
                        subject_id=str(number),
                    )
                    for number in range(first, min(first + 5000, wanted))
                )
        return AuditEntry.objects.filter(organisation=organisation).count()


def spread_pages(client: Client, base: str) -> list[str]:
    """URLs of every page of the list, as a user reaches them: the "Next" links from the
    first page to the last (``?page=N`` or a cursor, whichever the list uses)."""
    urls = [base]
    response = client.get(base)
    while True:
        assert response.status_code == 200
        link = NEXT.search(response.content.decode())
        if not link:
            return urls
        urls.append(base + unescape(link.group(1)))
        response = client.get(urls[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--audit", type=int, default=0, help="audit entries of the organisation")
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
    lead, _ = User.objects.get_or_create(email="bench-lead@quartier.example")
    Membership.objects.get_or_create(user=lead, organisation=organisation, role=Role.PROJECT_LEAD)
    with scopes_disabled():
        everyone = Participant.objects.count()
        mine = Participant.objects.filter(organisation=organisation)
        total = mine.count()
        sample = list(mine.order_by("?").values_list("public_id", "family_name")[: args.requests])
    entries = fill_audit(organisation, args.audit) if args.audit else 0

    client = Client()
    client.force_login(user)
    lead_client = Client()
    lead_client.force_login(lead)
    rng = random.Random(1)
    base = reverse("people:list")
    list_pages = spread_pages(client, base)
    pages = len(list_pages)
    urls = {
        "participant list": [rng.choice(list_pages) for _ in sample],
        "search by name": [f"{base}?q={family_name[:4]}" for _, family_name in sample],
        "person page": [reverse("people:detail", args=[public_id]) for public_id, _ in sample],
    }
    clients = dict.fromkeys(urls, client)
    if entries:
        audit_pages = spread_pages(lead_client, reverse("accounts:audit-log"))
        urls["audit log"] = [rng.choice(audit_pages) for _ in sample]
        clients["audit log"] = lead_client
    rows = []
    for name, page_urls in urls.items():
        bare = harness.get_page(clients[name], harness.bare_page_url())
        queries, _ = harness.count_queries(harness.get_page(clients[name], page_urls[0]))
        samples, baseline = harness.measure(
            harness.get_pages(clients[name], page_urls), bare, len(sample)
        )
        rows.append(harness.Row(name, samples, "bare page", baseline, f"{queries} queries"))

    audit = f", {entries} audit entries of that organisation" if entries else ""
    print(
        f"\n{harness.database_name()}: {everyone} participants, {total} of them in the "
        f"counsellor's organisation ({pages} list pages){audit}\n{len(sample)} requests of "
        "each page, each beside one of the bare page\n"
    )
    print(harness.table(rows))


if __name__ == "__main__":
    main()
