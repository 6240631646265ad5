from datetime import date
from itertools import product

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.people.entry import COMPLETE, change_entry_data
from quartier.people.intake import take_in
from quartier.people.models import EmploymentStatus, EntryData, Isced, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


@pytest.fixture
def lan(home_org, project, counsellor):
    return take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Thị Lan",
        family_name="Trần",
        date_of_birth=date(1990, 5, 6),
        citizenships=["VN"],
    )


def url(person) -> str:
    return f"/en/staff/people/{person.public_id}/entry-data/"


def entry_of(person) -> EntryData:
    with scopes_disabled():
        return EntryData.objects.get(participant=person)


COMPLETE_DATA = {
    "entry_date": "2026-03-02",
    "employment_status": "unemployed",
    "registration": "jobcenter",
    "unemployed_since": "2024-11-01",
    "isced": "3-4",
    "foreign_background": "yes",
    "disability": "x",
    "minority": "x",
    "housing_exclusion": "no",
}


def test_a_counsellor_completes_the_entry_data(client, lan, counsellor):
    client.force_login(counsellor)
    response = client.post(url(lan), COMPLETE_DATA)
    assert response.status_code == 302
    entry = entry_of(lan)
    assert entry.is_complete and entry.is_long_term_unemployed
    assert entry.registration == "jobcenter"
    with scopes_disabled():
        audit = AuditEntry.objects.get(code="people.entry.changed")
        assert Participant.objects.filter(COMPLETE).get() == lan
    # Field names only: the values (and the special categories) stay out of the log.
    assert audit.data == {
        "fields": [
            "employment_status",
            "foreign_background",
            "housing_exclusion",
            "isced",
            "registration",
            "unemployed_since",
        ],
        "complete": True,
    }
    page = client.get(f"/en/staff/people/{lan.public_id}/").content.decode()
    assert "Complete: the person counts as a participant." in page
    assert "Entry data due by" not in page


def test_incomplete_data_may_be_saved_and_do_not_count(client, lan, counsellor):
    client.force_login(counsellor)
    response = client.post(
        url(lan), {**COMPLETE_DATA, "isced": "", "unemployed_since": "2025-01-01"}
    )
    assert response.status_code == 302
    assert entry_of(lan).missing_fields == ["isced"]
    page = client.get(f"/en/staff/people/{lan.public_id}/").content.decode()
    assert "does not count as a participant" in page
    assert "Entry data due by March 30, 2026." in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unemployed_since": ""}, "Enter since when the person has been unemployed."),
        ({"unemployed_since": "2026-05-01"}, "This date cannot be in the future."),
        ({"unemployed_since": "2026-03-05"}, "cannot be after the date of entry"),
        ({"employment_status": "employed"}, "Only for people who are unemployed"),
        ({"entry_date": "2026-04-01"}, "The date of entry cannot be in the future."),
        ({"employment_status": "retired"}, "Select a valid choice"),
        ({"disability": "maybe"}, "Select a valid choice"),
    ],
)
def test_contradictions_are_refused(client, lan, counsellor, changes, message):
    client.force_login(counsellor)
    response = client.post(url(lan), {**COMPLETE_DATA, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert entry_of(lan).employment_status == ""


@pytest.mark.parametrize("role", ["counsellor", "lead"])
def test_counsellors_and_leads_see_the_special_categories(client, lan, personas, role):
    change_entry_data(lan, personas["counsellor"], disability="yes")
    client.force_login(personas[role])
    assert "disability" in client.get(url(lan)).context["form"].fields
    assert "Disability" in client.get(f"/en/staff/people/{lan.public_id}/").content.decode()


def test_a_coordinator_neither_sees_nor_changes_the_special_categories(
    client, lan, counsellor, personas
):
    change_entry_data(lan, counsellor, disability="yes", minority="no")
    coordinator = personas["coordinator"]
    client.force_login(coordinator)
    form = client.get(url(lan)).context["form"]
    assert "disability" not in form.fields and "minority" not in form.fields
    page = client.get(f"/en/staff/people/{lan.public_id}/").content.decode()
    assert "Disability" not in page and "Minority" not in page
    response = client.post(url(lan), {**COMPLETE_DATA, "disability": "no", "minority": "yes"})
    assert response.status_code == 302
    entry = entry_of(lan)
    assert (entry.disability, entry.minority) == ("yes", "no")
    assert entry.is_complete
    with pytest.raises(PermissionDenied):
        change_entry_data(lan, coordinator, disability="no")


def test_the_service_refuses_contradictions_too(lan, counsellor):
    with pytest.raises(ValidationError) as refused:
        change_entry_data(lan, counsellor, employment_status=EmploymentStatus.UNEMPLOYED)
    assert "unemployed_since" in refused.value.message_dict
    with pytest.raises(TypeError):
        change_entry_data(lan, counsellor, citizenships=["DE"])


def test_another_organisation_cannot_change_the_entry_data(client, lan, personas):
    client.force_login(personas["outsider"])
    assert client.post(url(lan), COMPLETE_DATA).status_code == 404
    assert entry_of(lan).employment_status == ""


def test_the_database_agrees_with_the_model_on_completeness(home_org, project, counsellor):
    statuses = ["", *EmploymentStatus.values]
    for number, (status, since, isced) in enumerate(
        product(statuses, [None, date(2025, 1, 1)], ["", Isced.LOW])
    ):
        person = take_in(
            home_org,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name=f"P{number}",
            family_name="X",
        )
        with scopes_disabled():
            EntryData.objects.filter(participant=person).update(
                employment_status=status, unemployed_since=since, isced=isced
            )
    with scopes_disabled():
        by_model = {e.participant_id for e in EntryData.objects.all() if e.is_complete}
        by_database = set(Participant.objects.filter(COMPLETE).values_list("pk", flat=True))
    assert by_database == by_model
    assert len(by_model) == 5  # with ISCED: inactive and employed (dated or not), unemployed dated
