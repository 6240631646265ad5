from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.accounts.tokens import create_api_token
from quartier.people.intake import take_in

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def lan(home_org, project, east, counsellor):
    return take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Thị Lan",
        family_name="Trần",
        date_of_birth=date(1990, 5, 6),
        postcode="01234",
        languages=["vi", "de"],
        preferred_language="vi",
        citizenships=["VN"],
    )


def test_the_list_shows_my_organisations_participants_only(
    client, lan, other_org, project, counsellor, django_assert_num_queries
):
    take_in(other_org, project, counsellor, date(2026, 3, 2), given_name="A", family_name="B")
    headers = bearer(counsellor)
    # 1 token with user, 2 token last use, 3 memberships, 4 page with relations,
    # 5 the count (at most 10 001 rows), 6 the audit entry naming who was shown.
    with django_assert_num_queries(6):
        response = client.get("/api/v1/people/participants", **headers)
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "capped": False,
        "next": None,
        "previous": None,
        "items": [
            {
                "id": str(lan.public_id),
                "given_name": "Thị Lan",
                "family_name": "Trần",
                "name_latin": "",
                "date_of_birth": "1990-05-06",
                "gender": "x",
                "postcode": "01234",
                "quarter": "ost",
                "neighbourhood": "mitte-ost",
                "languages": ["vi", "de"],
                "preferred_language": "vi",
                "organisation": "beratung-ost",
                "project": "arbeit-im-quartier",
            }
        ],
    }


def test_the_search_ignores_accents_and_case(client, lan, counsellor):
    response = client.get("/api/v1/people/participants?search=TRAN%20lan", **bearer(counsellor))
    assert response.json()["count"] == 1
    response = client.get("/api/v1/people/participants?search=nguyen", **bearer(counsellor))
    assert response.json()["count"] == 0


def test_reading_one_participant_is_audited(client, lan, counsellor):
    response = client.get(f"/api/v1/people/participants/{lan.public_id}", **bearer(counsellor))
    assert response.status_code == 200
    body = response.json()
    assert body["third_country_national"] is True
    assert body["entry"] == {
        "entry_date": "2026-03-02",
        "complete": False,
        "deadline": "2026-03-30",
        "missing": ["employment_status", "isced"],
    }
    with scopes_disabled():
        assert AuditEntry.objects.filter(
            code="people.participant.viewed", subject_id=str(lan.pk)
        ).exists()


def test_another_organisation_cannot_see_that_the_person_exists(client, lan, personas):
    response = client.get(
        f"/api/v1/people/participants/{lan.public_id}", **bearer(personas["outsider"])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["employer", "resident", "advisor", "viewer"])
def test_other_roles_are_refused(client, lan, personas, persona):
    response = client.get("/api/v1/people/participants", **bearer(personas[persona]))
    assert response.status_code == 403


def test_a_participant_is_taken_in_over_the_api(client, project, east, counsellor):
    response = client.post(
        "/api/v1/people/participants",
        {
            "organisation": "beratung-ost",
            "project": "arbeit-im-quartier",
            "entry_date": "2026-04-01",
            "given_name": "Олена",
            "family_name": "Шевченко",
            "postcode": "01234",
            "citizenships": ["UA"],
        },
        content_type="application/json",
        **bearer(counsellor),
    )
    assert response.status_code == 201
    assert response.json()["neighbourhood"] == "mitte-ost"


def test_nobody_takes_people_in_for_another_organisation(client, project, counsellor):
    response = client.post(
        "/api/v1/people/participants",
        {
            "organisation": "bildung-west",
            "project": "arbeit-im-quartier",
            "entry_date": "2026-04-01",
            "given_name": "X",
            "family_name": "Y",
        },
        content_type="application/json",
        **bearer(counsellor),
    )
    assert response.status_code == 403
    with scopes_disabled():
        from quartier.people.models import Participant

        assert not Participant.objects.exists()


def test_the_list_over_the_api_audits_who_was_shown(client, lan, counsellor):
    response = client.get("/api/v1/people/participants", **bearer(counsellor))
    assert response.status_code == 200
    with scopes_disabled():
        listed = AuditEntry.objects.get(code="people.participant.listed")
    assert listed.actor == counsellor
    assert listed.data["people"] == [str(lan.public_id)]
