"""The validation route (§ 50b BBiG) and the profile's version."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.competences.models import CompetenceProfile, Experience
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.qualifications import (
    add_qualification,
    change_qualification,
    validation_eligibility,
)

pytestmark = pytest.mark.django_db


def work(start: date, end: date | None, occupation_id=None) -> Experience:
    return Experience(started_on=start, ended_on=end, occupation_id=occupation_id)


def test_25_and_four_and_a_half_years_of_experience_make_a_person_eligible(rami):
    result = validation_eligibility(rami, [work(date(2010, 1, 1), date(2014, 6, 1))])
    assert (result.age, result.months_of_experience, result.months_needed) == (41, 54, 54)
    assert result.eligible


def test_a_month_short_of_the_experience_is_not_enough(rami):
    result = validation_eligibility(rami, [work(date(2010, 1, 1), date(2014, 5, 1))])
    assert result.months_of_experience == 53
    assert result.old_enough and not result.eligible


def test_people_under_25_are_not_eligible(rami):
    rami.date_of_birth = date(2001, 6, 16)  # 25 tomorrow
    result = validation_eligibility(rami, [work(date(2010, 1, 1), None)])
    assert result.age == 24
    assert not result.old_enough and not result.eligible


def test_without_a_birth_date_the_age_is_unknown(rami):
    rami.date_of_birth = None
    result = validation_eligibility(rami, [work(date(2010, 1, 1), None)])
    assert result.age is None and not result.eligible


def test_experience_in_the_reference_occupation_counts_when_there_is_some(rami, esco):
    cook, carpenter = esco["cook"].pk, esco["carpenter"].pk
    experience = [
        work(date(2000, 1, 1), date(2009, 12, 1), cook),
        work(date(2010, 1, 1), date(2011, 12, 1), carpenter),
    ]
    result = validation_eligibility(rami, experience, occupation_id=carpenter)
    assert result.months_of_experience == 24
    # a longer regular training raises the bar
    longer = validation_eligibility(rami, experience, training_months=42)
    assert longer.months_needed == 63


def test_ongoing_experience_counts_until_today(rami):
    result = validation_eligibility(rami, [work(date(2026, 1, 1), None)])
    assert result.months_of_experience == 6


def test_every_write_bumps_the_version_and_the_change_time(rami, counsellor, time_machine):
    with scopes_disabled():
        item = add_qualification(rami, counsellor, title_original="Diplom")
        profile = CompetenceProfile.objects.get()
        assert profile.version == 2
        time_machine.move_to("2026-06-16 09:00 +0200", tick=False)
        change_qualification(item, counsellor, recognition_status="advised")
        add_experience(rami, counsellor, title="Koch")
        profile.refresh_from_db()
    assert profile.version == 4
    assert profile.changed_at.isoformat() == "2026-06-16T07:00:00+00:00"


def test_a_change_that_changes_nothing_is_not_a_version(rami, counsellor):
    with scopes_disabled():
        item = add_qualification(rami, counsellor, title_original="Diplom")
        change_qualification(item, counsellor, title_original="Diplom")
        assert CompetenceProfile.objects.get().version == 2


def test_the_employer_code_is_not_the_persons_id(rami, counsellor):
    with scopes_disabled():
        add_qualification(rami, counsellor, title_original="Diplom")
        profile = CompetenceProfile.objects.get()
    assert profile.public_code != rami.public_id
    assert profile.organisation_id == rami.organisation_id
