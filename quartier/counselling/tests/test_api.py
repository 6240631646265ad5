from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.accounts.tokens import create_api_token
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.models import Contact
from quartier.people.intake import take_in

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_case_list_shows_the_cases_i_may_see(client, case, lan, counsellor):
    response = client.get("/api/v1/counselling/cases", **bearer(counsellor))
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "capped": False,
        "next": None,
        "previous": None,
        "items": [
            {
                "id": str(case.public_id),
                "participant": str(lan.public_id),
                "organisation": "beratung-ost",
                "status": case.status,
                "counsellor": "counsellor@example.org",
                "opened_on": "2026-03-02",
                "closed_on": None,
                "next_step": "",
                "next_step_due": None,
            }
        ],
    }


def test_the_case_list_audits_who_was_shown_one_entry_per_page(
    client, case, lan, counsellor, home_org, project, django_assert_num_queries
):
    mai = take_in(
        home_org, project, counsellor, date(2026, 3, 2), given_name="Mai", family_name="Lê"
    )
    open_case(mai, counsellor, opened_on=date(2026, 3, 1))
    token = bearer(counsellor)
    # 1 the token with its user, 2 its last use, 3 the memberships, 4 the page's cases
    # with their people, 5 the count (at most 10 001 rows), 6 the audit entry
    with django_assert_num_queries(6):
        response = client.get("/api/v1/counselling/cases?page_size=1", **token)
    assert response.status_code == 200
    second = client.get(
        "/api/v1/counselling/cases", {"page_size": 1, "cursor": response.json()["next"]}, **token
    )
    assert second.json()["next"] is None
    with scopes_disabled():
        listed = list(AuditEntry.objects.filter(code="counselling.case.listed").order_by("id"))
    assert [(entry.actor, entry.organisation, entry.data) for entry in listed] == [
        (counsellor, home_org, {"page": 1, "people": [str(lan.public_id)], "api": True}),
        (counsellor, home_org, {"page": 2, "people": [str(mai.public_id)], "api": True}),
    ]


def test_a_case_with_its_contacts_is_read_and_the_read_audited(client, case, counsellor):
    add_contact(
        case,
        counsellor,
        date=date(2026, 6, 1),
        duration_minutes=45,
        channel="phone",
        language="vi",
        topics=["job_search"],
        next_step="CV",
        next_step_due=date(2026, 6, 20),
    )
    response = client.get(f"/api/v1/counselling/cases/{case.public_id}", **bearer(counsellor))
    assert response.status_code == 200
    body = response.json()
    assert body["next_step"] == "CV"
    assert body["contacts"] == [
        {
            "date": "2026-06-01",
            "duration_minutes": 45,
            "channel": "phone",
            "language": "vi",
            "interpreter": False,
            "topics": ["job_search"],
            "notes": "",
            "next_step": "CV",
            "next_step_due": "2026-06-20",
            "counsellor": "counsellor@example.org",
        }
    ]
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="people.participant.viewed").exists()


def test_a_contact_is_recorded_over_the_api(client, case, counsellor):
    response = client.post(
        f"/api/v1/counselling/cases/{case.public_id}/contacts",
        {"date": "2026-06-10", "duration_minutes": 30, "channel": "person", "language": "vi"},
        content_type="application/json",
        **bearer(counsellor),
    )
    assert response.status_code == 201
    with scopes_disabled():
        assert Contact.objects.filter(case=case).count() == 1


def test_bad_contact_data_is_refused_and_nothing_saved(client, case, counsellor):
    response = client.post(
        f"/api/v1/counselling/cases/{case.public_id}/contacts",
        {"date": "2026-06-10", "duration_minutes": 0, "channel": "fax", "language": "vi"},
        content_type="application/json",
        **bearer(counsellor),
    )
    assert response.status_code == 422
    with scopes_disabled():
        assert not Contact.objects.exists()


def test_another_organisation_cannot_see_the_case(client, case, personas):
    headers = bearer(personas["outsider"])
    assert client.get(f"/api/v1/counselling/cases/{case.public_id}", **headers).status_code == 404
    assert client.get("/api/v1/counselling/cases", **headers).json()["count"] == 0
    response = client.post(
        f"/api/v1/counselling/cases/{case.public_id}/contacts",
        {"date": "2026-06-10", "duration_minutes": 30, "channel": "person", "language": "vi"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "employer", "resident", "viewer"])
def test_other_roles_are_refused(client, case, personas, persona):
    response = client.get("/api/v1/counselling/cases", **bearer(personas[persona]))
    assert response.status_code == 403
