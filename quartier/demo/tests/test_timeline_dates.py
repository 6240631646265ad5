"""Every dated entry on a demo person's timeline lies between their intake and now.

Appointments may lie ahead (they are appointments); nothing else may, and nothing may
come before the person was taken in.
"""

from datetime import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope

from quartier.accounts.access import STAFF
from quartier.accounts.models import User
from quartier.people.models import Participant
from quartier.people.timeline import entries_for

pytestmark = pytest.mark.django_db

# Kinds that are plans, not records of what happened.
AHEAD = {"learning.appointment"}


def test_every_demo_timeline_entry_lies_between_the_intake_and_now():
    call_command("demo", "--no-serve", verbosity=0)
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
    assert not wrong, wrong[:20]
    # The check saw the demo's whole range of records.
    assert {
        "intake",
        "people.entry.completed",
        "consent",
        "counselling.contact",
        "learning.registration",
        "learning.appointment",
    } <= kinds
