"""A participant's appointments and Lerneck visits on the person page's timeline."""

from datetime import UTC, date, datetime

import pytest

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.learning.appointments.visits import record_visit
from quartier.people.intake import take_in

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)
MONDAY_9 = datetime(2025, 11, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def person(frozen, home_org, counsellor, project):
    return take_in(
        home_org, project, counsellor, date(2025, 10, 1), given_name="Lan", family_name="Tran"
    )


@pytest.fixture
def history(person, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    appointment = book(lernort, WEDNESDAY_10, name="Lan Tran", participant=person)
    record_visit(counsellor, contact_point=lernort, kind="self_learning", participant=person)
    return appointment


def timeline_of(client, person):
    response = client.get(f"/en/staff/people/{person.public_id}/")
    assert response.status_code == 200
    return response


def test_the_appointment_and_the_visit_are_on_the_persons_timeline(
    client, history, person, counsellor
):
    client.force_login(counsellor)
    response = timeline_of(client, person)
    entries = {entry["kind"]: entry for entry in response.context["timeline"]}
    appointment = entries["learning.appointment"]
    assert appointment["title"] == "Appointment at Lernort am Markt: Requested"
    assert appointment["when"] == WEDNESDAY_10
    assert appointment["url"] == f"/en/staff/learning/appointments/{history.public_id}/"
    assert entries["learning.visit"]["title"] == (
        "Visit: Self-learning at a computer at Lernort am Markt"
    )
    page = response.content.decode()
    assert "Appointment at Lernort am Markt: Requested" in page


def test_another_organisations_appointments_are_not_shown(
    client, history, person, counsellor, other_org, other_point
):
    west = make_user("west@example.org", Role.COUNSELLOR, other_org)
    counsellor_available(west, other_point, 0, "09:00", "12:00")
    book(other_point, MONDAY_9, name="Lan Tran", participant=person)
    client.force_login(counsellor)
    titles = [entry["title"] for entry in timeline_of(client, person).context["timeline"]]
    assert "Appointment at Lernort am Markt: Requested" in titles
    assert not any("Büro West" in title for title in titles)


def test_staff_without_an_appointment_role_see_no_appointments(client, history, person, lead):
    client.force_login(lead)
    kinds = {entry["kind"] for entry in timeline_of(client, person).context["timeline"]}
    assert not kinds & {"learning.appointment", "learning.visit"}


def test_the_timeline_needs_one_query_per_kind(
    client, person, lernort, counsellor, django_assert_num_queries
):
    client.force_login(counsellor)

    def count():
        # 1 session, 2 user, 3 memberships, 4 the person with relations, 5 consents,
        # 6 the "viewed" entry; 7 open cases (none, so no goals); 8 cases (none, so no
        # goals, contacts or referrals), 9 qualifications, 10 languages, 11 experience,
        # 12 skills (none, so no labels), 13 passports, 14 contact requests,
        # 15 appointments with their contact point, 16 visits with their contact
        # point, 17 registrations (none, so no attendance).
        with django_assert_num_queries(17):
            return timeline_of(client, person)

    count()
    counsellor_available(counsellor, lernort, 2)
    book(lernort, WEDNESDAY_10, name="Lan Tran", participant=person)
    book(lernort, WEDNESDAY_10.replace(hour=10), name="Lan Tran", participant=person)
    for kind in ("walk_in", "self_learning"):
        record_visit(counsellor, contact_point=lernort, kind=kind, participant=person)
    kinds = [entry["kind"] for entry in count().context["timeline"]]
    assert kinds.count("learning.appointment") == 2
    assert kinds.count("learning.visit") == 2
