import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.accounts.tokens import create_api_token, revoke_api_token

pytestmark = pytest.mark.django_db

# Operations open to anybody; every other one must demand a token.
PUBLIC_OPERATIONS = {
    ("get", "/api/v1/economy/premises/vacant"),
    ("get", "/api/v1/places/contact-points"),
    ("get", "/api/v1/places/contact-points/{slug}"),
    ("get", "/api/v1/learning/contact-points/{slug}/slots"),
    ("post", "/api/v1/learning/appointments"),
    ("get", "/api/v1/learning/offers"),
    ("get", "/api/v1/learning/offers/{code}"),
    ("get", "/api/v1/economy/vacancies"),
    ("get", "/api/v1/economy/vacancies/{code}"),
    ("get", "/api/v1/economy/directory"),
}


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_openapi_document_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Quartier API"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    # The browsable docs come from our own static files, never from a CDN.
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in docs.content.decode()
    assert "https://" not in docs.content.decode()


def test_every_operation_is_closed_without_a_token_unless_declared_public(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method in operations:
            if (method, path) in PUBLIC_OPERATIONS:
                continue
            url = path.replace("{slug}", "unknown").replace("{id}", "1")
            response = getattr(client, method)(url)
            assert response.status_code == 401, (method, path)


def test_me_returns_the_user_and_roles(client, counsellor, home_org):
    token, raw = create_api_token(counsellor, "test")
    response = client.get("/api/v1/accounts/me", **bearer(raw))
    assert response.status_code == 200
    assert response.json() == {
        "id": str(counsellor.public_id),
        "email": "counsellor@example.org",
        "name": "",
        "language": "de",
        "memberships": [
            {
                "organisation": "beratung-ost",
                "organisation_name": "Beratung Ost",
                "role": "counsellor",
            }
        ],
    }


def test_a_revoked_or_unknown_token_is_refused(client, counsellor):
    token, raw = create_api_token(counsellor, "test")
    revoke_api_token(token, by=counsellor)
    assert client.get("/api/v1/accounts/me", **bearer(raw)).status_code == 401
    assert client.get("/api/v1/accounts/me", **bearer("qt_made_up")).status_code == 401


def test_a_deactivated_users_token_is_refused(client, counsellor):
    _token, raw = create_api_token(counsellor, "test")
    counsellor.is_active = False
    counsellor.save()
    assert client.get("/api/v1/accounts/me", **bearer(raw)).status_code == 401


def test_tokens_are_stored_only_as_a_hash(counsellor):
    token, raw = create_api_token(counsellor, "test")
    assert raw not in token.digest
    assert token.hint == raw[:8]


def test_a_new_token_is_shown_once_and_can_be_revoked_in_the_ui(client, counsellor):
    client.force_login(counsellor)
    response = client.post("/en/staff/settings/tokens/", {"name": "export"}, follow=True)
    raw = response.context["new_token"]
    assert raw.startswith("qt_")
    assert raw in response.content.decode()
    assert raw not in client.get("/en/staff/settings/tokens/").content.decode()
    assert client.get("/api/v1/accounts/me", **bearer(raw)).status_code == 200

    token = counsellor.api_tokens.get()
    client.post(f"/en/staff/settings/tokens/{token.pk}/revoke/")
    assert client.get("/api/v1/accounts/me", **bearer(raw)).status_code == 401
    with scopes_disabled():
        codes = set(AuditEntry.objects.values_list("code", flat=True))
    assert {"accounts.token.created", "accounts.token.revoked"} <= codes


def test_nobody_revokes_another_users_token(client, counsellor, lead):
    token, raw = create_api_token(counsellor, "test")
    client.force_login(lead)
    assert client.post(f"/en/staff/settings/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_of_the_wrong_role_is_refused_with_403(rf, counsellor):
    from django_scopes import scope
    from ninja.errors import HttpError

    from quartier.accounts.access import PROJECT_LEAD
    from quartier.api.auth import TokenAccess

    _token, raw = create_api_token(counsellor, "test")
    # As in a request: the middleware's scope block ends what the token's user widens.
    with scope(organisation=[]), pytest.raises(HttpError) as refused:
        TokenAccess(PROJECT_LEAD).authenticate(rf.get("/api/v1/x"), raw)
    assert refused.value.status_code == 403
