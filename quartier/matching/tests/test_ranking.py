"""Ranking in both directions, with the gates apart, in a fixed number of queries."""

from datetime import date

from quartier.competences.profile.skills import add_skills
from quartier.economy.vacancies.services import create_vacancy, set_languages, set_skills
from quartier.matching.conftest import TODAY
from quartier.matching.ranking import candidates_for, vacancies_for
from quartier.matching.score import GATE_CLOSED, GATE_LANGUAGE


def _cast(make_person, esco, home_org, other_org, places):
    full = [esco["prepare"], esco["hygiene"], esco["cook"]]
    return {
        "rami": make_person(home_org, "Rami", skills=full, postcode=places["near"]),
        "own_hidden": make_person(home_org, "Hana", skills=full, consent=False),
        "weak": make_person(other_org, "Olena", skills=[esco["prepare"]], postcode=places["far"]),
        "a2": make_person(other_org, "Minh", skills=full, german="A2"),
        "hidden": make_person(other_org, "Sara", skills=full, consent=False),
    }


def test_a_counsellor_sees_own_participants_and_consented_ones_with_the_gated_apart(
    cook_vacancy, make_person, esco, home_org, other_org, places
):
    cast = _cast(make_person, esco, home_org, other_org, places)
    ranking = candidates_for(cook_vacancy, [home_org.pk], today=TODAY)
    # Their own participant needs no consent to be proposed by them (no employer sees it).
    assert [m.person for m in ranking.matches] == [
        cast["rami"].pk,
        cast["own_hidden"].pk,
        cast["weak"].pk,
    ]
    assert [(m.person, m.gates) for m in ranking.gated] == [(cast["a2"].pk, [GATE_LANGUAGE])]
    assert ranking.considered == 4  # the other organisation's person without consent: never


def test_an_advisor_or_employer_is_matched_with_consented_profiles_only(
    cook_vacancy, make_person, esco, home_org, other_org, places
):
    cast = _cast(make_person, esco, home_org, other_org, places)
    ranking = candidates_for(cook_vacancy, [], today=TODAY)
    assert [m.person for m in ranking.matches] == [cast["rami"].pk, cast["weak"].pk]
    assert [m.person for m in ranking.gated] == [cast["a2"].pk]


def test_candidates_cost_the_same_queries_for_few_or_many_profiles(
    cook_vacancy, make_person, esco, home_org, other_org, places, django_assert_num_queries
):
    _cast(make_person, esco, home_org, other_org, places)
    # the vacancy (with its skills), its languages, its occupation's essential skills;
    # occupations sharing them; the short list; the profiles (with their skills,
    # occupations and languages), their recognised qualifications
    with django_assert_num_queries(7):
        candidates_for(cook_vacancy, [home_org.pk], today=TODAY)
    for n in range(6):
        make_person(other_org, f"Extra{n}", skills=[esco["hygiene"]])
    with django_assert_num_queries(7):
        ranking = candidates_for(cook_vacancy, [home_org.pk], today=TODAY)
    assert ranking.considered == 10


def test_vacancies_for_a_person_with_a_closed_one_gated(
    cook_vacancy, bakery, make_person, esco, home_org, personas, django_assert_num_queries
):
    rami = make_person(
        home_org, "Rami", skills=[esco["prepare"], esco["hygiene"], esco["kitchen_help"]]
    )
    advisor = personas["advisor"]
    closed = create_vacancy(
        bakery,
        advisor,
        kind="job",
        titles={"de": "Küchenhilfe"},
        occupation=esco["kitchen_help"],
        closes_on=date(2026, 6, 1),
    )
    set_skills(closed, advisor, [(esco["prepare"], True)])
    nurse = create_vacancy(bakery, advisor, kind="job", titles={"de": "Pflege"})
    set_skills(nurse, advisor, [(esco["care"], True)])
    set_languages(nurse, advisor, [("de", "B2")])
    # the person and their recognised qualifications (2), the short list (1), the
    # vacancies' facts (3), the essential skills of the person's occupations (1)
    with django_assert_num_queries(7):
        ranking = vacancies_for(rami, today=TODAY)
    assert [m.vacancy for m in ranking.matches] == [cook_vacancy.pk]
    assert ranking.matches[0].occupation == "related"  # a kitchen help, for a cook
    assert [(m.vacancy, m.gates) for m in ranking.gated] == [(closed.pk, [GATE_CLOSED])]
    add_skills(rami.participant, personas["counsellor"], [esco["cook"]])
    assert vacancies_for(rami, today=TODAY).matches[0].occupation == "same"
