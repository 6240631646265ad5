from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import holidays

from quartier.places.hours import Slot, Status, opening_status

BERLIN = ZoneInfo("Europe/Berlin")
SAXONY = holidays.country_holidays("DE", subdiv="SN")
# The Lerneck: Wednesday 10–17, Friday 10–13.
LERNECK = [Slot(2, time(10), time(17)), Slot(4, time(10), time(13))]


def at(*args: int, zone: ZoneInfo = BERLIN) -> datetime:
    return datetime(*args, tzinfo=zone)


def test_it_is_open_until_closing_time_during_opening_hours():
    status = opening_status(LERNECK, at(2025, 11, 26, 12, 30), BERLIN, SAXONY)
    assert status == Status(is_open=True, until=at(2025, 11, 26, 17))


def test_it_opens_later_the_same_day_before_opening_time():
    status = opening_status(LERNECK, at(2025, 11, 26, 9, 59), BERLIN, SAXONY)
    assert status == Status(is_open=False, next_opening=at(2025, 11, 26, 10))


def test_opening_time_itself_counts_as_open_and_closing_time_as_closed():
    assert opening_status(LERNECK, at(2025, 11, 26, 10), BERLIN).is_open
    status = opening_status(LERNECK, at(2025, 11, 26, 17), BERLIN)
    assert status == Status(is_open=False, next_opening=at(2025, 11, 28, 10))


def test_it_finds_the_next_opening_across_the_week_boundary():
    # Friday after closing: next is Wednesday of the following week.
    status = opening_status(LERNECK, at(2025, 11, 28, 13, 1), BERLIN, SAXONY)
    assert status.next_opening == at(2025, 12, 3, 10)
    assert status.next_change == at(2025, 12, 3, 10)


def test_it_skips_reformation_day_in_saxony():
    # 31 October 2025 is a Friday and a public holiday in Saxony.
    status = opening_status(LERNECK, at(2025, 10, 30, 9), BERLIN, SAXONY)
    assert status.next_opening == at(2025, 11, 5, 10)


def test_it_is_closed_on_a_holiday_during_usual_hours():
    # Buß- und Bettag, Wednesday 19 November 2025.
    status = opening_status(LERNECK, at(2025, 11, 19, 12), BERLIN, SAXONY)
    assert status == Status(is_open=False, next_opening=at(2025, 11, 21, 10))


def test_a_holiday_elsewhere_does_not_close_it():
    bavaria = holidays.country_holidays("DE", subdiv="BY")
    status = opening_status(LERNECK, at(2025, 11, 19, 12), BERLIN, bavaria)
    assert status.is_open


def test_next_opening_after_the_spring_clock_change_has_summer_time_offset():
    # Friday 28 March 2025 after closing; clocks go forward on Sunday 30 March.
    status = opening_status(LERNECK, at(2025, 3, 28, 14), BERLIN)
    assert status.next_opening == at(2025, 4, 2, 10)
    assert status.next_opening.utcoffset().total_seconds() == 2 * 3600
    assert status.next_opening.astimezone(UTC) == datetime(2025, 4, 2, 8, tzinfo=UTC)


def test_opening_hours_are_wall_clock_times_on_the_day_clocks_change():
    sunday = [Slot(6, time(1), time(5))]  # 30 March 2025: 02:00 becomes 03:00
    status = opening_status(sunday, datetime(2025, 3, 30, 0, 30, tzinfo=UTC), BERLIN)
    assert status.is_open
    # 05:00 summer time is 03:00 UTC: only three real hours after 01:00 winter time.
    assert status.until.astimezone(UTC) == datetime(2025, 3, 30, 3, tzinfo=UTC)


def test_it_answers_in_the_place_time_zone_whatever_the_zone_of_now():
    lisbon = ZoneInfo("Europe/Lisbon")
    slots = [Slot(0, time(9), time(12))]
    # 11:30 in Berlin is 10:30 in Lisbon: open there.
    status = opening_status(slots, at(2025, 11, 24, 11, 30), lisbon)
    assert status == Status(is_open=True, until=at(2025, 11, 24, 12, zone=lisbon))


def test_adjacent_slots_count_as_one_opening():
    slots = [Slot(0, time(9), time(12)), Slot(0, time(12), time(16))]
    status = opening_status(slots, at(2025, 11, 24, 11), BERLIN)
    assert status.until == at(2025, 11, 24, 16)


def test_a_lunch_break_closes_it_until_the_afternoon():
    slots = [Slot(3, time(9), time(12)), Slot(3, time(13), time(16))]
    status = opening_status(slots, at(2025, 11, 27, 12, 30), BERLIN)
    assert status == Status(is_open=False, next_opening=at(2025, 11, 27, 13))


def test_a_place_without_hours_never_opens():
    assert opening_status([], at(2025, 11, 24, 11), BERLIN) == Status(is_open=False)


def test_a_holiday_on_the_only_open_day_moves_the_opening_a_week_on():
    holiday_monday = {date(2025, 11, 24)}
    slots = [Slot(0, time(9), time(12))]
    status = opening_status(slots, at(2025, 11, 24, 8), BERLIN, holiday_monday)
    assert status.next_opening == at(2025, 12, 1, 9)


def test_it_refuses_a_naive_now():
    try:
        opening_status(LERNECK, datetime(2025, 11, 24, 8), BERLIN)
    except ValueError as error:
        assert "aware" in str(error)
    else:
        raise AssertionError("a naive datetime was accepted")
