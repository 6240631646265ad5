"""The ESF+ indicators reconcile with counts written here, person by person, in Python."""

from datetime import date, timedelta

import pytest

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.economy.advice.consultations import record_consultation
from quartier.economy.businesses.register import save_business
from quartier.reporting.disclosure import suppress
from quartier.reporting.esf import esf_tables, incomplete_records
from quartier.reporting.periods import parse
from quartier.reporting.tests.programme import TODAY, Exit, Person, build, random_plan
from quartier.reporting.tests.test_disclosure import recoverable

pytestmark = pytest.mark.django_db

PERIOD = parse("2026-H1", today=TODAY)
GENDERS = "wmdx"


@pytest.fixture
def staff(personas, home_org, other_org):
    elsewhere = make_user("beratung@elsewhere.example.org", Role.COUNSELLOR, other_org)
    return {home_org.pk: personas["counsellor"], other_org.pk: elsewhere}


def cells(people, test) -> dict[str, int]:
    counted = {
        gender: sum(1 for p in people if p.gender == gender and test(p)) for gender in GENDERS
    }
    return {**counted, "total": sum(counted.values())}


def expected_outputs(plan, organisations) -> dict[str, dict[str, int]]:
    """Every output row, counted over the plan without the database."""
    entered = [p for p in plan if p.organisation.pk in organisations and p.entry_date in PERIOD]
    done = [p for p in entered if p.complete]

    def age(p, low, high):
        years = p.age_at_entry()
        return years is not None and low <= years <= high

    tests = {
        "EECO01": lambda p: True,
        "EECO02": lambda p: p.status == "unemployed",
        "EECO03": lambda p: p.long_term,
        "EECO04": lambda p: p.status == "inactive",
        "EECO05": lambda p: p.status == "employed",
        "EECO06": lambda p: age(p, 0, 17),
        "EECO07": lambda p: age(p, 18, 29),
        "EECO08": lambda p: age(p, 55, 200),
        "EECO09": lambda p: p.isced == "0-2",
        "EECO10": lambda p: p.isced == "3-4",
        "EECO11": lambda p: p.isced == "5-8",
        "EECO12": lambda p: p.disability == "yes",
        "EECO13": lambda p: p.third_country,
        "EECO14": lambda p: p.foreign_background == "yes",
        "EECO15": lambda p: p.minority == "yes",
        "EECO16": lambda p: p.housing_exclusion == "yes",
        "EECO17": lambda p: False,
    }
    result = {code: cells(done, test) for code, test in tests.items()}
    result["entered"] = cells(entered, lambda p: True)
    result["incomplete"] = cells(entered, lambda p: not p.complete)
    return result


def last_in_period(person, when):
    """The person's last exit (by ``when``) in the period, in the order recorded."""
    chosen = None
    for leaving in person.exits:
        day = when(leaving)
        if day is not None and day in PERIOD and (chosen is None or day >= when(chosen)):
            chosen = leaving
    return chosen


def expected_results(plan, organisations):
    people = [p for p in plan if p.organisation.pk in organisations and p.complete]
    leavers = [(p, last_in_period(p, lambda e: e.on)) for p in people]
    leavers = [(p, e) for p, e in leavers if e is not None]

    def count(test):
        counted = {g: sum(1 for p, e in leavers if p.gender == g and test(e)) for g in GENDERS}
        return {**counted, "total": sum(counted.values())}

    results = {
        "left": count(lambda e: True),
        "EECR01": count(lambda e: e.situation == "searching"),
        "EECR02": count(lambda e: e.situation == "education"),
        "EECR04": count(lambda e: e.situation == "employed"),
        "other": count(lambda e: e.situation == "none"),
        "EECR03": count(lambda e: e.qualification),
    }

    def due(leaving):
        return leaving.follow_up[0] if leaving.follow_up else None

    asked = [(p, last_in_period(p, due)) for p in people]
    asked = [(p, e) for p, e in asked if e is not None]

    def count_asked(test):
        counted = {g: sum(1 for p, e in asked if p.gender == g and test(p, e)) for g in GENDERS}
        return {**counted, "total": sum(counted.values())}

    follow_ups = {
        "followed-up": count_asked(lambda p, e: True),
        "EECR05": count_asked(lambda p, e: e.follow_up[1]),
        "EECR06": count_asked(lambda p, e: p.status == "employed" and e.follow_up[2] == "yes"),
    }
    return results, follow_ups


def as_dict(table):
    return {row.code: row.cells for row in table.rows}


@pytest.fixture
def programme(project, home_org, other_org, staff):
    plan = random_plan([home_org, other_org], 120)
    build(project, plan, staff)
    return plan


