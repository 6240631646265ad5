"""A participant's appointments and visits in their export, erasure and anonymisation."""

from datetime import UTC, date, datetime

import pytest
from django_scopes import scopes_disabled

from quartier.learning.appointments.visits import record_visit
from quartier.learning.models import Appointment, Visit
from quartier.people.intake import take_in
from quartier.people.rights import anonymise_participants, export_person, request_erasure

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def person(frozen, home_org, counsellor, project):
    return take_in(
        home_org, project, counsellor, date(2025, 10, 1), given_name="Lan", family_name="Tran"
    )


@pytest.fixture
def history(person, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    book(lernort, WEDNESDAY_10, name="Lan Tran", topic="Bewerbung", participant=person)
    record_visit(counsellor, contact_point=lernort, kind="self_learning", participant=person)


def test_the_export_has_the_appointments_and_visits(history, person, counsellor):
    with scopes_disabled():
        sections = export_person(person, counsellor, "json")["sections"]
    [appointment] = sections["learning_appointments"]
    assert appointment["place"] == "Lernort am Markt"
    assert appointment["topic"] == "Bewerbung"
    assert appointment["start"] == WEDNESDAY_10
    [visit] = sections["learning_visits"]
    assert visit["kind"] == "self_learning"


def test_erasure_clears_contact_details_and_keeps_the_counts(history, person, counsellor):
    with scopes_disabled():
        request_erasure(person, counsellor)
        appointment = Appointment.objects.get()
        visit = Visit.objects.get()
    assert (appointment.name, appointment.email, appointment.topic) == ("Anonymised", "", "")
    assert appointment.start == WEDNESDAY_10
    assert visit.participant is None


def test_anonymisation_clears_the_same(history, person):
    with scopes_disabled():
        anonymise_participants([person.pk])
        assert Appointment.objects.get().email == ""
