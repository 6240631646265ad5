"""The demo's appointments and visits: deterministic, made once, through the real services."""

import pytest
from django_scopes import scopes_disabled

from quartier.demo.appointments import create_demo_appointments
from quartier.demo.logins import create_demo_logins
from quartier.learning.appointments.tests.fixtures import *  # noqa: F403
from quartier.learning.models import Appointment, AppointmentStatus, Availability, Visit
from quartier.places.sitepack import load_site_pack
from quartier.places.tests.conftest import LEIPZIG

pytestmark = pytest.mark.django_db


def test_the_demo_makes_two_years_of_appointments_and_visits_once(frozen):
    load_site_pack(LEIPZIG)
    create_demo_logins()
    summary = create_demo_appointments()
    with scopes_disabled():
        counts = (Availability.objects.count(), Appointment.objects.count(), Visit.objects.count())
        statuses = set(Appointment.objects.values_list("status", flat=True))
    assert summary.startswith("Demo appointments:")
    assert counts[0] == 5
    assert counts[1] > 500 and counts[2] > 500
    assert {
        AppointmentStatus.DONE,
        AppointmentStatus.NO_SHOW,
        AppointmentStatus.CONFIRMED,
    } <= statuses
    assert AppointmentStatus.REQUESTED in statuses
    assert create_demo_appointments() == "Demo appointments already there."
    with scopes_disabled():
        assert (
            Availability.objects.count(),
            Appointment.objects.count(),
            Visit.objects.count(),
        ) == counts
