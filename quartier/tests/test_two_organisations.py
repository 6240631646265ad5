"""People with roles in two organisations never read the second one's personal data.

A counsellor at one place who is a resident or reporting viewer at another, or a
business advisor who also employs: each request may read only the organisations
where the user holds a role the view (or API operation) allows. These tests walk
every page and every API operation with such personas, putting real records of
the *other* organisation into every detail route, and expect the same answer as
for a record that does not exist, with none of the person's data in any answer.
"""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import get_resolver

from quartier.accounts.tokens import create_api_token
from quartier.counselling.cases import open_case
from quartier.people.intake import take_in
from quartier.people.models import Project
from quartier.tests.test_access_walk import app_urls, concrete, walk

pytestmark = pytest.mark.django_db

NOWHERE = "00000000-0000-0000-0000-000000000000"
HIDDEN_NAME = "Quellenberg"
HIDDEN_EMAIL = "verborgen@example.org"
TWO_ORG_PERSONAS = ["counsellor+resident", "counsellor+viewer", "advisor+employer"]


@pytest.fixture
def project(db) -> Project:
    return Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )


@pytest.fixture
def elsewhere(personas, other_org, home_org, project):
    """A person in casework at the other organisation, and one at the home organisation
    for the advisor (who does no casework anywhere)."""
    other_counsellor = personas["outsider"]  # a project lead at the other organisation
    hidden = take_in(
        other_org,
        project,
        other_counsellor,
        date(2026, 3, 2),
        given_name="Xochitl",
        family_name=HIDDEN_NAME,
        email=HIDDEN_EMAIL,
        phone="0341 999 111",
    )
    case = open_case(hidden, other_counsellor)
    at_home = take_in(
        home_org,
        project,
        personas["counsellor"],
        date(2026, 3, 2),
        given_name="Yrsa",
        family_name="Heimlich",
        email="heimlich@example.org",
    )
    return {"person": hidden, "case": case, "at_home": at_home}


def secrets_for(persona: str, elsewhere) -> list[str]:
    """What this persona must never see: the other organisation's person, and for the
    advisor (no casework role anywhere) the home organisation's person too."""
    found = [HIDDEN_NAME, HIDDEN_EMAIL, "0341 999 111"]
    if persona == "advisor+employer":
        found += ["Heimlich", "heimlich@example.org"]
    return found


def real_ids(elsewhere) -> list[str]:
    return [
        str(elsewhere["person"].public_id),
        str(elsewhere["case"].public_id),
        str(elsewhere["at_home"].public_id),
    ]


def uuid_routes():
    for name, route in walk(get_resolver().url_patterns):
        if name.startswith(("admin:", "api:")) or "<uuid:" not in route:
            continue
        yield name, route


def leaked(response, secrets: list[str]) -> list[str]:
    body = response.content.decode(errors="replace")
    return [secret for secret in secrets if secret in body]


@pytest.mark.parametrize(
    "persona", ["counsellor+resident", "counsellor+viewer", "advisor+employer"]
)
def test_no_page_shows_another_organisations_person(client, two_org_personas, elsewhere, persona):
    user = two_org_personas[persona]
    secrets = secrets_for(persona, elsewhere)
    problems = []
    client.force_login(user)
    for name, url in app_urls():
        if name in ("accounts:logout",):
            continue
        response = client.get(url)
        if found := leaked(response, secrets):
            problems.append((name, url, found))
    for name, route in uuid_routes():
        missing = client.get(concrete(route))
        for code in real_ids(elsewhere):
            if persona != "advisor+employer" and code == str(elsewhere["at_home"].public_id):
                continue  # their own organisation's person: theirs to read
            url = re.sub(NOWHERE, code, concrete(route), count=1)
            response = client.get(url)
            if response.status_code != missing.status_code:
                problems.append((name, url, response.status_code, missing.status_code))
            if found := leaked(response, secrets):
                problems.append((name, url, found))
    assert problems == []


def api_get_operations(client) -> list[str]:
    document = client.get("/api/v1/openapi.json").json()
    return [path for path, operations in document["paths"].items() if "get" in operations]


@pytest.mark.parametrize(
    "persona", ["counsellor+resident", "counsellor+viewer", "advisor+employer"]
)
def test_no_api_operation_returns_another_organisations_person(
    two_org_personas, elsewhere, persona
):
    user = two_org_personas[persona]
    _token, raw = create_api_token(user, "walk")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    secrets = secrets_for(persona, elsewhere)
    problems = []
    for path in api_get_operations(client):
        template = "/api/v1" + path if not path.startswith("/api/v1") else path
        if "{" not in template:
            response = client.get(template)
            if found := leaked(response, secrets):
                problems.append((template, found))
            continue
        missing = client.get(re.sub(r"\{[^}]+\}", NOWHERE, template))
        for code in real_ids(elsewhere):
            if persona != "advisor+employer" and code == str(elsewhere["at_home"].public_id):
                continue
            url = re.sub(r"\{[^}]+\}", code, template)
            response = client.get(url)
            if response.status_code != missing.status_code:
                problems.append((url, response.status_code, missing.status_code))
            if found := leaked(response, secrets):
                problems.append((url, found))
    assert problems == []


@pytest.mark.parametrize("persona", ["counsellor+resident", "counsellor+viewer"])
def test_the_participant_list_over_the_api_holds_only_the_casework_organisation(
    two_org_personas, elsewhere, persona
):
    user = two_org_personas[persona]
    _token, raw = create_api_token(user, "list")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    listed = client.get("/api/v1/people/participants").json()["items"]
    assert [person["family_name"] for person in listed] == ["Heimlich"]
    detail = client.get(f"/api/v1/people/participants/{elsewhere['person'].public_id}")
    assert detail.status_code == 404