def test_every_indicator_equals_the_count_written_here(programme, project, home_org, other_org):
    for organisations in ([home_org.pk], [home_org.pk, other_org.pk]):
        outputs, entities, results, follow_ups = esf_tables(project, PERIOD, organisations)
        assert as_dict(outputs) == expected_outputs(programme, set(organisations))
        want_results, want_follow_ups = expected_results(programme, set(organisations))
        assert as_dict(results) == want_results
        assert as_dict(follow_ups) == want_follow_ups
        # The plan has enough of everything for the comparison to mean something.
        assert as_dict(outputs)["EECO03"]["total"] > 0
        assert as_dict(outputs)["incomplete"]["total"] > 0
        assert want_follow_ups["EECR06"]["total"] > 0


def test_the_sums_hold_in_every_column(programme, project, home_org, other_org):
    outputs, _entities, results, _follow_ups = esf_tables(
        project, PERIOD, [home_org.pk, other_org.pk]
    )
    for table in (outputs, results):
        for total, parts in table.relations():
            for column, _label in table.columns:
                assert table.cell(total, column) == sum(table.cell(p, column) for p in parts)
        for row in table.rows:
            assert row.cells["total"] == sum(row.cells[g] for g in GENDERS)
    # EECO01 = EECO02 + EECO04 + EECO05, said once more as the regulation says it.
    o = as_dict(outputs)
    assert (
        o["EECO01"]["total"] == o["EECO02"]["total"] + o["EECO04"]["total"] + o["EECO05"]["total"]
    )


def test_edges_of_age_unemployment_and_the_period(project, home_org, staff):
    entry = date(2026, 3, 10)
    plan = [
        # 18 on the day of entry: 18–29; one day short of 18: below 18.
        Person(home_org, "w", entry, date(2008, 3, 10), status="inactive"),
        Person(home_org, "w", entry, date(2008, 3, 11), status="inactive"),
        # 55 on the day of entry; one day short of 55.
        Person(home_org, "m", entry, date(1971, 3, 10), status="employed"),
        Person(home_org, "m", entry, date(1971, 3, 11), status="employed"),
        # Unemployed exactly 365 days: not long-term; 366 days: long-term.
        Person(home_org, "d", entry, unemployed_since=entry - timedelta(days=365)),
        Person(home_org, "d", entry, unemployed_since=entry - timedelta(days=366)),
        # The period's first and last day count; the day before does not.
        Person(home_org, "x", date(2026, 1, 1), status="inactive"),
        Person(home_org, "x", date(2026, 6, 15), status="inactive"),
        Person(home_org, "x", date(2025, 12, 31), status="inactive"),
        # A citizen of the EU and of a third country is no third-country national.
        Person(home_org, "w", entry, status="inactive", citizenships=["PL", "UA"]),
        Person(home_org, "w", entry, status="inactive", citizenships=["XX"]),
    ]
    build(project, plan, staff)
    outputs = as_dict(esf_tables(project, PERIOD, [home_org.pk])[0])
    assert outputs["EECO06"] == {"w": 1, "m": 0, "d": 0, "x": 0, "total": 1}
    assert outputs["EECO07"] == {"w": 1, "m": 0, "d": 0, "x": 0, "total": 1}
    assert outputs["EECO08"] == {"w": 0, "m": 1, "d": 0, "x": 0, "total": 1}
    assert outputs["EECO03"] == {"w": 0, "m": 0, "d": 1, "x": 0, "total": 1}
    assert outputs["EECO01"]["x"] == 2
    # DE citizens (the default) and the PL/UA citizen are not counted; the stateless one is.
    assert outputs["EECO13"]["total"] == 1


def test_a_person_leaving_twice_counts_once_with_the_last_exit(project, home_org, staff):
    plan = [
        Person(
            home_org,
            "w",
            date(2026, 1, 5),
            status="inactive",
            exits=[Exit(date(2026, 2, 1), "employed"), Exit(date(2026, 4, 1), "searching")],
        ),
        # Two exits on one day: the one recorded last counts.
        Person(
            home_org,
            "m",
            date(2026, 1, 5),
            status="inactive",
            exits=[Exit(date(2026, 3, 1), "searching"), Exit(date(2026, 3, 1), "employed")],
        ),
        # The later exit lies after the period (2025-H2): the earlier one counts there.
        Person(
            home_org,
            "d",
            date(2025, 9, 1),
            status="inactive",
            exits=[Exit(date(2025, 10, 1), "education"), Exit(date(2026, 2, 1), "employed")],
        ),
    ]
    build(project, plan, staff)
    results = as_dict(esf_tables(project, PERIOD, [home_org.pk])[2])
    assert results["left"] == {"w": 1, "m": 1, "d": 1, "x": 0, "total": 3}
    assert results["EECR01"] == {"w": 1, "m": 0, "d": 0, "x": 0, "total": 1}
    assert results["EECR04"] == {"w": 0, "m": 1, "d": 1, "x": 0, "total": 2}
    earlier = parse("2025-H2", today=TODAY)
    results = as_dict(esf_tables(project, earlier, [home_org.pk])[2])
    assert results["left"]["total"] == 1
    assert results["EECR02"] == {"w": 0, "m": 0, "d": 1, "x": 0, "total": 1}


