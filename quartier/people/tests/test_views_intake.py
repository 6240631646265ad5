import re
from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Membership, Organisation, Role
from quartier.people.intake import take_in
from quartier.people.models import EntryData, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


URL = "/en/staff/people/intake/"


def form_data(project, **extra) -> dict:
    data = {
        "project": project.pk,
        "entry_date": "2026-03-02",
        "given_name": "Олена",
        "family_name": "Шевченко",
        "name_latin": "Olena Shevchenko",
        "date_of_birth": "1988-04-02",
        "gender": "w",
        "email": "",
        "phone": "0341 555 123",
        "preferred_channel": "phone",
        "street": "Eisenbahnstraße 1",
        "postcode": "01234",
        "city": "Leipzig",
        "languages": ["uk", "ru"],
        "preferred_language": "uk",
        "citizenships": ["UA"],
    }
    data.update(extra)
    return data


def everyone() -> list[Participant]:
    with scopes_disabled():
        return list(Participant.objects.select_related("quarter", "neighbourhood", "entry"))


def test_the_form_shows_languages_countries_and_projects(client, counsellor, project):
    client.force_login(counsellor)
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="kmr"' in content and 'value="ku"' not in content
    assert 'value="XX"' in content and "Stateless" in content
    assert project.name in content
    # One organisation: nothing to choose.
    assert 'name="organisation"' not in content


def test_a_counsellor_takes_someone_in(client, counsellor, home_org, project, east):
    client.force_login(counsellor)
    response = client.post(URL, form_data(project))
    [person] = everyone()
    assert response.status_code == 302
    assert response["Location"] == f"/en/staff/people/{person.public_id}/"
    assert person.organisation == home_org
    assert (person.quarter, person.neighbourhood) == (east.quarter, east)
    assert person.languages == ["uk", "ru"] and person.citizenships == ["UA"]
    assert person.entry.entry_date == date(2026, 3, 2)
    # The place is shown after saving.
    page = client.get(response["Location"])
    assert east.name.encode() in page.content and east.quarter.name.encode() in page.content
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="people.participant.created").count() == 1


def test_the_preferred_language_counts_as_spoken(client, counsellor, project):
    client.force_login(counsellor)
    client.post(URL, form_data(project, languages=["de"], preferred_language="ar"))
    assert everyone()[0].languages == ["ar", "de"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "", "This field is required."),
        ("date_of_birth", "2030-01-01", "cannot be in the future"),
        ("date_of_birth", "1850-01-01", "Check the year of birth"),
        ("entry_date", "2026-04-01", "cannot be in the future"),
        ("entry_date", "2024-06-01", "the date of entry must lie within"),
        ("citizenships", ["XX", "SY"], "A stateless person has no other citizenship"),
        ("citizenships", ["ZZ"], "Select a valid choice"),
        ("languages", ["ku"], "Select a valid choice"),
        ("phone", "", "Enter a phone number"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    client, counsellor, project, field, value, message
):
    client.force_login(counsellor)
    response = client.post(URL, form_data(project, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert everyone() == []


def test_e_mail_contact_needs_an_address(client, counsellor, project):
    client.force_login(counsellor)
    response = client.post(URL, form_data(project, preferred_channel="email"))
    assert "Enter an e-mail address" in response.content.decode()
    assert everyone() == []


def test_a_possible_duplicate_is_shown_and_must_be_confirmed(client, counsellor, home_org, project):
    first = take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 1),
        given_name="Olena",
        family_name="Shevchenko",
        date_of_birth=date(1988, 4, 2),
    )
    client.force_login(counsellor)
    warned = client.post(URL, form_data(project))
    assert warned.status_code == 200
    content = warned.content.decode()
    assert "This person may already be in the project" in content
    assert f"/en/staff/people/{first.public_id}/" in content
    assert "tick this box" in content
    assert len(everyone()) == 1

    confirmed = client.post(URL, form_data(project, different_person="on"))
    assert confirmed.status_code == 302
    assert len(everyone()) == 2
    with scopes_disabled():
        dismissed = AuditEntry.objects.get(code="people.participant.duplicate_dismissed")
    assert dismissed.data == {"similar": [str(first.public_id)]}


def test_people_of_another_organisation_are_no_duplicates(
    client, counsellor, other_org, project, personas
):
    take_in(
        other_org,
        project,
        personas["outsider"],
        date(2026, 3, 1),
        given_name="Olena",
        family_name="Shevchenko",
        date_of_birth=date(1988, 4, 2),
    )
    client.force_login(counsellor)
    response = client.post(URL, form_data(project))
    assert response.status_code == 302


def test_someone_in_two_organisations_chooses_one_of_them(
    client, counsellor, home_org, other_org, project
):
    Membership.objects.create(user=counsellor, organisation=other_org, role=Role.COUNSELLOR)
    extra = Organisation.objects.create(slug="extra", name="Extra", kind="provider")
    Membership.objects.create(user=counsellor, organisation=extra, role=Role.BUSINESS_ADVISOR)
    client.force_login(counsellor)
    form = client.get(URL).context["form"]
    assert set(form.fields["organisation"].queryset) == {home_org, other_org}
    refused = client.post(URL, form_data(project, organisation=extra.pk))
    assert "Select a valid choice" in refused.content.decode()
    client.post(URL, form_data(project, organisation=other_org.pk))
    assert everyone()[0].organisation == other_org


def test_a_coordinator_may_take_people_in(client, personas, project):
    client.force_login(personas["coordinator"])
    assert client.post(URL, form_data(project)).status_code == 302


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin", "employer", "resident", "no_role"])
def test_other_roles_may_not(client, personas, project, role):
    client.force_login(personas[role])
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(project)).status_code == 403
    with scopes_disabled():
        assert not EntryData.objects.exists()


def test_the_form_needs_a_constant_number_of_queries(
    client, counsellor, project, django_assert_num_queries
):
    client.force_login(counsellor)
    # 1 session, 2 user, 3 memberships (roles and scope), 4 projects for the form.
    with django_assert_num_queries(4):
        client.get(URL)


def test_languages_and_citizenships_are_searchable_selects(client, counsellor, project):
    """Searched by typing with JavaScript; without it, plain selects that still post."""
    client.force_login(counsellor)
    content = client.get("/de/staff/people/intake/").content.decode()
    for name in ("languages", "citizenships"):
        assert f'name="{name}"' in content
        assert re.search(rf'<select name="{name}"[^>]* multiple', content), name
        assert re.search(rf'<select name="{name}"[^>]*data-searchable', content), name
    assert 'type="checkbox" name="languages"' not in content
    assert re.search(r'<option value="de" data-terms="[^"]*German[^"]*"', content)
    assert '<script src="/static/vendor/tom-select/tom-select.complete.min.js" defer>' in content
    assert '<script src="/static/quartier/searchable.js" defer>' in content
