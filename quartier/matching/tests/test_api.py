"""Matching over the API: the pages' permissions, gates and audit, the whole answer checked."""

from django.test import Client
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.accounts.tokens import create_api_token


def token_client(user) -> Client:
    _token, raw = create_api_token(user, "matching")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def test_an_advisor_gets_the_candidates_with_their_reasons(
    personas, cook_vacancy, make_person, home_org, other_org, esco, places
):
    rami = make_person(
        home_org, "Rami", skills=[esco["prepare"], esco["hygiene"]], postcode=places["near"]
    )
    make_person(other_org, "Sara", skills=[esco["prepare"]], consent=False)
    client = token_client(personas["advisor"])
    response = client.get(f"/api/v1/matching/vacancies/{cook_vacancy.public_id}/candidates")
    assert response.status_code == 200
    code = str(rami.public_code)
    assert response.json() == {
        "version": "2026.1",
        "considered": 1,
        "results": [
            {
                "kind": "candidate",
                "code": code,
                "title": response.json()["results"][0]["title"],
                "total": 50,
                "sentence": (
                    "50 points: has 2 of 2 essential skills; lives in the same neighbourhood."
                ),
                "components": [
                    {"label": "Essential skills the person has", "points": 40},
                    {"label": "Essential skills missing", "points": 0},
                    {"label": "Optional skills the person has", "points": 0},
                    {"label": "Occupation", "points": -5},
                    {"label": "Languages", "points": 0},
                    {"label": "Recognition of the qualification", "points": 0},
                    {"label": "Distance", "points": 10},
                    {"label": "Hours per week", "points": 0},
                    {"label": "Availability", "points": 0},
                    {"label": "Profile up to date", "points": 5},
                ],
                "matched_skills": ["comply with food hygiene", "prepare dishes"],
                "missing_skills": [],
                "languages": ["German: B1 asked, reached"],
                "distance": "Lives in the same neighbourhood.",
                "against": ["Has not worked in this occupation or a related one."],
                "gates": [],
                "gaps": [],
            }
        ],
        "gated": [],
    }
    assert response.json()["results"][0]["title"].startswith("Profile ")
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="matching.candidates.shown").count() == 1


def test_a_persons_vacancies_only_for_their_organisation(
    personas, cook_vacancy, make_person, home_org, esco
):
    rami = make_person(home_org, "Rami", skills=[esco["prepare"]])
    url = f"/api/v1/matching/profiles/{rami.participant.public_id}/vacancies"
    answer = token_client(personas["counsellor"]).get(url).json()
    assert [(r["kind"], r["code"], r["missing_skills"]) for r in answer["results"]] == [
        ("vacancy", str(cook_vacancy.public_id), ["comply with food hygiene"])
    ]
    assert token_client(personas["outsider"]).get(url).status_code == 404
    assert token_client(personas["employer"]).get(url).status_code == 403
    assert (
        token_client(personas["resident"])
        .get(f"/api/v1/matching/vacancies/{cook_vacancy.public_id}/candidates")
        .status_code
        == 403
    )
