"""The fields matching reads, on the vacancy's forms: the apply-by date and, per
language, whether the level is a condition or only welcome."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from quartier.accounts.tokens import create_api_token
from quartier.economy.models import Vacancy
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.vacancies.services import create_vacancy

from .test_vacancies import vacancy_form

pytestmark = pytest.mark.django_db


def test_the_vacancy_form_asks_for_the_apply_by_date_in_the_users_language(
    client, personas, bakery
):
    client.force_login(personas["advisor"])
    with translation.override("de"):
        url = reverse("economy:vacancy-create")
    form = client.get(url).content.decode()
    assert '<label for="id_closes_on">Bewerben bis' in form
    assert "Nach diesem Tag wird die Stelle niemandem mehr vorgeschlagen." in form
    assert 'type="date" name="closes_on"' in form
    response = client.post(url, vacancy_form(bakery.slug, closes_on="2026-08-15"))
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert str(vacancy.closes_on) == "2026-08-15"
    page = client.get(response["Location"]).content.decode()
    assert "15. August 2026" in page
    response = client.post(url, vacancy_form(bakery.slug, closes_on="2026-02-30"))
    assert (
        '<ul class="errorlist" id="id_closes_on_error"><li>Bitte ein gültiges Datum eingeben.'
        in (response.content.decode())
    )
    assert Vacancy.objects.count() == 1


@pytest.fixture
def draft(personas, deli):
    return create_vacancy(deli, personas["advisor"], kind="job", titles={"de": "Koch"})


def test_a_language_is_required_unless_ticked_off_and_the_page_says_which(client, personas, draft):
    client.force_login(personas["advisor"])
    url = reverse("economy:vacancy-requirements", kwargs={"code": draft.public_id})
    page = client.get(url).content.decode()
    assert (
        'name="required" aria-describedby="id_required_helptext" id="id_required" checked' in page
    )
    assert "Untick when the language is welcome but not a condition." in page
    client.post(url, {"action": "add_language", "language": "de", "level": "B1", "required": "on"})
    client.post(url, {"action": "add_language", "language": "ar", "level": "A2"})
    assert [(row.language, row.level, row.required) for row in draft.languages.all()] == [
        ("de", "B1", True),
        ("ar", "A2", False),
    ]
    page = client.get(url).content.decode()
    assert "German (B1) · required" in page and "Arabic (A2) · welcome, not a condition" in page
    # Removing one keeps the other's flag.
    client.post(url, {"action": "remove_language", "language": "de"})
    assert [(row.language, row.required) for row in draft.languages.all()] == [("ar", False)]
    detail = reverse("economy:vacancy-detail", kwargs={"code": draft.public_id})
    assert "Arabic (A2, welcome, not a condition)" in client.get(detail).content.decode()


def test_an_employer_may_not_change_another_business_languages(client, personas, draft):
    client.force_login(personas["employer"])  # of the bakery, not the deli
    url = reverse("economy:vacancy-requirements", kwargs={"code": draft.public_id})
    response = client.post(url, {"action": "add_language", "language": "de", "level": "B1"})
    assert response.status_code == 404
    assert not draft.languages.exists()


def test_the_api_takes_and_gives_the_apply_by_date_and_the_required_flag(personas, bakery):
    _token, raw = create_api_token(personas["advisor"], "vacancies")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post(
        "/api/v1/economy/vacancies",
        {
            "business": bakery.slug,
            "kind": "job",
            "titles": {"de": "Koch"},
            "closes_on": "2026-08-15",
            "languages": [
                {"language": "de", "level": "B1"},
                {"language": "ar", "level": "A2", "required": False},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["closes_on"] == "2026-08-15"
    assert body["languages"] == [
        {"language": "de", "level": "B1", "required": True},
        {"language": "ar", "level": "A2", "required": False},
    ]
