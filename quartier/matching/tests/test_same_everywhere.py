"""The same top 20 on SQLite and PostgreSQL, on 1 000 generated profiles.

The generated data is the same on every database (one seed); the top 20 is compared
with the exhaustive ranking (every profile scored) and with the generated people it
was on SQLite, pinned below: CI runs this on both databases.
"""

import pytest

from quartier.demo.matching import generate_matching
from quartier.economy.models import Vacancy
from quartier.matching.conftest import TODAY
from quartier.matching.facts import matchable_profiles, person_facts, related_occupations
from quartier.matching.ranking import candidates_for, vacancies_for
from quartier.matching.score import ranked, score
from quartier.people.models import Participant

TOP_CANDIDATES = [
    ("P0000059", 70),
    ("P0000233", 50),
    ("P0000369", 50),
    ("P0000565", 50),
    ("P0000539", 45),
    ("P0000336", 41),
    ("P0000314", 35),
    ("P0000304", 30),
    ("P0000870", 20),
    ("P0000000", 16),
    ("P0000608", 16),
    ("P0000930", 10),
    ("P0000800", 6),
    ("P0000974", 6),
    ("P0000986", 6),
    ("P0000034", 5),
    ("P0000160", 5),
    ("P0000252", 5),
    ("P0000345", 5),
    ("P0000380", 5),
]
TOP_VACANCIES = [
    ("Stelle 54", -10),
    ("Stelle 5", -15),
    ("Stelle 8", -15),
    ("Stelle 3", -16),
    ("Stelle 11", -18),
    ("Stelle 1", -20),
    ("Stelle 14", -20),
    ("Stelle 26", -20),
    ("Stelle 28", -20),
    ("Stelle 43", -20),
    ("Stelle 0", -25),
    ("Stelle 23", -25),
    ("Stelle 29", -25),
    ("Stelle 33", -25),
    ("Stelle 34", -25),
    ("Stelle 56", -25),
    ("Stelle 59", -25),
    ("Stelle 4", -28),
    ("Stelle 6", -28),
    ("Stelle 12", -28),
]


@pytest.fixture
def generated(db):
    return generate_matching(1000, 60, seed=14)


def _names(matches) -> list[tuple[str, int]]:
    names = dict(
        Participant.objects.with_scopes_disabled()
        .filter(competence_profile__pk__in=[m.person for m in matches])
        .values_list("competence_profile__pk", "given_name")
    )
    return [(names[m.person], m.total) for m in matches]


def test_the_candidates_are_the_exhaustive_top_twenty_and_the_same_on_every_database(generated):
    vacancy = Vacancy.objects.get(pk=generated.vacancies[0])
    ranking = candidates_for(vacancy, [], today=TODAY)
    facts = ranking.vacancies[vacancy.pk]
    everyone = person_facts(matchable_profiles([]))
    related = related_occupations(facts.occupation_essential)
    every = [score(p, facts, today=TODAY, related=related) for p in everyone.values()]
    exhaustive, _gated = ranked(every, 20)
    assert len(ranking.matches) == 20
    assert [m.person for m in ranking.matches] == [m.person for m in exhaustive]
    assert _names(ranking.matches) == TOP_CANDIDATES


def test_the_vacancies_for_a_person_are_the_same_on_every_database(generated):
    person = Participant.objects.with_scopes_disabled().get(given_name="P0000007")
    ranking = vacancies_for(person.competence_profile, today=TODAY)
    titles = dict(Vacancy.objects.values_list("pk", "titles__de"))
    assert [(titles[m.vacancy], m.total) for m in ranking.matches] == TOP_VACANCIES
