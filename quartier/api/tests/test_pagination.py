"""The API's two paginations: by number for small lists (pages past the end are empty and
keep the real count), by cursor for lists that grow."""

import pytest

from quartier.accounts.tokens import create_api_token
from quartier.economy.businesses.models import Business
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


# -- Lists that grow: by cursor (the business register stands for them all) ------------

REGISTER = "/api/v1/economy/businesses"


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def add_businesses(count: int) -> None:
    """``count`` businesses, seven names among them: pages break inside namesakes."""
    Business.objects.bulk_create(
        Business(name=f"Laden {number % 7}", slug=f"laden-{number:04}") for number in range(count)
    )


def slugs(body) -> list[str]:
    return [item["slug"] for item in body["items"]]


def test_cursors_walk_forward_and_back_over_every_record_once(client, personas):
    add_businesses(40)
    token = bearer(personas["advisor"])
    body = client.get(REGISTER, {"page_size": 6}, **token).json()
    assert body["previous"] is None
    forward = [slugs(body)]
    while body["next"]:
        body = client.get(REGISTER, {"page_size": 6, "cursor": body["next"]}, **token).json()
        forward.append(slugs(body))
    backward = [forward[-1]]
    while body["previous"]:
        body = client.get(REGISTER, {"page_size": 6, "cursor": body["previous"]}, **token).json()
        backward.append(slugs(body))
    expected = list(Business.objects.order_by("name", "id").values_list("slug", flat=True))
    assert [slug for page in forward for slug in page] == expected
    assert [len(page) for page in forward] == [6, 6, 6, 6, 6, 6, 4]
    assert backward == list(reversed(forward))
    assert body["count"] == 40 and not body["capped"]


def test_a_cursor_that_is_not_valid_gives_the_first_page(client, personas):
    add_businesses(10)
    token = bearer(personas["advisor"])
    first = client.get(REGISTER, {"page_size": 3}, **token).json()
    for bad in ("x", first["next"][:-2] + "zz", first["next"][4:]):
        response = client.get(REGISTER, {"page_size": 3, "cursor": bad}, **token)
        assert response.status_code == 200
        assert response.json() == first


def test_the_count_stops_at_the_cap(client, personas, settings):
    add_businesses(12)
    settings.KEYSET_COUNT_CAP = 10
    body = client.get(REGISTER, **bearer(personas["advisor"])).json()
    assert (body["count"], body["capped"], len(body["items"])) == (10, True, 12)


@pytest.mark.parametrize("count", [30, 300])
def test_a_cursor_page_costs_the_same_queries_at_any_size(
    client, personas, count, django_assert_num_queries
):
    add_businesses(count)
    token = bearer(personas["advisor"])
    first = client.get(REGISTER, {"page_size": 10}, **token).json()
    # 1 the token with its user (its last use was written by the first request), 2 the
    # memberships, 3 the page with its sector and place, 4 the count (at most 10 001 rows)
    with django_assert_num_queries(4):
        response = client.get(REGISTER, {"page_size": 10, "cursor": first["next"]}, **token)
    assert len(response.json()["items"]) == 10
