"""The score itself: its components, what subtracts, and the gates that are never scored away."""

from datetime import date
from decimal import Decimal

from quartier.matching.score import (
    GATE_CLOSED,
    GATE_CONSENT,
    GATE_LANGUAGE,
    GATE_RECOGNITION,
    VERSION,
    WEIGHTS,
    LanguageAsked,
    PersonFacts,
    VacancyFacts,
    is_regulated,
    ranked,
    score,
)

TODAY = date(2026, 6, 15)
COOK, NURSE, HELPER = 1, 2, 3
PREPARE, HYGIENE, MENU, CARE = 11, 12, 13, 14


def person(key=1, **fields) -> PersonFacts:
    values = {
        "key": key,
        "skills": frozenset({PREPARE, HYGIENE}),
        "occupations": frozenset({COOK}),
        "languages": {"de": 3},
        "recognised": frozenset(),
        "neighbourhood": 5,
        "quarter": 1,
        "hours_per_week": None,
        "available_from": None,
        "confirmed_on": date(2026, 5, 1),
        "shown_to_employers": True,
        "organisation": 1,
    }
    return PersonFacts(**(values | fields))


def vacancy(**fields) -> VacancyFacts:
    values = {
        "key": 100,
        "occupation": COOK,
        "regulated": False,
        "essential": frozenset({PREPARE, HYGIENE}),
        "optional": frozenset({MENU}),
        "languages": (LanguageAsked("de", 3, True),),
        "neighbourhood": 5,
        "quarter": 1,
        "hours_per_week": None,
        "starts_on": None,
        "closes_on": None,
    }
    return VacancyFacts(**(values | fields))


def test_the_components_add_up_to_the_total():
    match = score(person(), vacancy(), today=TODAY)
    assert match.total == sum(match.components.values())
    assert match.components == {
        "essential_covered": 40,
        "essential_missing": 0,
        "optional_covered": 0,
        "occupation": 20,
        "languages": 0,
        "recognition": 0,
        "distance": 10,
        "hours": 0,
        "availability": 0,
        "freshness": 5,
    }
    assert match.total == 75
    assert match.version == VERSION


def test_missing_things_subtract():
    full = score(person(), vacancy(), today=TODAY)
    half = score(person(skills=frozenset({PREPARE})), vacancy(), today=TODAY)
    assert half.components["essential_covered"] == 20
    assert half.components["essential_missing"] == -10
    assert half.missing_essential == {HYGIENE}
    stale = score(person(confirmed_on=date(2025, 1, 1)), vacancy(), today=TODAY)
    assert stale.components["freshness"] == WEIGHTS["stale"]
    other = score(person(occupations=frozenset({NURSE})), vacancy(), today=TODAY)
    assert other.components["occupation"] == WEIGHTS["occupation_none"]
    assert full.total > half.total and full.total > stale.total and full.total > other.total


def test_an_occupation_sharing_most_essential_skills_counts_as_related():
    match = score(
        person(occupations=frozenset({HELPER})), vacancy(), today=TODAY, related=frozenset({HELPER})
    )
    assert match.occupation == "related"
    assert match.components["occupation"] == WEIGHTS["occupation_related"]


def test_each_language_costs_per_cefr_step_and_a_required_one_gates():
    asked = (LanguageAsked("de", 4, True), LanguageAsked("en", 2, False))
    match = score(person(languages={"de": 2}), vacancy(languages=asked), today=TODAY)
    assert [(gap.language, gap.steps) for gap in match.language_gaps] == [("de", 2), ("en", 2)]
    assert match.components["languages"] == 4 * WEIGHTS["language_step"]
    assert match.gates == [GATE_LANGUAGE]
    optional_only = score(person(languages={"de": 4}), vacancy(languages=asked), today=TODAY)
    assert optional_only.gates == []
    assert optional_only.components["languages"] == 2 * WEIGHTS["language_step"]


def test_a_regulated_occupation_needs_recognition():
    regulated = vacancy(occupation=NURSE, regulated=True, essential=frozenset({CARE}))
    without = score(person(skills=frozenset({CARE})), regulated, today=TODAY)
    assert GATE_RECOGNITION in without.gates
    assert without.components["recognition"] == WEIGHTS["recognition_missing"]
    recognised = score(
        person(skills=frozenset({CARE}), recognised=frozenset({NURSE})), regulated, today=TODAY
    )
    assert recognised.gates == []
    assert is_regulated("2221") and is_regulated("3221") and not is_regulated("5120")


def test_consent_gates_only_viewers_outside_the_holding_organisation():
    hidden = person(shown_to_employers=False)
    assert score(hidden, vacancy(), today=TODAY).gates == [GATE_CONSENT]
    assert score(hidden, vacancy(), today=TODAY, consent_needed=False).gates == []


def test_a_vacancy_past_its_closing_date_is_gated():
    match = score(person(), vacancy(closes_on=date(2026, 6, 14)), today=TODAY)
    assert match.gates == [GATE_CLOSED]
    assert score(person(), vacancy(closes_on=TODAY), today=TODAY).gates == []


def test_distance_hours_and_availability():
    near = score(person(), vacancy(), today=TODAY)
    quarter = score(person(neighbourhood=6), vacancy(), today=TODAY)
    away = score(person(neighbourhood=7, quarter=2), vacancy(), today=TODAY)
    assert (near.place, quarter.place, away.place) == ("neighbourhood", "quarter", "elsewhere")
    assert near.total > quarter.total > away.total
    hours = vacancy(hours_per_week=Decimal(40), starts_on=date(2026, 7, 1))
    fits = score(person(hours_per_week=Decimal(38)), hours, today=TODAY)
    misfit = score(
        person(hours_per_week=Decimal(20), available_from=date(2026, 9, 1)), hours, today=TODAY
    )
    assert fits.components["hours"] == WEIGHTS["hours_fit"]
    assert misfit.components["hours"] == WEIGHTS["hours_misfit"]
    assert misfit.components["availability"] == WEIGHTS["available_late"]


def test_gated_results_are_never_ranked_among_the_others():
    strong_but_gated = score(person(key=1, languages={}), vacancy(), today=TODAY)
    weak = score(person(key=2, skills=frozenset(), occupations=frozenset()), vacancy(), today=TODAY)
    assert strong_but_gated.total > weak.total
    shown, gated = ranked([strong_but_gated, weak], 20)
    assert [m.person for m in shown] == [2]
    assert [m.person for m in gated] == [1]
