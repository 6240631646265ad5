"""The pickers in the economy's forms: a usable select without JavaScript, search with it."""

import pytest
from django.urls import reverse

from quartier.economy.businesses.register import save_business
from quartier.economy.models import Business, Founder
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.vacancies.services import create_vacancy, update_vacancy
from quartier.people.intake import take_in

pytestmark = pytest.mark.django_db

PICK = "/en/staff/economy/businesses/pick/"


def test_the_consultation_form_lists_every_business_and_offers_the_search(
    client, personas, bakery, deli
):
    client.force_login(personas["advisor"])
    html = client.get(reverse("economy:consultation-create")).content.decode()
    # Without JavaScript the select is the whole field, as before.
    assert f'<option value="{bakery.slug}">Bäckerei am Platz</option>' in html
    assert f'<option value="{deli.slug}">Feinkost Saigon</option>' in html
    assert f'hx-get="{PICK}?key=slug&amp;for=id_business"' in html
    assert 'hx-target="#id_business-results"' in html


def test_the_business_search_answers_with_buttons_that_fill_the_select(
    client, personas, bakery, deli
):
    client.force_login(personas["advisor"])
    html = client.get(
        PICK + "?key=slug&for=id_business&q=saigon", headers={"HX-Request": "true"}
    ).content.decode()
    assert "Feinkost Saigon" in html and "Bäckerei" not in html
    assert f'hx-get="{PICK}?key=slug&amp;for=id_business&amp;pick={deli.slug}"' in html
    assert 'hx-target="#id_business" hx-swap="innerHTML"' in html
    picked = client.get(PICK + f"?key=slug&for=id_business&pick={deli.slug}").content.decode()
    assert f'<option value="{deli.slug}" selected>Feinkost Saigon</option>' in picked
    # by street too, keyed by pk for the forms that use it
    html = client.get(PICK + "?key=pk&for=id_tenant&q=eisenbahn").content.decode()
    assert f"pick={bakery.pk}" in html and "Bäckerei am Platz · Eisenbahnstraße" in html


def test_the_open_only_search_leaves_closed_businesses_out(client, personas, bakery, deli):
    Business.objects.filter(pk=deli.pk).update(status=Business.Status.CLOSED)
    client.force_login(personas["advisor"])
    assert "Feinkost" in client.get(PICK + "?for=x&q=feinkost").content.decode()
    assert "Feinkost" not in client.get(PICK + "?for=x&open=1&q=feinkost").content.decode()
    assert client.get(PICK + f"?for=x&open=1&pick={deli.pk}").status_code == 404


@pytest.mark.parametrize("persona", ["employer", "resident", "no_role"])
def test_the_business_search_is_refused_to_those_who_may_not_read_the_register(
    client, personas, persona, deli
):
    client.force_login(personas[persona])
    assert client.get(PICK + "?for=x&q=feinkost").status_code == 403


def test_the_business_search_takes_the_same_queries_whatever_it_finds(
    client, personas, deli, django_assert_num_queries
):
    for number in range(8):
        save_business(None, {"name": f"Feinkost {number}"}, personas["advisor"])
    client.force_login(personas["advisor"])
    # session, user, memberships, the matching businesses
    with django_assert_num_queries(4):
        html = client.get(PICK + "?for=x&q=feinkost").content.decode()
    assert html.count("<li>") == 9


def test_the_vacancy_form_shows_the_person_who_filled_it_by_code_only(
    client, personas, deli, participant
):
    vacancy = create_vacancy(deli, personas["advisor"], kind="job", titles={"de": "Koch"})
    update_vacancy(vacancy, personas["advisor"], status="filled", filled_by=participant)
    client.force_login(personas["advisor"])
    html = client.get(reverse("economy:vacancy-edit", kwargs={"code": vacancy.public_id}))
    html = html.content.decode()
    code = participant.public_id
    # Advisors never see the participant's name; the select holds the code, nobody else.
    assert f'<option value="{code}" selected>{code}</option>' in html
    assert "Olena" not in html
    # An advisor's search could find nobody (people:pick is casework's): no search box,
    # the code field open with the reason.
    assert 'hx-get="/en/staff/people/pick/?for=id_filled_by"' not in html
    assert "Searching for people is for their counsellors." in html
    assert '<details class="picker-code" open>' in html
    assert 'name="filled_by_code"' in html
    # A project lead does casework: the search is there.
    client.force_login(personas["lead"])
    html = client.get(reverse("economy:vacancy-edit", kwargs={"code": vacancy.public_id}))
    html = html.content.decode()
    assert 'hx-get="/en/staff/people/pick/?for=id_filled_by"' in html
    assert 'name="filled_by_code"' in html


def test_a_founder_is_named_by_the_select_or_by_a_typed_code(
    client, personas, participant, home_org, other_org, project
):
    client.force_login(personas["advisor"])
    url = reverse("economy:founder-create")
    form = {"business_idea": "Tailoring", "stage": "idea"}
    # The code typed by hand wins over the select (which JavaScript would have filled).
    response = client.post(
        url, form | {"participant": "", "participant_code": participant.public_id}
    )
    assert response.status_code == 302
    assert Founder.objects.get().participant == participant
    elsewhere = take_in(
        other_org,
        project,
        personas["counsellor"],
        participant.created_at.date(),
        given_name="Hidden",
        family_name="Elsewhere",
    )
    response = client.post(url, form | {"participant_code": str(elsewhere.public_id)})
    assert response.status_code == 200  # refused: not a person of the advisor's organisation
    assert Founder.objects.count() == 1
    assert "Hidden" not in response.content.decode()