def test_job_searching_and_employment_are_never_both(programme, project, home_org, other_org):
    results = as_dict(esf_tables(project, PERIOD, [home_org.pk, other_org.pk])[2])
    for column in [*GENDERS, "total"]:
        assert (
            results["EECR01"][column]
            + results["EECR04"][column]
            + results["EECR02"][column]
            + results["other"][column]
            == results["left"][column]
        )


def test_each_supported_sme_counts_once_and_large_firms_not(project, personas, home_org, other_org):
    advisor = personas["advisor"]
    small = save_business(None, {"name": "Feinkost Saigon", "staff_count": 4}, advisor)
    unknown = save_business(None, {"name": "Späti Eisenbahnstraße"}, advisor)
    large = save_business(None, {"name": "Großmarkt", "staff_count": 400}, advisor)
    for business, day in [
        (small, date(2026, 2, 1)),
        (small, date(2026, 3, 1)),
        (unknown, date(2026, 3, 1)),
        (large, date(2026, 3, 1)),
        (unknown, date(2025, 12, 1)),  # before the period
    ]:
        record_consultation(business, advisor, date=day)
    elsewhere = make_user("advice@elsewhere.example.org", Role.BUSINESS_ADVISOR, other_org)
    other = save_business(None, {"name": "Café West", "staff_count": 12}, personas["lead"])
    record_consultation(other, elsewhere, date=date(2026, 3, 1))
    entities = as_dict(esf_tables(project, PERIOD, [home_org.pk])[1])
    assert entities == {"EECO18": {"total": 0}, "EECO19": {"total": 2}}
    entities = as_dict(esf_tables(project, PERIOD, [home_org.pk, other_org.pk])[1])
    assert entities["EECO19"] == {"total": 3}


def test_the_queries_are_four_whatever_the_size(
    django_assert_num_queries, project, home_org, staff
):
    with django_assert_num_queries(4):
        esf_tables(project, PERIOD, [home_org.pk])
    build(project, random_plan([home_org], 30, seed=2), staff)
    # 1 outputs by gender, 2 results on leaving, 3 follow-ups, 4 supported businesses.
    with django_assert_num_queries(4):
        esf_tables(project, parse("phase", today=TODAY, project=project), [home_org.pk])


def test_a_quarter_narrows_the_count(project, home_org, staff):
    from quartier.places.models import Quarter

    quarter = Quarter.objects.create(slug="ost", name="Ost")
    build(project, [Person(home_org, "w", date(2026, 2, 1), status="inactive")], staff)
    outputs = as_dict(esf_tables(project, PERIOD, [home_org.pk], quarter=quarter)[0])
    assert outputs["entered"]["total"] == 0
    assert as_dict(esf_tables(project, PERIOD, [home_org.pk])[0])["entered"]["total"] == 1


def test_incomplete_records_are_listed_with_their_deadline(project, home_org, staff):
    plan = [
        Person(home_org, "w", date(2026, 5, 1), isced=""),
        Person(home_org, "m", date(2026, 6, 1), status=""),
        Person(home_org, "d", date(2026, 6, 1), status="inactive"),
    ]
    build(project, plan, staff)
    from django_scopes import scope

    with scope(organisation=[home_org.pk]):
        records = incomplete_records(project, [home_org.pk], TODAY)
    assert [(r.entry_date, r.deadline, r.missing, r.overdue) for r in records] == [
        (date(2026, 5, 1), date(2026, 5, 29), ["isced"], True),
        (date(2026, 6, 1), date(2026, 6, 29), ["employment_status"], False),
    ]


def test_no_hidden_cell_of_the_indicators_can_be_worked_out(programme, project, home_org):
    for table in esf_tables(project, PERIOD, [home_org.pk]):
        disclosed = suppress(table)
        assert recoverable(table, disclosed.hidden) == set()
        assert all(table.cell(*cell) > 0 for cell in disclosed.hidden)
