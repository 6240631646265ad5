"""The measuring half of the scale bench (bench/scale.py runs it once per size).

In a fresh database named by DATABASE_URL: migrate, load the site pack, generate
the programme, sign in one member of staff who holds every staff role in the
largest organisation, and time each page against the bare page and against its
own SQL. Prints nothing itself; returns the figures for scale.py's table.
"""

import os
import random
import time

import harness

# The bench signs in with a password only: the second factor is not what is measured.
os.environ.setdefault("REQUIRE_2FA_ROLES", "")
harness.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from quartier.accounts.models import Membership, Organisation, Role, User  # noqa: E402
from quartier.counselling.models import Case  # noqa: E402
from quartier.learning.models import Offer  # noqa: E402
from quartier.people.models import Participant  # noqa: E402

ROLES = (
    Role.COUNSELLOR,
    Role.PROJECT_LEAD,
    Role.BUSINESS_ADVISOR,
    Role.LEARNING_COORDINATOR,
)


def staff_member(organisation: Organisation) -> User:
    user, _ = User.objects.get_or_create(email="bench-staff@quartier.example")
    for role in ROLES:
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def page_urls(organisation: Organisation, requests: int) -> dict[str, list[str]]:
    """A few addresses per page, so a page is not answered from one warm row."""
    rng = random.Random(1)
    with scopes_disabled():
        people = list(
            Participant.objects.filter(organisation=organisation, anonymised_at=None)
            .order_by("?")
            .values_list("public_id", "family_name")[:requests]
        )
        cases = list(
            Case.objects.filter(participant__organisation=organisation)
            .order_by("?")
            .values_list("public_id", flat=True)[:requests]
        )
        offers = list(
            Offer.objects.filter(organisation=organisation)
            .annotate(registered=Count("registrations"))
            .order_by("-registered")
            .values_list("code", flat=True)[:5]
        )
    people_list = reverse("people:list")
    urls = {
        "participant list": [people_list],
        "search by name": [f"{people_list}?q={name[:4]}" for _, name in people] or [people_list],
        "person page": [reverse("people:detail", args=[code]) for code, _ in people],
        "case list": [reverse("counselling:my-cases")],
        "case page": [reverse("counselling:case-detail", args=[code]) for code in cases],
        "business list": [reverse("economy:business-list")],
        "vacancy list": [reverse("economy:vacancy-list")],
        "offer registrations": [reverse("learning:offer-detail", args=[c]) for c in offers],
        "visits": [reverse("learning:visits")],
        "audit log": [reverse("accounts:audit-log")],
    }
    rng.shuffle(urls["search by name"])
    return {name: found for name, found in urls.items() if found}


def measure(size: int, requests: int) -> dict:
    harness.prepare_database()
    started = time.monotonic()
    call_command("generate", "--participants", str(size), "--seed", "1", verbosity=0)
    generated = time.monotonic() - started
    with scopes_disabled():
        largest = (
            Participant.objects.values("organisation")
            .annotate(people=Count("pk"))
            .order_by("-people")[0]["organisation"]
        )
        organisation = Organisation.objects.get(pk=largest)
        participants = Participant.objects.count()
    client = Client()
    client.force_login(staff_member(organisation))
    bare = harness.get_page(client, harness.bare_page_url())
    pages = {}
    for name, urls in page_urls(organisation, requests).items():
        page = harness.get_pages(client, urls)
        queries, _ = harness.count_queries(harness.get_page(client, urls[0]))
        statements = harness.captured_statements(harness.get_page(client, urls[0]))
        samples, baseline = harness.measure(page, bare, requests)
        floor = harness.rolled_back(statements)
        sql = [harness.timed(floor) for _ in range(requests)]
        pages[name] = {
            "p50": harness.percentile(samples, 0.5),
            "p95": harness.percentile(samples, 0.95),
            "queries": queries,
            "bare_p50": harness.percentile(baseline, 0.5),
            "sql_p50": harness.percentile(sql, 0.5),
        }
    return {
        "database": harness.database_name(),
        "participants": participants,
        "generated_s": generated,
        "requests": requests,
        "pages": pages,
    }
