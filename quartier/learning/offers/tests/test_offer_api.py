"""The offers' API: public offers with dates and free places, staff registrations."""

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Role
from quartier.accounts.tokens import create_api_token
from quartier.conftest import make_user
from quartier.learning.offers.registrations import register

from .fixtures import *  # noqa: F403
from .fixtures import make_offer, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_published_offers_are_public_with_dates_and_free_places(
    client, home_org, coordinator, lerneck, django_assert_num_queries
):
    offer = make_offer(home_org, coordinator, lerneck, capacity=3, cost_note="")
    make_offer(home_org, coordinator, published=False)
    register(offer, None, name="A", email="a@example.org")
    date = offer.dates.get()
    expected = {
        "id": str(offer.code),
        "kind": "table",
        "title": {"de": "Nachbarschaftstisch", "vi": "Bàn hàng xóm", "ru": "Соседский стол"},
        "description": {"de": "Kochen und reden."},
        "audience": "everyone",
        "organisation": "beratung-ost",
        "contact_point": "lerneck",
        "room": "",
        "online_url": "",
        "capacity": 3,
        "free_places": 2,
        "waiting": 0,
        "languages": ["de", "vi"],
        "cost": "0.00",
        "cost_note": "",
        "registration_open": True,
        "dates": [
            {
                "id": str(date.code),
                "starts_at": "2026-06-17T13:00:00Z",
                "ends_at": "2026-06-17T15:00:00Z",
                "room": "",
                "cancelled": False,
            }
        ],
        "skills": [],
    }
    # 1 count, 2 offers with places, organisation and place, 3 their dates, 4 the skills
    # they teach.
    with django_assert_num_queries(4):
        response = client.get("/api/v1/learning/offers")
    assert response.json() == {"items": [expected], "count": 1}
    assert client.get(f"/api/v1/learning/offers/{offer.code}").json() == expected


def test_an_unpublished_offer_is_not_found(client, home_org, coordinator):
    offer = make_offer(home_org, coordinator, published=False)
    assert client.get(f"/api/v1/learning/offers/{offer.code}").status_code == 404


def test_staff_register_a_participant_by_id_with_the_rules_of_the_pages(
    client, home_org, coordinator, counsellor, project
):
    offer = make_offer(home_org, coordinator, capacity=1)
    lan = person(home_org, project, counsellor, "Lan", "Trần", "vi")
    mai = person(home_org, project, counsellor, "Mai", "Lê", "vi")
    path = f"/api/v1/learning/offers/{offer.code}/registrations"
    headers = bearer(counsellor)

    first = client.post(path, {"participant": str(lan.public_id)}, "application/json", **headers)
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    assert first.json()["participant"] == str(lan.public_id)
    second = client.post(path, {"participant": str(mai.public_id)}, "application/json", **headers)
    assert (second.json()["status"], second.json()["waiting_position"]) == ("waiting", 1)
    again = client.post(path, {"participant": str(lan.public_id)}, "application/json", **headers)
    assert again.status_code == 422
    assert again.json() == {"detail": "This person is already registered for this offer."}

    listed = client.get(path, **headers).json()
    assert listed["count"] == 2
    assert [(r["name"], r["status"]) for r in listed["items"]] == [
        ("Lan Trần", "confirmed"),
        ("Mai Lê", "waiting"),
    ]
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="learning.registrations.viewed").exists()

    cancelled = client.post(
        f"/api/v1/learning/registrations/{first.json()['id']}/cancel", **headers
    )
    assert cancelled.json()["status"] == "cancelled"
    assert client.get(path, **headers).json()["items"][0]["status"] == "confirmed"


def test_other_organisations_cannot_register_strangers_or_read_registrations(
    client, home_org, other_org, coordinator, counsellor, project, personas
):
    offer = make_offer(home_org, coordinator)
    lan = person(home_org, project, counsellor, "Lan", "Trần", "vi")
    register(offer, counsellor, participant=lan)
    elsewhere = make_user("berater@elsewhere.example.org", Role.COUNSELLOR, other_org)
    path = f"/api/v1/learning/offers/{offer.code}/registrations"
    headers = bearer(elsewhere)
    assert client.get(path, **headers).json() == {"items": [], "count": 0}
    response = client.post(path, {"participant": str(lan.public_id)}, "application/json", **headers)
    assert response.status_code == 404
    assert response.json() == {"detail": "Participant not found."}
    hidden = make_offer(home_org, coordinator, published=False)
    assert (
        client.get(f"/api/v1/learning/offers/{hidden.code}/registrations", **headers).status_code
        == 404
    )
    for persona in ("resident", "employer", "viewer"):
        refused = client.get(path, **bearer(personas[persona]))
        assert refused.status_code == 403, persona
    assert client.get(path).status_code == 401


def test_the_coordinator_checks_people_in_over_the_api(client, home_org, coordinator, counsellor):
    offer = make_offer(home_org, coordinator, capacity=1)
    anna = register(offer, None, name="Anna", email="anna@example.org")
    waiting = register(offer, None, name="Boris", email="boris@example.org")
    date = offer.dates.get()
    path = f"/api/v1/learning/dates/{date.code}/attendance"
    response = client.post(
        path, {"registration": str(anna.code)}, "application/json", **bearer(coordinator)
    )
    assert response.status_code == 200
    assert response.json() == {
        "registration": str(anna.code),
        "date": str(date.code),
        "present": True,
        "recorded_at": "2026-06-15T10:00:00Z",
    }
    refused = client.post(
        path, {"registration": str(waiting.code)}, "application/json", **bearer(coordinator)
    )
    assert refused.status_code == 422
    assert (
        client.post(
            path, {"registration": str(anna.code)}, "application/json", **bearer(counsellor)
        ).status_code
        == 403
    )
