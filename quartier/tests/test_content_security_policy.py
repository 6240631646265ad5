"""Every response carries the Content-Security-Policy: our own files only, nothing inline.

The browser test (browser_tests/test_content_security_policy.py) shows that the pages
keep to it; this one that the header is there, on pages, forms, errors and the API.
"""

import pytest
from django.conf import settings

from quartier.places.sitepack import load_site_pack

pytestmark = pytest.mark.django_db

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"
POLICY = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy_of(response) -> dict[str, list[str]]:
    """The header as {directive: sources}; an AssertionError when it is missing."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.status_code}: no Content-Security-Policy header"
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header, header
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_the_home_page_carries_the_policy(client):
    response = client.get("/de/")
    assert response.status_code == 200
    assert policy_of(response) == POLICY


def test_a_staff_page_carries_the_policy(client, counsellor):
    client.force_login(counsellor)
    response = client.get("/de/staff/people/")
    assert response.status_code == 200
    assert policy_of(response) == POLICY


def test_a_public_form_carries_the_policy_also_when_sent_back(client):
    load_site_pack(SITE_PACK)
    url = "/ar/learn/appointments/at/lerneck/request/"
    response = client.get(url)
    assert response.status_code == 200
    assert b'<form method="post"' in response.content
    assert policy_of(response) == POLICY
    invalid = client.post(url, {})  # shown again with its errors
    assert invalid.status_code == 200
    assert policy_of(invalid) == POLICY


def test_the_api_and_its_errors_carry_the_policy(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.headers["Content-Type"].startswith("application/json")
    assert policy_of(schema) == POLICY
    refused = client.get("/api/v1/accounts/me")
    assert refused.status_code == 401
    assert policy_of(refused) == POLICY


def test_error_pages_carry_the_policy(client):
    response = client.get("/de/no-such-page/")
    assert response.status_code == 404
    assert policy_of(response) == POLICY


def test_only_the_api_docs_may_load_data_images(client):
    """Swagger UI's stylesheet draws its icons from data: URIs; nothing else is loosened."""
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert policy_of(response) == {**POLICY, "img-src": ["'self'", "data:"]}
