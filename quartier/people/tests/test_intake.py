from datetime import date

import pytest
from django_scopes import ScopeError, scope, scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.lib.search import search_key
from quartier.people.intake import change_participant, possible_duplicates, take_in
from quartier.people.models import EmploymentStatus, EntryData, Isced, Participant

pytestmark = pytest.mark.django_db


def take_in_olena(organisation, project, by, **extra):
    fields = {
        "given_name": "Олена",
        "family_name": "Шевченко",
        "name_latin": "Olena Shevchenko",
        "date_of_birth": date(1988, 4, 2),
        "postcode": "01234",
        "languages": ["uk", "ru"],
        "preferred_language": "uk",
        "citizenships": ["UA"],
    }
    fields.update(extra)
    return take_in(organisation, project, by, date(2026, 3, 2), **fields)


def test_intake_derives_the_place_and_the_search_key(home_org, project, east, counsellor):
    person = take_in_olena(home_org, project, counsellor)
    assert (person.quarter, person.neighbourhood) == (east.quarter, east)
    assert person.search_key == "olena shevchenko olena shevchenko"
    with scopes_disabled():
        assert EntryData.objects.get(participant=person).entry_date == date(2026, 3, 2)
        assert AuditEntry.objects.get(code="people.participant.created").subject_id == str(
            person.pk
        )


def test_an_unknown_postcode_leaves_the_place_open(home_org, project, counsellor):
    person = take_in_olena(home_org, project, counsellor, postcode="99999")
    assert person.quarter is None and person.neighbourhood is None


def test_a_change_is_audited_by_field_name_only(home_org, project, east, counsellor):
    person = take_in_olena(home_org, project, counsellor)
    change_participant(person, counsellor, phone="0341 123", postcode="99999")
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="people.participant.changed")
    assert entry.data == {"fields": ["phone", "postcode"]}
    assert "0341" not in str(entry.data)
    assert person.neighbourhood is None


def test_the_duplicate_check_finds_the_same_name_and_birth_date(home_org, project, counsellor):
    take_in_olena(home_org, project, counsellor)
    with scope(organisation=[home_org.pk]):
        found = possible_duplicates(home_org, project, "Олена", "Шевченко", date(1988, 4, 2), "")
        by_latin_name = possible_duplicates(home_org, project, "Olena", "Shevchenko", None, "01234")
        other_person = possible_duplicates(
            home_org, project, "Олена", "Шевченко", date(1990, 1, 1), "04315"
        )
    assert [d.name for d in found] == ["Олена Шевченко"]
    assert [d.name for d in by_latin_name] == ["Олена Шевченко"]
    assert other_person == []


def test_the_duplicate_check_never_looks_into_another_organisation(
    home_org, other_org, project, counsellor
):
    take_in_olena(other_org, project, counsellor)
    with scope(organisation=[home_org.pk]):
        assert (
            possible_duplicates(home_org, project, "Олена", "Шевченко", date(1988, 4, 2), "") == []
        )


def test_participants_cannot_be_read_without_an_organisation_scope(home_org, project, counsellor):
    take_in_olena(home_org, project, counsellor)
    with pytest.raises(ScopeError):
        list(Participant.objects.all())
    with scope(organisation=[]):
        assert list(Participant.objects.all()) == []


def test_search_key_folds_scripts_accents_and_case():
    assert search_key("Nguyễn Thị Hương") == "nguyen thi huong"
    assert search_key("ŞÊRÎN", "Xelîl") == "serin xelil"
    assert search_key("Müller") == "muller"


def test_entry_data_is_complete_only_with_the_mandatory_fields(home_org, project, counsellor):
    person = take_in_olena(home_org, project, counsellor)
    with scopes_disabled():
        entry = EntryData.objects.get(participant=person)
    assert entry.deadline == date(2026, 3, 30)
    assert entry.missing_fields == ["employment_status", "isced"]
    entry.employment_status = EmploymentStatus.UNEMPLOYED
    entry.isced = Isced.MEDIUM
    assert entry.missing_fields == ["unemployed_since"]
    entry.unemployed_since = date(2024, 12, 1)
    assert entry.is_complete
    assert entry.is_long_term_unemployed
    entry.unemployed_since = date(2025, 6, 1)
    assert not entry.is_long_term_unemployed


@pytest.mark.parametrize(
    ("citizenships", "third_country"),
    [(["UA"], True), (["DE"], False), (["SY", "DE"], False), (["XX"], True), ([], None)],
)
def test_third_country_nationals_are_derived_from_citizenship(citizenships, third_country):
    assert Participant(citizenships=citizenships).is_third_country_national is third_country
