from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.people.models import ShortContact
from quartier.people.short_contacts import count_short_contact

pytestmark = pytest.mark.django_db

URL = "/en/staff/people/short-contacts/"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


def test_a_coordinator_counts_a_group_at_an_event(client, personas, home_org, project):
    client.force_login(personas["coordinator"])
    response = client.post(
        URL,
        {
            "project": project.pk,
            "kind": "event",
            "date": "2026-03-09",
            "language": "ar",
            "people": 7,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        contact = ShortContact.objects.get()
        assert AuditEntry.objects.filter(code="people.short_contact.counted").count() == 1
    assert (contact.organisation, contact.people, contact.language) == (home_org, 7, "ar")
    page = client.get(URL).content.decode()
    assert "Information at an event" in page and "Arabic" in page


def test_this_months_totals_per_kind(client, counsellor, home_org, other_org, project):
    count_short_contact(home_org, project, counsellor, "event", date(2026, 3, 2), "de", 5)
    count_short_contact(home_org, project, counsellor, "event", date(2026, 3, 9), "ru", 2)
    count_short_contact(home_org, project, counsellor, "question", date(2026, 3, 9), "vi")
    count_short_contact(home_org, project, counsellor, "question", date(2026, 2, 27), "vi")
    count_short_contact(other_org, project, counsellor, "question", date(2026, 3, 9), "vi")
    client.force_login(counsellor)
    totals = client.get(URL).context["totals"]
    assert [(row["kind"], row["contacts"], row["people"]) for row in totals] == [
        ("event", 2, 7),
        ("question", 1, 1),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "2026-03-11"}, "The date cannot be in the future."),
        ({"people": 0}, "greater than or equal to 1"),
        ({"kind": "party"}, "Select a valid choice"),
        ({"language": "ku"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused(client, counsellor, project, changes, message):
    client.force_login(counsellor)
    data = {"project": project.pk, "kind": "question", "date": "2026-03-10", "language": "de"}
    response = client.post(URL, {**data, "people": 1, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    with scopes_disabled():
        assert not ShortContact.objects.exists()


@pytest.mark.parametrize("role", ["advisor", "viewer", "employer", "resident"])
def test_other_roles_are_refused(client, personas, role):
    client.force_login(personas[role])
    assert client.get(URL).status_code == 403


def test_the_page_needs_a_constant_number_of_queries(
    client, counsellor, home_org, project, django_assert_num_queries
):
    client.force_login(counsellor)

    def count():
        # 1 session, 2 user, 3 memberships, 4 totals per kind, 5 this month's
        # contacts with their project, 6 projects for the form.
        with django_assert_num_queries(6):
            client.get(URL)

    count()
    for day in range(1, 10):
        count_short_contact(home_org, project, counsellor, "event", date(2026, 3, day), "de", 3)
    count()
