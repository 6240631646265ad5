"""The API's one pagination: pages past the end are empty and keep the real count."""

import pytest

from quartier.economy.businesses.register import save_business

pytestmark = pytest.mark.django_db

DIRECTORY = "/api/v1/economy/directory"


@pytest.fixture
def listed(personas):
    """Three businesses in the public directory, added by the advisor."""
    for name in ("Bäckerei am Platz", "Feinkost Saigon", "Schneiderei Amal"):
        save_business(None, {"name": name, "listed_publicly": True}, personas["advisor"])


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_pages_split_the_list_and_count_all_of_it(client, listed):
    first = client.get(DIRECTORY, {"page_size": 2})
    second = client.get(DIRECTORY, {"page_size": 2, "page": 2})
    assert (first.json()["count"], second.json()["count"]) == (3, 3)
    assert names(first) == ["Bäckerei am Platz", "Feinkost Saigon"]
    assert names(second) == ["Schneiderei Amal"]


def test_a_page_past_the_end_is_empty_with_the_real_count(client, listed):
    response = client.get(DIRECTORY, {"page": 3})
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 3}


def test_a_huge_page_number_is_an_empty_page_not_a_server_error(
    client, listed, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the count; no query with an impossible offset
        response = client.get(DIRECTORY, {"page": 10**30})
    assert response.json() == {"items": [], "count": 3}


def test_page_zero_and_a_page_size_of_zero_are_refused(client, listed):
    for params in ({"page": 0}, {"page": -1}, {"page_size": 0}, {"page": "first"}):
        response = client.get(DIRECTORY, params)
        assert response.status_code == 422, params
        assert isinstance(response.json()["detail"], list)


def test_a_page_holds_at_most_a_hundred(client, personas):
    for number in range(101):
        save_business(
            None, {"name": f"Betrieb {number:03d}", "listed_publicly": True}, personas["advisor"]
        )
    body = client.get(DIRECTORY, {"page_size": 500}).json()
    assert (len(body["items"]), body["count"]) == (100, 101)
