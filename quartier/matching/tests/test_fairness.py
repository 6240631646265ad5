"""Fairness shown: gender, age, nationality, disability, minority and name change nothing.

The score's inputs have no such fields (the first test says which fields there are);
the property test changes them on stored people, through the services, and checks
that every score and every rank in both directions stays as it was.
"""

from dataclasses import fields
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.matching.conftest import TODAY
from quartier.matching.ranking import candidates_for, vacancies_for
from quartier.matching.score import PersonFacts
from quartier.people.entry import change_entry_data
from quartier.people.intake import change_participant
from quartier.people.models import Answer, Gender


def test_the_score_reads_no_protected_attribute():
    assert [field.name for field in fields(PersonFacts)] == [
        "key",
        "skills",
        "occupations",
        "languages",
        "recognised",
        "neighbourhood",
        "quarter",
        "hours_per_week",
        "available_from",
        "confirmed_on",
        "shown_to_employers",
        "organisation",
    ]


def _rankings(vacancy, profiles, own):
    """Every score and rank: the candidates (shown and gated) and each person's vacancies."""
    ranking = candidates_for(vacancy, own, today=TODAY)
    result = [
        [(m.person, m.components) for m in ranking.matches],
        [(m.person, m.components, m.gates) for m in ranking.gated],
    ]
    for profile in profiles:
        mine = vacancies_for(profile, today=TODAY)
        result.append([(m.vacancy, m.components, m.gates) for m in mine.matches + mine.gated])
    return result


names = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=20)
changes = st.fixed_dictionaries(
    {},
    optional={
        "given_name": names,
        "family_name": names,
        "gender": st.sampled_from(Gender.values),
        "date_of_birth": st.dates(date(1950, 1, 1), date(2008, 12, 31)),
        "citizenships": st.lists(
            st.sampled_from(["DE", "SY", "UA", "VN", "TR", "AF", "IQ", "RU"]),
            max_size=2,
            unique=True,
        ),
    },
)
special = st.fixed_dictionaries(
    {},
    optional={
        "disability": st.sampled_from(Answer.values),
        "minority": st.sampled_from(Answer.values),
    },
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(who=st.integers(0, 3), personal=changes, categories=special)
def test_protected_attributes_never_change_a_score_or_a_rank(
    cook_vacancy, make_person, esco, home_org, other_org, places, personas, who, personal,
    categories,
):  # fmt: skip
    counsellor = personas["counsellor"]
    profiles = _cast(make_person, esco, home_org, other_org, places)
    before = _rankings(cook_vacancy, profiles, [home_org.pk])
    person = profiles[who].participant
    if personal:
        change_participant(person, counsellor, **personal)
    if categories and person.organisation_id == home_org.pk:
        change_entry_data(person, counsellor, **categories)
    assert _rankings(cook_vacancy, profiles, [home_org.pk]) == before


def _cast(make_person, esco, home_org, other_org, places):
    return [
        make_person(home_org, "Rami", skills=[esco["prepare"], esco["hygiene"]],
                    postcode=places["near"]),
        make_person(home_org, "Hana", skills=[esco["prepare"], esco["cook"]], german="A2"),
        make_person(other_org, "Olena", skills=[esco["hygiene"]], postcode=places["far"]),
        make_person(other_org, "Minh", skills=[esco["prepare"], esco["hygiene"], esco["menu"]]),
    ]  # fmt: skip
