from datetime import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_scopes import scope

from quartier.accounts.access import STAFF
from quartier.accounts.models import Membership, Organisation, Role, User
from quartier.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from quartier.demo.programme import DEMO_TARGETS
from quartier.people.models import Participant, Project
from quartier.people.timeline import entries_for

pytestmark = pytest.mark.django_db


def planner_rows(table: str) -> float:
    """How many rows the database's statistics say ``table`` holds (0 without statistics)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return max(cursor.fetchone()[0], 0)
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NULL", [table])
        row = cursor.fetchone()
        if row is None:  # a table with indexes has one row per index, the count first
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
            row = cursor.fetchone()
        return float(row[0].split()[0]) if row else 0


# Kinds of timeline entry that are plans, not records of what happened.
AHEAD = {"learning.appointment"}


def timeline_entries_out_of_range() -> list[tuple]:
    """Every dated entry on a demo person's timeline that does not lie between their
    intake and now. Appointments may lie ahead (they are appointments); nothing else
    may, and nothing may come before the person was taken in."""
    counsellor = User.objects.get(email="beratung@quartier.example")
    now = timezone.now()
    today = timezone.localdate()
    wrong = []
    with scope(organisation=STAFF.organisations(counsellor)):
        people = list(
            Participant.objects.select_related("entry", "organisation").prefetch_related("consents")
        )
        assert len(people) >= 200
        kinds = set()
        for person in people:
            intake = person.created_at
            for entry in entries_for(person, counsellor):
                kinds.add(entry["kind"])
                when = entry["when"]
                if isinstance(when, datetime):
                    early, late = when < intake, when > now
                else:
                    early, late = when < timezone.localtime(intake).date(), when > today
                if early or (late and entry["kind"] not in AHEAD):
                    wrong.append((str(person), entry["kind"], when, intake))
    # The check saw the demo's whole range of records.
    assert {
        "intake",
        "people.entry.completed",
        "consent",
        "counselling.contact",
        "learning.registration",
        "learning.appointment",
    } <= kinds
    return wrong


def test_the_demo_makes_one_login_per_role_keeps_one_copy_and_the_logins_work(client, capsys):
    """Also: every demo timeline entry lies between the person's intake and now (checked
    here because each build of the demo takes a while)."""
    # The demo is built twice in this test only: each build takes a while.
    call_command("demo", "--no-serve", verbosity=0)
    wrong = timeline_entries_out_of_range()
    assert not wrong, wrong[:20]
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.email in out
    # Thousands of rows were written in one transaction: the planner must know they are there.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM esco_label")
        (labels,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM people_participant")
        (people,) = cursor.fetchone()
    assert labels > 20_000 and people >= 200
    assert planner_rows("esco_label") == pytest.approx(labels, rel=0.1)
    assert planner_rows("people_participant") == pytest.approx(people, rel=0.1)

    response = client.post(
        "/de/staff/login/",
        {"username": "projektleitung@quartier.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/de/staff/audit/").status_code == 200
    # The reporting viewer's and the lead's organisations take part in the demo project,
    # which has the targets of its grant application.
    project = Project.objects.get(slug="arbeit-im-quartier")
    assert {"dialog", "stadt-leipzig-aws"} <= set(
        project.organisations.values_list("slug", flat=True)
    )
    targets = apps.get_model("reporting", "Target").objects.filter(project=project)
    assert targets.get(period_key="phase", code="EECO01").value == 300

    call_command("demo", "--no-serve", verbosity=0)
    assert {login.role for login in DEMO_LOGINS} == set(Role.values)
    assert User.objects.count() == len(DEMO_LOGINS)
    assert Membership.objects.count() == len(DEMO_LOGINS)
    assert Organisation.objects.filter(slug="dialog").count() == 1
    years = project.ends_on.year - project.starts_on.year + 1
    assert targets.count() == len(DEMO_TARGETS) * (1 + years)  # the phase and each year
    for login in DEMO_LOGINS:
        assert User.objects.get(email=login.email).check_password(DEMO_PASSWORD)


def test_the_demo_refuses_a_database_with_other_accounts_unless_forced(personas):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="accounts besides the demo's"):
        call_command("demo", "--no-serve", verbosity=0)
    assert not User.objects.filter(email=DEMO_LOGINS[0].email).exists()
