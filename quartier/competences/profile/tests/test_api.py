from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import Membership, Role
from quartier.accounts.tokens import create_api_token
from quartier.competences.conftest import ESCO, audited
from quartier.competences.models import CompetenceProfile, Qualification
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.skills import add_skills

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def api(person, part=""):
    return f"/api/v1/competences/profiles/{person.public_id}" + (f"/{part}" if part else "")


@pytest.fixture
def profile(rami, counsellor, esco):
    with scopes_disabled():
        add_qualification(
            rami,
            counsellor,
            title_original="شهادة طباخ",
            title_de="Koch",
            country="SY",
            original_language="ar",
            isced_level="3",
            year=2005,
            recognition_status="partial",
            competent_body="IHK FOSA",
            reference_occupation=esco["cook"],
            recognition_decided_on=date(2026, 5, 4),
        )
        add_language(rami, counsellor, language="ar", understanding="native", speaking="native")
        add_language(rami, counsellor, language="de", understanding="B1", speaking="A2")
        add_skills(rami, counsellor, [esco["prepare"]])
        add_informal(
            rami,
            counsellor,
            field="family",
            activity="Cooked for eight",
            competence="Plans meals",
            self_assessment=3,
            skills=[esco["menu"]],
        )
        return CompetenceProfile.objects.get(participant=rami)


def test_the_whole_profile_is_read_and_the_read_audited(
    client, counsellor, rami, profile, django_assert_num_queries
):
    headers = bearer(counsellor)
    with scopes_disabled():
        ids = {
            "q": Qualification.objects.get().pk,
            **{s.language: s.pk for s in profile.languages.all()},
            "skill": profile.skills.get().pk,
            "informal": profile.informal.get().pk,
        }
    with django_assert_num_queries(14):
        # 1 token with its user, 2 token last-used update, 3 memberships, 4 the person with
        # organisation and profile, 5 audit entry, 6 qualifications, 7 their occupation labels,
        # 8 languages, 9 experience (none, so no labels), 10 skills, 11 their labels,
        # 12 informal competences, 13 their skills, 14 those skills' labels
        response = client.get(api(rami), **headers)
    assert response.status_code == 200
    assert response.json() == {
        "participant": str(rami.public_id),
        "version": 6,
        "changed_at": "2026-06-15T10:00:00+00:00",
        "summary": "",
        "hours_per_week": None,
        "available_from": None,
        "qualifications": [
            {
                "id": ids["q"],
                "title_original": "شهادة طباخ",
                "title_de": "Koch",
                "country": "SY",
                "original_language": "ar",
                "isced_level": "3",
                "year": 2005,
                "field_of_study": "",
                "without_papers": False,
                "evidence": None,
                "recognition_status": "partial",
                "competent_body": "IHK FOSA",
                "reference_occupation": {
                    "uri": ESCO + "occupation/cook",
                    "kind": "occupation",
                    "label": "cook",
                },
                "reference_occupation_text": "",
                "recognition_decided_on": "2026-05-04",
                "validation_status": "not_started",
            }
        ],
        "languages": [
            {
                "id": ids["de"],
                "language": "de",
                "understanding": "B1",
                "speaking": "A2",
                "writing": "",
                "certificate": "none",
                "certificate_year": None,
            },
            {
                "id": ids["ar"],
                "language": "ar",
                "understanding": "native",
                "speaking": "native",
                "writing": "",
                "certificate": "none",
                "certificate_year": None,
            },
        ],
        "experience": [],
        "skills": [
            {
                "id": ids["skill"],
                "concept": {
                    "uri": ESCO + "skill/prepare",
                    "kind": "skill",
                    "label": "prepare dishes",
                },
                "source": "counsellor",
                "level": "",
                "evidence_level": "self_declared",
            }
        ],
        "informal": [
            {
                "id": ids["informal"],
                "field": "family",
                "activity": "Cooked for eight",
                "competence": "Plans meals",
                "self_assessment": 3,
                "counsellor_assessment": None,
                "evidence_level": "self_declared",
                "skills": [{"uri": ESCO + "skill/menu", "kind": "skill", "label": "plan menus"}],
            }
        ],
    }
    assert audited("competences.profile.viewed") == 1


