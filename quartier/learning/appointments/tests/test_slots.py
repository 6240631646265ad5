"""Bookable slots: opening hours, public holidays, counsellors' availability, bookings, DST."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from quartier.accounts.models import Organisation, Role
from quartier.conftest import make_user
from quartier.learning.appointments import slots
from quartier.learning.appointments.services import cancel_appointment
from quartier.places.models import ContactPoint
from quartier.places.sitepack import load_site_pack

from .fixtures import *  # noqa: F403
from .fixtures import MONDAY_AFTER_DST, book, counsellor_available, second_counsellor

pytestmark = pytest.mark.django_db

NORDHAFEN = Path(__file__).resolve().parents[3] / "places" / "tests" / "packs" / "nordhafen.toml"


def days_of(free) -> list[date]:
    return sorted({slot.start.astimezone(slots.site_calendar(None).zone).date() for slot in free})


def test_slots_follow_opening_hours_and_skip_saxon_holidays(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2)  # Wednesday 10–17
    counsellor_available(counsellor, lernort, 4, "10:00", "13:00")  # Friday 10–13
    free = slots.slots_for(lernort)
    # Four weeks from Monday 27 Oct 2025: Fri 31 Oct (Reformation Day) and
    # Wed 19 Nov (Buß- und Bettag) are closed.
    assert days_of(free) == [
        date(2025, 10, 29),
        date(2025, 11, 5),
        date(2025, 11, 7),
        date(2025, 11, 12),
        date(2025, 11, 14),
        date(2025, 11, 21),
    ]
    wednesday = [s for s in free if s.start.date() == date(2025, 10, 29)]
    assert len(wednesday) == 14  # 10:00 … 16:30, half an hour each
    assert wednesday[0].start == datetime(2025, 10, 29, 9, 0, tzinfo=UTC)  # 10:00 CET
    assert wednesday[-1].end == datetime(2025, 10, 29, 16, 0, tzinfo=UTC)  # 17:00 CET
    friday = [s for s in free if s.start.date() == date(2025, 11, 7)]
    assert len(friday) == 6


def test_a_slot_needs_an_available_counsellor(frozen, lernort, counsellor):
    assert slots.slots_for(lernort) == []
    counsellor_available(counsellor, lernort, 2, "14:00", "16:00")
    free = slots.slots_for(lernort)
    assert {s.start.astimezone(lernort_zone()).strftime("%H:%M") for s in free} == {
        "14:00",
        "14:30",
        "15:00",
        "15:30",
    }
    assert all(s.counsellor_ids == [counsellor.pk] for s in free)


def lernort_zone():
    return slots.site_calendar(slots.current_site_pack()).zone


def test_availability_outside_opening_hours_gives_no_slots(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 0, "09:00", "17:00")  # Monday: closed
    counsellor_available(counsellor, lernort, 4, "13:00", "17:00")  # Friday after closing
    assert slots.slots_for(lernort) == []


def test_availability_ends_on_its_valid_until_date(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2, valid_until=date(2025, 11, 5))
    assert days_of(slots.slots_for(lernort)) == [date(2025, 10, 29), date(2025, 11, 5)]


def test_a_booked_slot_is_hidden_while_another_counsellor_keeps_it_open(
    frozen, lernort, counsellor, home_org
):
    other = second_counsellor(home_org)
    counsellor_available(counsellor, lernort, 2)
    counsellor_available(other, lernort, 2)
    start = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)
    first = book(lernort, start)
    slot = slots.find_slot(lernort, start)
    assert slot.counsellor_ids == sorted({counsellor.pk, other.pk} - {first.counsellor_id})
    book(lernort, start, name="Oleh Bondar")
    assert slots.find_slot(lernort, start) is None
    cancel_appointment(first)
    assert slots.find_slot(lernort, start).counsellor_ids == [first.counsellor_id]


def test_slots_keep_local_time_across_the_change_to_winter_time(lernort, counsellor):
    counsellor_available(counsellor, lernort, 2, "10:00", "11:00")
    with time_machine.travel(datetime(2025, 10, 20, 6, 0, tzinfo=UTC), tick=False):
        free = slots.slots_for(lernort, last_day=date(2025, 10, 29))
    assert [s.start for s in free] == [
        datetime(2025, 10, 22, 8, 0, tzinfo=UTC),  # 10:00 summer time (UTC+2)
        datetime(2025, 10, 22, 8, 30, tzinfo=UTC),
        datetime(2025, 10, 29, 9, 0, tzinfo=UTC),  # 10:00 winter time (UTC+1)
        datetime(2025, 10, 29, 9, 30, tzinfo=UTC),
    ]


def test_slots_start_a_little_after_now(lernort, counsellor):
    counsellor_available(counsellor, lernort, 2, "10:00", "17:00")
    # Wednesday 29 Oct 2025, 12:10 local: two hours' notice, so 14:30 is the first.
    with time_machine.travel(datetime(2025, 10, 29, 11, 10, tzinfo=UTC), tick=False):
        free = slots.slots_for(lernort, last_day=date(2025, 10, 29))
    assert free[0].start == datetime(2025, 10, 29, 13, 30, tzinfo=UTC)


def test_nothing_is_hard_coded_another_town_with_its_own_holidays(db):
    load_site_pack(NORDHAFEN)
    point = ContactPoint.objects.get(slug="hafenbuero")
    user = make_user(
        "porto@example.org", Role.COUNSELLOR, Organisation.objects.get(slug="hafenbuero")
    )
    counsellor_available(user, point, 5, "10:00", "14:00")  # Saturday
    # Monday 8 June 2026; Saturday 13 June is St Anthony's Day in Lisbon.
    with time_machine.travel(datetime(2026, 6, 8, 8, 0, tzinfo=UTC), tick=False):
        free = slots.slots_for(point, last_day=date(2026, 6, 20))
    assert {s.start.date() for s in free} == {date(2026, 6, 20)}
    assert free[0].start == datetime(2026, 6, 20, 9, 0, tzinfo=UTC)  # 10:00 in Lisbon (UTC+1)


def test_the_free_slots_function_is_pure():
    zone = slots.ZoneInfo("Europe/Berlin")
    window = slots.Window(2, datetime(2025, 1, 1, 10).time(), datetime(2025, 1, 1, 11).time())
    available = slots.Window(2, window.starts, window.ends, user_id=7)
    free = slots.free_slots(
        opening=[window],
        availability=[available],
        busy=[
            slots.Busy(
                7,
                datetime(2025, 10, 29, 9, 0, tzinfo=UTC),
                datetime(2025, 10, 29, 9, 30, tzinfo=UTC),
            )
        ],
        first_day=date(2025, 10, 29),
        last_day=date(2025, 10, 29),
        zone=zone,
        holidays=frozenset(),
        length=slots.slot_length(),
        not_before=MONDAY_AFTER_DST,
    )
    assert [(s.start, s.counsellor_ids) for s in free] == [
        (datetime(2025, 10, 29, 9, 30, tzinfo=UTC), [7])
    ]
