"""Booking an appointment for a person from their person page: their record fills in the
name, contact and language; the appointment is linked to them; others' people are not found."""

from datetime import UTC, date, datetime

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.learning.models import Appointment
from quartier.people.intake import take_in

from .fixtures import *  # noqa: F403
from .fixtures import counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)


def page(person) -> str:
    return f"/en/staff/learning/appointments/people/{person.public_id}/book/"


@pytest.fixture
def person(frozen, home_org, counsellor, project):
    return take_in(
        home_org,
        project,
        counsellor,
        date(2025, 10, 1),
        given_name="Amal",
        family_name="Haddad",
        phone="0341 555",
        preferred_language="ar",
    )


def test_the_free_times_of_the_place_are_offered_and_one_is_booked_for_the_person(
    client, person, lernort, counsellor
):
    counsellor_available(counsellor, lernort, 2)
    client.force_login(counsellor)
    response = client.get(page(person), {"point": lernort.slug})
    starts = [slot.start for day in response.context["days"] for slot, _local in day["slots"]]
    assert WEDNESDAY_10 in starts
    booked = client.post(
        page(person), {"point": lernort.slug, "at": int(WEDNESDAY_10.timestamp())}, follow=True
    )
    assert "The appointment is booked." in booked.content.decode()
    with scopes_disabled():
        appointment = Appointment.objects.get()
    assert (appointment.participant, appointment.start, appointment.name) == (
        person,
        WEDNESDAY_10,
        "Amal Haddad",
    )
    assert (appointment.phone, appointment.language) == ("0341 555", "ar")
    assert (
        booked.redirect_chain[-1][0] == f"/en/staff/learning/appointments/{appointment.public_id}/"
    )


def test_a_taken_time_is_refused_with_a_message(client, person, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2, "10:00", "10:30")
    client.force_login(counsellor)
    data = {"point": lernort.slug, "at": int(WEDNESDAY_10.timestamp())}
    client.post(page(person), data)
    again = client.post(page(person), data, follow=True)
    assert "This time was just taken. Please choose another one." in again.content.decode()
    with scopes_disabled():
        assert Appointment.objects.count() == 1


def test_another_organisations_person_is_not_found_and_leads_are_refused(
    client, person, lernort, other_point, counsellor, other_org, lead
):
    west = make_user("west@example.org", Role.COUNSELLOR, other_org)
    client.force_login(west)
    assert client.get(page(person)).status_code == 404
    data = {"point": other_point.slug, "at": int(WEDNESDAY_10.timestamp())}
    assert client.post(page(person), data).status_code == 404
    client.force_login(lead)
    assert client.get(page(person)).status_code == 403