def test_a_person_without_a_profile_reads_as_empty(client, lead, rami):
    response = client.get(api(rami), **bearer(lead))
    assert response.status_code == 200
    assert response.json() == {
        "participant": str(rami.public_id),
        "version": 0,
        "changed_at": None,
        "summary": "",
        "hours_per_week": None,
        "available_from": None,
        "qualifications": [],
        "languages": [],
        "experience": [],
        "skills": [],
        "informal": [],
    }


def test_parts_are_added_over_the_api(client, counsellor, rami, esco):
    headers = bearer(counsellor)
    response = client.post(
        api(rami, "experience"),
        {
            "title": "Koch",
            "occupation": ESCO + "occupation/cook",
            "country": "SY",
            "setting": "family_business",
            "formal": False,
            "started_on": "2004-01-15",
            "ended_on": "2015-06-30",
            "description": "طبخت",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    body = response.json()
    del body["id"]
    assert body == {
        "title": "Koch",
        "occupation": {
            "uri": ESCO + "occupation/cook",
            "kind": "occupation",
            "label": "cook",
        },
        "country": "SY",
        "employer": "",
        "setting": "family_business",
        "formal": False,
        "started_on": "2004-01-01",
        "ended_on": "2015-06-01",
        "description": "طبخت",
    }
    response = client.post(
        api(rami, "skills"),
        {"concepts": [ESCO + "skill/prepare", ESCO + "skill/hygiene"], "source": "occupation"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    assert [s["concept"]["uri"] for s in response.json()] == [
        ESCO + "skill/prepare",
        ESCO + "skill/hygiene",
    ]
    response = client.post(
        api(rami, "languages"),
        {"language": "de", "understanding": "B2", "certificate": "telc", "certificate_year": 2025},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    response = client.post(
        api(rami, "qualifications"),
        {"title_original": "Diplom", "recognition_status": "applied"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    response = client.post(
        api(rami, "informal"),
        {"field": "care", "activity": "Cared for my mother", "competence": "Patience"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    listed = client.get(api(rami, "languages"), **headers).json()
    assert [item["language"] for item in listed["items"]] == ["de"]
    with scopes_disabled():
        assert CompetenceProfile.objects.get(participant=rami).version == 6


@pytest.mark.parametrize(
    ("part", "payload", "message"),
    [
        ("experience", {"title": "Koch", "occupation": ESCO + "nope"}, "no ESCO occupation"),
        (
            "experience",
            {"title": "Koch", "started_on": "2020-01-01", "ended_on": "2019-01-01"},
            "ended_on: The end lies before the start.",
        ),
        ("languages", {"language": "xx", "understanding": "B1"}, "Choose a language"),
        ("languages", {"language": "de"}, "Give a level for at least one area."),
        ("skills", {"concepts": [ESCO + "nope"]}, "no ESCO concept"),
        (
            "qualifications",
            {"title_original": "X", "recognition_decided_on": "2026-01-01"},
            "A decision date belongs only to a recognition that was decided.",
        ),
        (
            "informal",
            {
                "field": "care",
                "activity": "x",
                "competence": "y",
                "skills": [ESCO + "occupation/cook"],
            },
            "no ESCO skill",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    client, counsellor, rami, esco, part, payload, message
):
    response = client.post(
        api(rami, part), payload, content_type="application/json", **bearer(counsellor)
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]
    with scopes_disabled():
        assert not CompetenceProfile.objects.filter(participant=rami).exists()


def test_leads_read_but_may_not_add(client, lead, rami, profile):
    assert client.get(api(rami, "skills"), **bearer(lead)).status_code == 200
    response = client.post(
        api(rami, "informal"),
        {"field": "care", "activity": "x", "competence": "y"},
        content_type="application/json",
        **bearer(lead),
    )
    assert response.status_code == 403


def test_another_organisation_gets_404(client, personas, other_org, rami, profile):
    outsider = personas["outsider"]
    Membership.objects.create(user=outsider, organisation=other_org, role=Role.COUNSELLOR)
    headers = bearer(outsider)
    assert client.get(api(rami), **headers).status_code == 404
    for part in ("qualifications", "languages", "experience", "skills", "informal"):
        assert client.get(api(rami, part), **headers).status_code == 404


@pytest.mark.parametrize("persona", ["employer", "resident", "coordinator", "viewer"])
def test_other_roles_are_refused(client, personas, rami, profile, persona):
    assert client.get(api(rami), **bearer(personas[persona])).status_code == 403


def test_without_a_token_the_api_answers_401(client, rami):
    assert client.get(api(rami)).status_code == 401
