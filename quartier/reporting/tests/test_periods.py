from datetime import date

import pytest

from quartier.reporting.periods import PeriodError, choices, parse

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("last-12-months", date(2025, 12, 8), TODAY),
        ("this-year", date(2026, 1, 1), TODAY),
        ("last-year", date(2025, 1, 1), date(2025, 12, 31)),
        ("2026-01-15..2026-05-31", date(2026, 1, 15), date(2026, 5, 31)),
    ],
)
def test_each_form_of_period_names_its_days(value, start, end):
    period = parse(value, today=TODAY)

    assert (period.start, period.end, period.key) == (start, end, value)


@pytest.mark.parametrize("value", ["", "2026-13", "2026-Q5", "tomorrow", "2026-05-01..2026-04-01"])
def test_a_value_that_names_no_period_is_refused(value):
    with pytest.raises(PeriodError):
        parse(value, today=TODAY)


def test_a_leap_day_looks_back_to_the_first_of_march():
    assert parse("last-12-months", today=date(2028, 2, 29)).start == date(2027, 3, 1)


def test_months_are_cut_to_the_period():
    months = parse("2026-01-15..2026-03-10", today=TODAY).months()

    assert [(m.start, m.end) for m in months] == [
        (date(2026, 1, 15), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 10)),
    ]


def test_the_picker_offers_no_period_that_starts_in_the_future():
    offered = choices(today=date(2026, 2, 1))

    assert "2026-Q1" in [p.key for p in offered]
    assert "2026-Q2" not in [p.key for p in offered]
