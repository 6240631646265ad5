"""The ESCO API: search, concept, suggest; staff tokens only."""

import pytest

from quartier.accounts.tokens import create_api_token
from quartier.esco.models import Concept
from quartier.esco.quality import COOK

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_search_returns_ranked_hits(client, counsellor, esco_data, django_assert_num_queries):
    headers = bearer(counsellor)
    client.get("/api/v1/esco/search", {"q": "Koch", "lang": "de"}, **headers)  # warm
    # token (with its user), memberships; candidate labels, the hits, their labels
    with django_assert_num_queries(5):
        response = client.get(
            "/api/v1/esco/search", {"q": "Koch", "lang": "de", "kind": "occupation"}, **headers
        )
    assert response.status_code == 200
    first = response.json()[0]
    assert first["uri"] in COOK
    assert first["label"] == "Koch/Köchin"
    assert first["kind"] == "occupation"
    assert first["kldb_code"] == "29302"
    assert first["semantic"] is False


def test_concept_returns_labels_and_essential_skills(client, counsellor, esco_data):
    cook = Concept.objects.get(uri=next(iter(COOK)))
    response = client.get(f"/api/v1/esco/concepts/{cook.pk}?lang=en", **bearer(counsellor))
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == "cook"
    assert {"language": "de", "kind": "preferred", "text": "Koch/Köchin"} in body["labels"]
    assert "apply HACCP" in {skill["label"] for skill in body["essential_skills"]}


def test_suggest_takes_a_description_in_any_language(client, counsellor, esco_data):
    response = client.post(
        "/api/v1/esco/suggest",
        {"text": "Tôi may quần áo cho gia đình", "language": "vi", "limit": 3},
        content_type="application/json",
        **bearer(counsellor),
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["occupations"]) == 3 and len(body["skills"]) == 3


def test_bad_input_gets_a_clear_error(client, counsellor, esco_data):
    headers = bearer(counsellor)
    assert client.get("/api/v1/esco/search", {"q": ""}, **headers).status_code == 422
    assert (
        client.get("/api/v1/esco/search", {"q": "x", "kind": "bird"}, **headers).status_code == 422
    )
    response = client.post(
        "/api/v1/esco/suggest", {"text": "x"}, content_type="application/json", **headers
    )
    assert response.status_code == 422
    assert "text" in response.content.decode()


@pytest.mark.parametrize("persona", ["resident", "employer", "viewer"])
def test_other_roles_tokens_are_refused(client, personas, persona, esco_data):
    response = client.get("/api/v1/esco/search", {"q": "Koch"}, **bearer(personas[persona]))
    assert response.status_code in (401, 403)


def test_without_a_token_the_api_is_closed(client, esco_data):
    assert client.get("/api/v1/esco/search", {"q": "Koch"}).status_code == 401
