"""A slot is never booked twice, also when many residents book it at the same moment.

Runs against a real PostgreSQL server (CI's PostgreSQL pass; skipped on SQLite,
which serialises all writes and so cannot show the race). Every thread first reads
the slot as free, then all of them try to book it at once (a barrier between the
read and the write). The control switches the protection off — no row lock, and
the unique constraint dropped for the duration of the test — and shows that the
same threads then do book the slot several times, so this test can fail.
"""

import threading
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import translation

from quartier.learning.appointments import services as appointments
from quartier.learning.appointments import slots
from quartier.learning.models import Appointment

from .fixtures import *  # noqa: F403
from .fixtures import counsellor_available

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite serialises writes, so there is no race to show",
    ),
]

THREADS = 8
WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)


def book_all_at_once(point, monkeypatch) -> list[str]:
    """Every thread reads the slot as free, waits for the others, then books it."""
    barrier = threading.Barrier(THREADS, timeout=20)
    original = slots.find_slot

    def read_then_wait(*args, **kwargs):
        slot = original(*args, **kwargs)
        barrier.wait()
        return slot

    monkeypatch.setattr(slots, "find_slot", read_then_wait)
    outcomes: list[str] = []

    def resident(number: int) -> None:
        # A new thread starts without the test's language: read messages in English.
        translation.activate("en")
        try:
            appointments.book_appointment(
                point, WEDNESDAY_10, name=f"Resident {number}", phone=f"0341 {number}"
            )
            outcomes.append("booked")
        except appointments.AppointmentError as error:
            outcomes.append(str(error))
        except Exception as error:  # noqa: BLE001 - any other failure is reported below
            outcomes.append(f"error: {error!r}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=resident, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def open_slot(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)
    return lernort


def booked_rows() -> int:
    return Appointment.objects.with_scopes_disabled().filter(start=WEDNESDAY_10).count()


def test_many_residents_booking_the_same_slot_get_it_exactly_once(open_slot, monkeypatch):
    outcomes = book_all_at_once(open_slot, monkeypatch)
    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count(str(appointments.TAKEN)) == THREADS - 1, outcomes
    assert booked_rows() == 1


def test_the_constraint_alone_still_stops_the_double_booking(open_slot, monkeypatch):
    monkeypatch.setattr(appointments, "LOCK_COUNSELLORS", False)
    outcomes = book_all_at_once(open_slot, monkeypatch)
    assert outcomes.count("booked") == 1, outcomes
    assert booked_rows() == 1


def test_control_without_lock_and_constraint_the_slot_is_booked_several_times(
    open_slot, monkeypatch
):
    constraint = next(
        c
        for c in Appointment._meta.constraints
        if c.name == "appointment_one_active_per_counsellor"
    )
    monkeypatch.setattr(appointments, "LOCK_COUNSELLORS", False)
    with connection.schema_editor() as editor:
        editor.remove_constraint(Appointment, constraint)
    try:
        outcomes = book_all_at_once(open_slot, monkeypatch)
        assert outcomes.count("booked") > 1, outcomes
        assert booked_rows() > 1
    finally:
        Appointment.objects.with_scopes_disabled().all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Appointment, constraint)
