"""A counsellor who loses the role loses what came with it: availability, slots, feed,
API tokens; their coming appointments are listed for reassignment."""

from datetime import UTC, datetime

import pytest

from quartier.accounts import members
from quartier.accounts.models import Membership, Role
from quartier.accounts.tokens import create_api_token
from quartier.learning.appointments import slots
from quartier.learning.appointments.feed import rotate_feed_token
from quartier.learning.appointments.services import confirm_appointment, needs_new_counsellor
from quartier.learning.models import Availability

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)


@pytest.fixture
def leaving(frozen, lernort, counsellor, personas):
    """The counsellor takes appointments on Wednesdays and has one booked and confirmed."""
    counsellor_available(counsellor, lernort, 2)
    appointment = book(lernort, WEDNESDAY_10)
    confirm_appointment(appointment, counsellor)
    feed = rotate_feed_token(counsellor)
    _token, api = create_api_token(counsellor, "calendar sync")
    membership = Membership.objects.get(user=counsellor, role=Role.COUNSELLOR)
    return {"appointment": appointment, "feed": feed, "api": api, "membership": membership}


def test_removing_the_role_ends_availability_slots_feed_and_tokens(
    client, leaving, lernort, counsellor, personas
):
    assert slots.find_slot(lernort, datetime(2025, 10, 29, 10, 0, tzinfo=UTC)) is not None
    feed_url = f"/de/learn/feeds/appointments/{leaving['feed']}.ics"

    members.remove_member(leaving["membership"], by=personas["admin"])

    assert not Availability.objects.filter(user=counsellor).exists()
    assert slots.find_slot(lernort, datetime(2025, 10, 29, 10, 0, tzinfo=UTC)) is None
    assert client.get(feed_url).status_code == 404
    api = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {leaving['api']}")
    assert api.status_code == 401


def test_their_coming_appointments_are_listed_for_reassignment(
    client, leaving, counsellor, personas, home_org
):
    members.remove_member(leaving["membership"], by=personas["admin"])

    assert needs_new_counsellor([home_org.pk]) == [leaving["appointment"].pk]
    coordinator = personas["coordinator"]
    client.force_login(coordinator)
    page = client.get("/en/staff/learning/appointments/")
    assert "1 coming appointment belongs to someone who no longer takes appointments here." in (
        page.text
    )
    listed = client.get("/en/staff/learning/appointments/?status=reassign")
    assert leaving["appointment"].name in listed.text


def test_slots_ignore_an_availability_left_behind_by_a_former_member(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    # the role went without the removal service (an older database, the admin)
    Membership.objects.filter(user=counsellor).delete()
    assert slots.find_slot(lernort, datetime(2025, 10, 29, 10, 0, tzinfo=UTC)) is None


def test_someone_who_keeps_another_appointment_role_keeps_their_availability(
    leaving, counsellor, home_org, personas
):
    Membership.objects.create(
        user=counsellor, organisation=home_org, role=Role.LEARNING_COORDINATOR
    )
    members.remove_member(leaving["membership"], by=personas["admin"])
    assert Availability.objects.filter(user=counsellor).exists()
