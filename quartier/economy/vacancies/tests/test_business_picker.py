"""The vacancy form's business picker: only the businesses the user may enter vacancies
for, in the search, the pick and the saved form."""

import pytest
from django.urls import reverse

from quartier.accounts.models import Membership, Role
from quartier.conftest import make_user
from quartier.economy.models import Vacancy
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.vacancies.tests.test_vacancies import vacancy_form

pytestmark = pytest.mark.django_db

PICK = "/en/staff/economy/vacancies/pick-business/"


@pytest.fixture
def employer_resident(business_org, home_org):
    """The bakery's employer, who is also a resident at the home organisation."""
    user = make_user("backstube.nachbar@example.org", Role.EMPLOYER, business_org)
    Membership.objects.create(user=user, organisation=home_org, role=Role.RESIDENT)
    return user


def test_an_employer_with_two_organisations_finds_only_their_own_business(
    client, employer_resident, bakery, deli
):
    client.force_login(employer_resident)
    html = client.get(reverse("economy:vacancy-create")).content.decode()
    assert f'hx-get="{PICK}?key=slug&amp;for=id_business"' in html
    found = client.get(PICK, {"key": "slug", "for": "id_business", "q": "a"}).content.decode()
    assert "Bäckerei am Platz" in found and "Feinkost" not in found
    assert "Feinkost" not in client.get(PICK, {"for": "x", "q": "saigon"}).content.decode()
    assert client.get(PICK, {"key": "slug", "for": "x", "pick": deli.slug}).status_code == 404
    picked = client.get(PICK, {"key": "slug", "for": "x", "pick": bakery.slug}).content.decode()
    assert f'<option value="{bakery.slug}" selected>' in picked


def test_staff_who_edit_vacancies_find_every_business(client, personas, bakery, deli):
    client.force_login(personas["advisor"])
    found = client.get(PICK, {"key": "slug", "for": "x", "q": "e"}).content.decode()
    assert "Bäckerei am Platz" in found and "Feinkost Saigon" in found


def test_the_form_saves_the_picked_business_and_refuses_a_forged_one(
    client, employer_resident, bakery, deli
):
    client.force_login(employer_resident)
    url = reverse("economy:vacancy-create")
    response = client.post(url, vacancy_form(deli.slug))
    assert response.status_code == 200
    assert "Choose one of the businesses you may enter vacancies for." in response.content.decode()
    assert not Vacancy.objects.exists()
    response = client.post(url, vacancy_form(bakery.slug))
    assert response.status_code == 302
    assert Vacancy.objects.get().business == bakery


def test_the_search_is_refused_to_who_may_not_enter_vacancies(client, personas):
    for persona in ("counsellor", "resident"):
        client.force_login(personas[persona])
        assert client.get(PICK, {"for": "x", "q": "a"}).status_code == 403
