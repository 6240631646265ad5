"""The employer view, contact requests and passports over the API: the pages' rules."""

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.tokens import create_api_token
from quartier.competences.models import Passport
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.services import ensure_profile
from quartier.competences.profile.skills import add_skills
from quartier.people.consent import record_consent, withdraw_consent
from quartier.people.models import Consent, Purpose

pytestmark = pytest.mark.django_db

API = "/api/v1/competences"


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "de"}


@pytest.fixture
def shown(rami, counsellor, esco):
    """Rami, a cook who agreed to be shown to employers."""
    with scopes_disabled():
        add_language(rami, counsellor, language="de", understanding="B1", speaking="A2")
        add_skills(rami, counsellor, [esco["cook"], esco["prepare"], esco["nutrition"]])
        record_consent(rami, Purpose.EMPLOYER_PROFILE, "ar", counsellor)
        return ensure_profile(rami, counsellor)


def test_an_employer_lists_and_reads_candidates(client, personas, shown):
    auth = bearer(personas["employer"])
    listing = client.get(f"{API}/candidates", **auth)
    assert listing.status_code == 200
    body = listing.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["code"] == str(shown.public_code)
    # Labels in the request's language: German unless the client asks for another.
    assert item["occupations"] == ["Koch/Köchin"]
    assert item["knowledge"] == ["Ernährungslehre"]
    assert item["languages"] == [
        {
            "name": "Deutsch",
            "levels": {"understanding": "B1", "speaking": "A2", "writing": "—"},
            "certificate": "",
        }
    ]
    detail = client.get(f"{API}/candidates/{shown.public_code}", **auth)
    assert detail.status_code == 200
    text = detail.content.decode()
    for personal in ("Rami", "Haddad", "1985", "SY", str(shown.participant.public_id)):
        assert personal not in text


def test_without_consent_or_after_withdrawal_the_api_says_not_found(
    client, personas, shown, rami, counsellor
):
    auth = bearer(personas["employer"])
    assert (
        client.post(
            f"{API}/candidates/{shown.public_code}/contact-requests",
            {"message": "Trial day?", "contact": "0341 1234"},
            content_type="application/json",
            **auth,
        ).status_code
        == 201
    )
    with scopes_disabled():
        withdraw_consent(
            Consent.objects.get(participant=rami, purpose=Purpose.EMPLOYER_PROFILE), counsellor
        )
    assert client.get(f"{API}/candidates/{shown.public_code}", **auth).status_code == 404
    assert client.get(f"{API}/candidates", **auth).json()["count"] == 0
    mine = client.get(f"{API}/my-contact-requests", **auth).json()["items"]
    assert [item["status"] for item in mine] == ["cancelled"]


@pytest.mark.parametrize("persona", ["counsellor", "resident", "lead"])
def test_only_employer_tokens_may_read_candidates(client, personas, shown, persona):
    response = client.get(f"{API}/candidates", **bearer(personas[persona]))
    assert response.status_code == 403


def test_a_counsellor_answers_a_request_over_the_api(client, personas, shown):
    employer = bearer(personas["employer"])
    created = client.post(
        f"{API}/candidates/{shown.public_code}/contact-requests",
        {"message": "Trial day?", "contact": "Frau Berger, 0341 1234"},
        content_type="application/json",
        **employer,
    )
    assert created.status_code == 201
    code = created.json()["id"]
    # Asking twice is a conflict, and an empty message is refused with a reason.
    again = client.post(
        f"{API}/candidates/{shown.public_code}/contact-requests",
        {"message": "Again", "contact": "x"},
        content_type="application/json",
        **employer,
    )
    assert again.status_code == 409
    counsellor = bearer(personas["counsellor"])
    listing = client.get(f"{API}/contact-requests", **counsellor).json()["items"]
    assert [item["id"] for item in listing] == [code]
    assert listing[0]["participant"] == str(shown.participant.public_id)
    refused = client.post(
        f"{API}/contact-requests/{code}/answer",
        {"accepted": True, "answer": ""},
        content_type="application/json",
        **counsellor,
    )
    assert refused.status_code == 422
    assert "Teilen Sie dem Arbeitgeber mit" in refused.json()["detail"]  # in German
    assert client.post(f"{API}/contact-requests/{code}/asked", **counsellor).status_code == 200
    answered = client.post(
        f"{API}/contact-requests/{code}/answer",
        {"accepted": True, "answer": "He will call you."},
        content_type="application/json",
        **counsellor,
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "accepted"
    mine = client.get(f"{API}/my-contact-requests", **employer).json()["items"]
    assert mine[0]["status"] == "accepted"
    assert mine[0]["answer"] == "He will call you."
    # Another organisation's lead sees nothing and cannot answer.
    outsider = bearer(personas["outsider"])
    assert client.get(f"{API}/contact-requests", **outsider).json() == {"items": [], "count": 0}
    assert client.post(f"{API}/contact-requests/{code}/asked", **outsider).status_code == 404


def test_a_counsellor_issues_a_passport_over_the_api(
    client, personas, shown, rami, django_capture_on_commit_callbacks
):
    auth = bearer(personas["counsellor"])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"{API}/profiles/{rami.public_id}/passport", **auth)
    assert first.status_code == 202
    body = first.json()
    assert body["new"] is True
    assert body["languages"] == ["de", "ar"]
    again = client.post(f"{API}/profiles/{rami.public_id}/passport", **auth)
    assert again.json()["new"] is False
    assert again.json()["id"] == body["id"]
    listing = client.get(f"{API}/profiles/{rami.public_id}/passports", **auth).json()["items"]
    assert [(item["id"], item["status"], item["ready"]) for item in listing] == [
        (body["id"], "ready", True)
    ]
    with scopes_disabled():
        assert Passport.objects.count() == 1


def test_passports_over_the_api_follow_the_page_rules(client, personas, rami):
    assert (
        client.post(
            f"{API}/profiles/{rami.public_id}/passport", **bearer(personas["lead"])
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/profiles/{rami.public_id}/passport", **bearer(personas["outsider"])
        ).status_code
        == 403
    )
    assert (
        client.get(
            f"{API}/profiles/{rami.public_id}/passports", **bearer(personas["outsider"])
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{API}/profiles/{rami.public_id}/passport", **bearer(personas["employer"])
        ).status_code
        == 403
    )


def test_the_candidate_list_over_the_api_uses_a_fixed_number_of_queries(
    client, personas, shown, django_assert_num_queries
):
    auth = bearer(personas["employer"])
    # token (with user), token last use, memberships, the employer's organisation,
    # count, the page of profiles, qualifications, languages, skills, their labels,
    # experience, informal competences, the audit entry.
    with django_assert_num_queries(13):
        assert client.get(f"{API}/candidates", **auth).status_code == 200
