"""Input PostgreSQL cannot store is refused with a 422 by every operation, wherever it is."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.tokens import create_api_token
from quartier.people.models import Participant, Project

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}

NUL_MESSAGE = "Text may not contain the NUL character."


def refusal(response) -> list[tuple[list, str]]:
    assert response.status_code == 422, response.content
    return [(item["loc"], item["msg"]) for item in response.json()["detail"]]


def test_a_nul_in_a_query_parameter_is_refused(client):
    response = client.get("/api/v1/economy/directory", {"sector": "bakery\x00"}, **ENGLISH)
    assert refusal(response) == [(["sector"], NUL_MESSAGE)]


def test_a_nul_in_a_path_parameter_is_refused(client):
    response = client.get("/api/v1/places/contact-points/lern%00eck", **ENGLISH)
    assert refusal(response) == [(["slug"], NUL_MESSAGE)]


def test_a_nul_deep_in_the_body_is_refused_field_by_field(client, personas):
    _token, raw = create_api_token(personas["advisor"], "test")
    response = client.post(
        "/api/v1/economy/businesses",
        {
            "name": "Bäckerei\x00",
            "languages": ["de", "a\x00r"],
            "social_media": {"insta\x00gram": "@baeckerei"},
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **ENGLISH,
    )
    assert refusal(response) == [
        (["payload", "name"], NUL_MESSAGE),
        (["payload", "languages", 1], NUL_MESSAGE),
        (["payload", "social_media", "insta\x00gram"], NUL_MESSAGE),
    ]


def test_text_longer_than_its_column_is_refused_before_the_database(client, personas, home_org):
    """SQLite would store it; PostgreSQL would fail with a server error."""
    Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    _token, raw = create_api_token(personas["counsellor"], "test")
    response = client.post(
        "/api/v1/people/participants",
        {
            "organisation": home_org.slug,
            "project": "arbeit-im-quartier",
            "entry_date": "2026-03-02",
            "given_name": "Lan",
            "family_name": "Trần",
            "postcode": "04315-04318",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **ENGLISH,
    )
    assert [item["loc"] for item in response.json()["detail"]] == [["body", "payload", "postcode"]]
    with scopes_disabled():
        assert not Participant.objects.exists()
