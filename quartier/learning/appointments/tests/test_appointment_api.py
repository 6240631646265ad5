"""Appointments and visits over the API: public slots and booking, staff work with a token."""

from datetime import UTC, datetime

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.tokens import create_api_token
from quartier.learning.models import Appointment, AppointmentStatus, Visit

from .fixtures import *  # noqa: F403
from .fixtures import book, counsellor_available

pytestmark = pytest.mark.django_db

WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def open_lernort(frozen, lernort, counsellor):
    counsellor_available(counsellor, lernort, 2, "10:00", "11:00")
    return lernort


def test_free_slots_are_public(client, open_lernort, django_assert_num_queries):
    # 1 contact point, 2 opening hours, 3 site pack, 4 availability, 5 bookings
    with django_assert_num_queries(5):
        response = client.get(
            "/api/v1/learning/contact-points/lernort/slots?from=2025-10-29&to=2025-10-31"
        )
    assert response.status_code == 200
    assert response.json() == [
        {"start": "2025-10-29T09:00:00Z", "end": "2025-10-29T09:30:00Z"},
        {"start": "2025-10-29T09:30:00Z", "end": "2025-10-29T10:00:00Z"},
    ]


def test_slot_ranges_are_checked(client, open_lernort):
    response = client.get(
        "/api/v1/learning/contact-points/lernort/slots?from=2025-11-02&to=2025-11-01"
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "“to” must not be before “from”."}
    assert client.get("/api/v1/learning/contact-points/nowhere/slots").status_code == 404


def test_a_resident_books_through_the_api(client, open_lernort, counsellor):
    payload = {
        "contact_point": "lernort",
        "start": "2025-10-29T10:00:00+01:00",
        "name": "Anna Schmidt",
        "email": "anna@example.org",
        "language": "en",
    }
    response = client.post(
        "/api/v1/learning/appointments", payload, content_type="application/json"
    )
    assert response.status_code == 201
    appointment = Appointment.objects.with_scopes_disabled().get()
    assert response.json() == {
        "id": str(appointment.public_id),
        "contact_point": "lernort",
        "start": "2025-10-29T09:00:00Z",
        "end": "2025-10-29T09:30:00Z",
        "status": "requested",
    }
    again = client.post("/api/v1/learning/appointments", payload, content_type="application/json")
    assert again.status_code == 422
    assert again.json() == {"detail": "This time was just taken. Please choose another one."}


def test_booking_errors_are_in_the_bookings_language(client, open_lernort):
    response = client.post(
        "/api/v1/learning/appointments",
        {
            "contact_point": "lernort",
            "start": "2025-10-31T10:00:00+01:00",
            "name": "X",
            "phone": "1",
            "language": "en",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "This time was just taken. Please choose another one."}


def test_staff_list_confirm_and_cancel(client, open_lernort, counsellor, personas):
    appointment = book(open_lernort, WEDNESDAY_10)
    headers = bearer(counsellor)
    response = client.get("/api/v1/learning/appointments", **headers)
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "capped": False,
        "next": None,
        "previous": None,
        "items": [
            {
                "id": str(appointment.public_id),
                "contact_point": "lernort",
                "start": "2025-10-29T09:00:00Z",
                "end": "2025-10-29T09:30:00Z",
                "status": "requested",
                "counsellor": counsellor.email,
                "name": "Amal Haddad",
                "email": "amal@example.org",
                "phone": "",
                "language": "de",
                "topic": "",
                "outside_hours": False,
                "preferred_times": "",
            }
        ],
    }
    url = f"/api/v1/learning/appointments/{appointment.public_id}"
    assert client.post(f"{url}/confirm", **headers).json()["status"] == "confirmed"
    again = client.post(f"{url}/confirm", **headers)
    assert again.status_code == 422
    assert client.post(f"{url}/cancel", **headers).json()["status"] == "cancelled"


def test_the_staff_list_has_a_constant_number_of_queries(
    client, open_lernort, counsellor, django_assert_num_queries
):
    for minute in (0, 30):
        book(open_lernort, WEDNESDAY_10.replace(minute=minute), name=f"Person {minute}")
    headers = bearer(counsellor)
    # 1 token with its user, 2 its last use (first use), 3 memberships, 4 count,
    # 5 the page with place and counsellor
    with django_assert_num_queries(5):
        response = client.get("/api/v1/learning/appointments", **headers)
    assert response.json()["count"] == 2


def test_staff_propose_another_time(client, open_lernort, counsellor):
    appointment = book(open_lernort, WEDNESDAY_10)
    response = client.post(
        f"/api/v1/learning/appointments/{appointment.public_id}/propose",
        {"start": "2025-11-03T15:00:00+01:00"},
        content_type="application/json",
        **bearer(counsellor),
    )
    assert response.status_code == 200
    assert response.json()["status"] == AppointmentStatus.PROPOSED
    assert response.json()["start"] == "2025-11-03T14:00:00Z"


def test_other_organisations_and_roles_are_refused(client, open_lernort, personas):
    appointment = book(open_lernort, WEDNESDAY_10)
    url = f"/api/v1/learning/appointments/{appointment.public_id}/confirm"
    assert client.post(url, **bearer(personas["outsider"])).status_code == 403
    assert client.post(url, **bearer(personas["resident"])).status_code == 403
    assert (
        client.get("/api/v1/learning/appointments", **bearer(personas["employer"])).status_code
        == 403
    )
    assert client.post(url).status_code == 401


def test_visits_over_the_api(client, open_lernort, personas):
    headers = bearer(personas["coordinator"])
    response = client.post(
        "/api/v1/learning/visits",
        {
            "contact_point": "lernort",
            "kind": "self_learning",
            "at": "2025-10-27T08:00:00+01:00",
            "duration_minutes": 45,
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    assert response.json() == {
        "contact_point": "lernort",
        "at": "2025-10-27T07:00:00Z",
        "kind": "self_learning",
        "people": 1,
        "language": "",
        "duration_minutes": 45,
    }
    listed = client.get("/api/v1/learning/visits", **headers).json()
    assert listed["count"] == 1
    bad = client.post(
        "/api/v1/learning/visits",
        {"contact_point": "buero", "kind": "walk_in"},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422
    assert bad.json() == {"detail": "You may not record visits at this place."}
    with scopes_disabled():
        assert Visit.objects.count() == 1
