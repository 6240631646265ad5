"""The demo profiles: made through the services, realistic, idempotent."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.competences.conftest import *  # noqa: F403 (the competences fixtures)
from quartier.competences.conftest import concept
from quartier.competences.models import CompetenceProfile, ProfileSkill, Qualification
from quartier.demo import competences
from quartier.esco.models import Relation
from quartier.people.intake import take_in

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("ar", "SY", "Khaled", "Haddad"),
    ("kmr", "SY", "Azad", "Xelîl"),
    ("vi", "VN", "Thị Lan", "Trần"),
    ("uk", "UA", "Олена", "Коваленко"),
    ("ru", "RU", "Ольга", "Иванова"),
    ("de", "DE", "Sabine", "Müller"),
]


@pytest.fixture
def people(home_org, project, counsellor):
    return [
        take_in(
            home_org,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name=given,
            family_name=family,
            date_of_birth=date(1980 + number, 5, 1),
            preferred_language=language,
            languages=[language],
            citizenships=[country],
        )
        for number, (language, country, given, family) in enumerate(PEOPLE * 3)
    ]


@pytest.fixture
def cook(db):
    made = concept(competences.COOK, "occupation", "Koch/Köchin", "cook")
    skill = concept(
        "http://data.europa.eu/esco/skill/x", "skill", "Speisen zubereiten", "prepare dishes"
    )
    Relation.objects.create(occupation=made, skill=skill, kind="essential")
    return made


def test_most_people_get_a_profile_that_fits_their_story_and_a_second_run_adds_nothing(
    people, counsellor, cook
):
    made = competences.create_demo_profiles(people, counsellor)
    assert 0.6 * len(people) <= made < len(people)
    with scopes_disabled():
        assert CompetenceProfile.objects.count() == made
        cooks = ProfileSkill.objects.filter(concept=cook).values_list(
            "profile__participant__preferred_language", flat=True
        )
        assert set(cooks) <= {"ar", "vi"}
        assert Qualification.objects.filter(without_papers=True, validation_status="advised")
        assert Qualification.objects.exclude(evidence="").exists()
        for profile in CompetenceProfile.objects.all():
            languages = list(profile.languages.values_list("language", flat=True))
            assert "de" in languages
    assert competences.create_demo_profiles(people, counsellor) == 0
    with scopes_disabled():
        assert CompetenceProfile.objects.count() == made
