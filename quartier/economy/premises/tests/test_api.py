"""Premises and the cooperation network over the API: staff tokens only, read-only."""

from datetime import date

import pytest

from quartier.accounts.tokens import create_api_token
from quartier.economy.models import Business, House, Sector, Unit
from quartier.economy.network.cooperation import record_cooperation
from quartier.economy.premises.services import let_unit

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def premises(db):
    house = House.objects.create(
        name="Haus 1",
        street="Hauptstraße",
        house_number="1",
        postcode="04315",
        city="Leipzig",
        block="Block A",
        year_built=1895,
    )
    shop = Unit.objects.create(house=house, floor=0, label="EG", area=80, intended_use="gastronomy")
    Unit.objects.create(house=house, floor=1, label="1. OG", intended_use="office")
    restaurant = Business.objects.create(
        name="Restaurant Zeder",
        slug="restaurant-zeder",
        sector=Sector.objects.get(slug="gastronomy"),
    )
    let_unit(shop, restaurant, date(2025, 3, 1), None)
    return house, restaurant


HOUSE = {
    "name": "Haus 1",
    "street": "Hauptstraße",
    "house_number": "1",
    "postcode": "04315",
    "city": "Leipzig",
    "block": "Block A",
    "year_built": 1895,
    "units": 2,
    "vacant": 1,
}


def test_houses_are_listed_with_their_vacancies(
    client, personas, premises, django_assert_num_queries
):
    house, _restaurant = premises
    headers = bearer(personas["advisor"])
    client.get("/api/v1/economy/premises/houses", **headers)  # warm: notes the token's use
    # token with its user, memberships, the number of houses, the page's houses with counts
    with django_assert_num_queries(4):
        response = client.get("/api/v1/economy/premises/houses", **headers)
    assert response.status_code == 200
    assert response.json() == {"items": [{"id": house.pk, **HOUSE}], "count": 1}


def test_a_house_comes_with_its_units_and_tenants(
    client, personas, premises, django_assert_num_queries
):
    house, _restaurant = premises
    headers = bearer(personas["counsellor"])
    client.get("/api/v1/economy/premises/houses", **headers)  # warm: notes the token's use
    # token with its user, memberships, the house, its units, their current tenancies
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/economy/premises/houses/{house.pk}", **headers)
    units = {unit.label: unit.pk for unit in house.units.all()}
    assert response.json() == {
        "id": house.pk,
        **HOUSE,
        "units_list": [
            {
                "id": units["1. OG"],
                "floor": 1,
                "label": "1. OG",
                "area": None,
                "intended_use": "office",
                "status": "vacant",
                "rent_note": "",
                "tenant": None,
            },
            {
                "id": units["EG"],
                "floor": 0,
                "label": "EG",
                "area": "80.0",
                "intended_use": "gastronomy",
                "status": "let",
                "rent_note": "",
                "tenant": {
                    "business": "restaurant-zeder",
                    "name": "Restaurant Zeder",
                    "since": "2025-03-01",
                },
            },
        ],
    }
    assert client.get("/api/v1/economy/premises/houses/999", **headers).status_code == 404


def test_vacant_units_are_listed_with_their_house(client, personas, premises):
    house, _restaurant = premises
    response = client.get(
        "/api/v1/economy/units", {"status": "vacant"}, **bearer(personas["advisor"])
    )
    assert [(u["label"], u["house_name"], u["address"]) for u in response.json()["items"]] == [
        ("1. OG", "Haus 1", "Hauptstraße 1, 04315 Leipzig")
    ]
    response = client.get(
        "/api/v1/economy/units", {"status": "empty"}, **bearer(personas["advisor"])
    )
    assert response.status_code == 422


def test_relations_and_counts_per_period(client, personas, premises, home_org):
    _house, restaurant = premises
    record_cooperation(restaurant, home_org, "mentoring", date(2024, 11, 1), None)
    headers = bearer(personas["viewer"])
    response = client.get("/api/v1/economy/network/cooperations", {"kind": "mentoring"}, **headers)
    assert response.json()["count"] == 1
    assert response.json()["items"] == [
        {
            "id": response.json()["items"][0]["id"],
            "first": {"type": "business", "slug": "restaurant-zeder", "name": "Restaurant Zeder"},
            "second": {"type": "organisation", "slug": "beratung-ost", "name": "Beratung Ost"},
            "kind": "mentoring",
            "since": "2024-11-01",
            "until": None,
            "note": "",
        }
    ]
    response = client.get(
        "/api/v1/economy/network/counts",
        {"start": "2024-07-01", "end": "2025-03-31", "kind": "mentoring"},
        **headers,
    )
    body = response.json()
    assert body["periods"] == ["2024 Q3", "2024 Q4", "2025 Q1"]
    assert body["totals"] == [0, 1, 1]
    assert {"kind": "mentoring", "counts": [0, 1, 1]} in body["kinds"]
    response = client.get(
        "/api/v1/economy/network/counts", {"start": "2025-01-01", "end": "2024-01-01"}, **headers
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "The end of the period lies before its start."}


@pytest.mark.parametrize("persona", ["resident", "employer"])
def test_the_api_refuses_who_is_not_staff(client, personas, premises, persona):
    response = client.get("/api/v1/economy/premises/houses", **bearer(personas[persona]))
    assert response.status_code == 403
    assert client.get("/api/v1/economy/units").status_code == 401


def test_settlements_are_counted_per_year(client, personas, premises):
    response = client.get(
        "/api/v1/economy/premises/settlements/counts",
        {"start": "2024-01-01", "end": "2025-12-31"},
        **bearer(personas["lead"]),
    )
    assert response.json() == {
        "periods": ["2024", "2025"],
        "settled": [0, 1],
        "new_to_quarter": [0, 1],
        "supported": [0, 0],
    }


def test_advertised_vacant_units_are_public(client, premises, django_assert_num_queries):
    house, _restaurant = premises
    Unit.objects.filter(label="1. OG").update(advertised=True, rent_note="nach Vereinbarung")
    # the number of advertised vacant units, the page's units with their house
    with django_assert_num_queries(2):
        response = client.get("/api/v1/economy/premises/vacant")
    assert response.json()["items"] == [
        {
            "street": "Hauptstraße",
            "house_number": "1",
            "postcode": "04315",
            "city": "Leipzig",
            "floor": 1,
            "area": None,
            "intended_use": "office",
            "rent_note": "nach Vereinbarung",
        }
    ]
    # None for retail: the count says so, and the page is not asked for.
    with django_assert_num_queries(1):
        response = client.get("/api/v1/economy/premises/vacant", {"use": "retail"})
    assert response.json() == {"items": [], "count": 0}
