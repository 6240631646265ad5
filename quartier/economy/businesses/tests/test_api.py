"""The business API: the register for staff, changes for advisors and an employer's own."""

# ruff: noqa: F811 (fixtures imported from businesses_fixtures)

import json

import pytest

from quartier.accounts.tokens import create_api_token
from quartier.economy.models import Business
from quartier.economy.tests.businesses_fixtures import east, make_business  # noqa: F401

pytestmark = pytest.mark.django_db

API = "/api/v1/economy"


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def patch(client, url, data, user):
    return client.patch(url, json.dumps(data), content_type="application/json", **bearer(user))


def post(client, url, data, user):
    return client.post(url, json.dumps(data), content_type="application/json", **bearer(user))


def test_staff_read_the_register_in_a_fixed_number_of_queries(
    client, personas, make_business, django_assert_num_queries
):
    for number in range(5):
        make_business(f"Laden {number}", languages=["de", "vi"])
    headers = bearer(personas["counsellor"])
    # token with its user, memberships, the count, the page of businesses (with sector,
    # organisation, neighbourhood and quarter); the token's last use is written.
    with django_assert_num_queries(5):
        response = client.get(f"{API}/businesses", **headers)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert body["items"][0]["neighbourhood"] == "volkmarsdorf"
    assert body["items"][0]["quarter"] == "ost"


def test_one_business_by_its_short_name(client, personas, make_business):
    business = make_business("Saigon Markt")
    response = client.get(f"{API}/businesses/{business.slug}", **bearer(personas["viewer"]))
    assert response.status_code == 200
    assert response.json()["name"] == "Saigon Markt"
    assert client.get(f"{API}/businesses/nobody", **bearer(personas["viewer"])).status_code == 404


def test_an_advisor_adds_a_business_with_the_rules_of_the_form(client, personas, east):
    response = post(
        client,
        f"{API}/businesses",
        {"name": "Saigon Markt", "sector": "food-retail", "postcode": "04315", "staff_count": 12},
        personas["advisor"],
    )
    assert response.status_code == 201, response.content
    assert response.json()["size_class"] == "small"
    assert response.json()["neighbourhood"] == "volkmarsdorf"
    bad = post(
        client,
        f"{API}/businesses",
        {"name": "Nirgendwo", "sector": "space-travel"},
        personas["advisor"],
    )
    assert bad.status_code == 422
    assert "no sector with the short name space-travel" in bad.json()["detail"]
    bad = post(client, f"{API}/businesses", {"name": "X", "languages": ["xx"]}, personas["lead"])
    assert bad.status_code == 422
    assert "Unknown language code: xx" in bad.json()["detail"]
    assert Business.objects.count() == 1


def test_counsellors_and_employers_may_not_add(client, personas, east):
    for persona in ("counsellor", "employer"):
        response = post(client, f"{API}/businesses", {"name": "X"}, personas[persona])
        assert response.status_code == 403
    assert not Business.objects.exists()


def test_an_employer_changes_its_own_business_only(client, personas, business_org, make_business):
    own = make_business("Bäckerei am Platz", organisation=business_org)
    other = make_business("Konkurrenz")
    employer = personas["employer"]
    response = patch(client, f"{API}/businesses/{own.slug}", {"interest_in_hiring": True}, employer)
    assert response.status_code == 200
    assert response.json()["interest_in_hiring"] is True
    response = patch(client, f"{API}/businesses/{other.slug}", {"name": "Meins"}, employer)
    assert response.status_code == 404
    response = patch(client, f"{API}/businesses/{own.slug}", {"slug": "neu"}, employer)
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.name == "Konkurrenz"


def test_the_public_directory_lists_only_agreed_businesses(client, make_business):
    make_business("Sichtbar", listed_publicly=True, languages=["ar"])
    make_business("Unsichtbar")
    response = client.get(f"{API}/directory")
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Sichtbar"]
    assert "listed_publicly" not in response.json()["items"][0]
    assert client.get(f"{API}/directory", {"language": "vi"}).json()["count"] == 0
