"""Many registrations at once against a real PostgreSQL server: never over-booked.

Each thread has its own database connection, so the requests really race. The
control test switches the row lock off and holds every thread after it has
counted the places until all have counted: then the offer is over-booked,
which shows that the first test would fail without the lock.
"""

import threading

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from quartier.learning.models import Offer, Registration, RegistrationStatus
from quartier.learning.offers import registrations

from .fixtures import *  # noqa: F403
from .fixtures import make_offer

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so nothing can race",
    ),
    pytest.mark.django_db(transaction=True),
]

PEOPLE = 20
CAPACITY = 5


def register_all_at_once(offer) -> list[Exception]:
    """PEOPLE residents register for ``offer`` from their own threads, released together."""
    start = threading.Barrier(PEOPLE)
    errors: list[Exception] = []

    def one(number: int) -> None:
        try:
            start.wait(timeout=30)
            registrations.register(offer, None, name=f"Person {number}", phone=f"0341 {number:04d}")
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def statuses(offer) -> tuple[int, list[int]]:
    with scopes_disabled():
        rows = Registration.objects.filter(offer=offer)
        confirmed = rows.filter(status=RegistrationStatus.CONFIRMED).count()
        positions = sorted(
            rows.filter(status=RegistrationStatus.WAITING).values_list("position", flat=True)
        )
    return confirmed, positions


def test_twenty_people_at_once_get_exactly_five_places_and_fifteen_waiting_positions(
    home_org, coordinator
):
    offer = make_offer(home_org, coordinator, capacity=CAPACITY)

    errors = register_all_at_once(offer)

    assert errors == []
    confirmed, positions = statuses(offer)
    assert confirmed == CAPACITY
    assert positions == list(range(1, PEOPLE - CAPACITY + 1))


def test_control_without_the_row_lock_the_offer_is_over_booked(home_org, coordinator, monkeypatch):
    offer = make_offer(home_org, coordinator, capacity=CAPACITY)
    counted = threading.Barrier(PEOPLE)
    real_count = registrations.confirmed_count

    def count_then_wait_for_everybody(offer):
        taken = real_count(offer)
        counted.wait(timeout=30)  # every thread has read "0 taken" before anyone writes
        return taken

    monkeypatch.setattr(registrations, "lock_offer", lambda pk: Offer.objects.get(pk=pk))
    monkeypatch.setattr(registrations, "confirmed_count", count_then_wait_for_everybody)

    errors = register_all_at_once(offer)

    assert errors == []
    confirmed, _positions = statuses(offer)
    assert confirmed > CAPACITY
