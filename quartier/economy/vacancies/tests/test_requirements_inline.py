"""A vacancy's requirements changed in place (HTMX) and by plain forms: the same records."""

import pytest
from django.urls import reverse

from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.vacancies.services import create_vacancy

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true", "HX-Target": "requirements"}


@pytest.fixture
def draft(personas, deli):
    return create_vacancy(deli, personas["advisor"], kind="job", titles={"de": "Koch"})


def url(vacancy) -> str:
    return reverse("economy:vacancy-requirements", kwargs={"code": vacancy.public_id})


def test_the_search_answers_with_its_hits_alone(client, personas, draft, sewing):
    client.force_login(personas["advisor"])
    headers = {"HX-Request": "true", "HX-Target": "esco-hits"}
    html = client.get(url(draft), {"q": "nähen", "kind": "skill"}, headers=headers)
    html = html.content.decode()
    assert html.startswith('<div id="esco-hits"')
    assert "nähen" in html and "<h1>" not in html and "Languages asked for" not in html
    assert f'hx-post="{url(draft)}" hx-target="#requirements"' in html
    page = client.get(url(draft), {"q": "nähen"}).content.decode()
    assert "<h1>" in page and 'hx-target="#esco-hits"' in page and "nähen" in page


def test_a_change_in_place_answers_with_the_requirements_and_their_message(
    client, personas, draft, sewing
):
    client.force_login(personas["advisor"])
    response = client.post(
        url(draft), {"action": "add_language", "language": "de", "level": "B1"}, headers=HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="requirements">')
    assert "Languages saved." in html and "German (B1)" in html and "<h1>" not in html
    assert [(row.language, row.level) for row in draft.languages.all()] == [("de", "B1")]
    html = client.post(
        url(draft), {"action": "add_skill", "concept": sewing.pk, "required": "1"}, headers=HX
    ).content.decode()
    assert "Skills saved." in html and "sew" in html
    assert [(s.concept, s.required) for s in draft.skills.all()] == [(sewing, True)]
    # The message was shown in place: the next page does not show it again.
    assert "Skills saved." not in client.get(url(draft)).content.decode()
    html = client.post(
        url(draft), {"action": "remove_language", "language": "de"}, headers=HX
    ).content.decode()
    assert "German (B1)" not in html and not draft.languages.exists()


def test_a_refused_change_in_place_says_why_and_saves_nothing(client, personas, draft, cook):
    client.force_login(personas["advisor"])
    html = client.post(
        url(draft), {"action": "add_skill", "concept": cook.pk}, headers=HX
    ).content.decode()
    assert "Choose a skill, not an occupation." in html
    assert not draft.skills.exists()


def test_without_htmx_a_change_redirects_to_the_page(client, personas, draft):
    client.force_login(personas["advisor"])
    response = client.post(url(draft), {"action": "add_language", "language": "uk", "level": "A2"})
    assert response.status_code == 302 and response["Location"] == url(draft)
    assert [(row.language, row.level) for row in draft.languages.all()] == [("uk", "A2")]


@pytest.mark.parametrize(("persona", "status"), [("resident", 403), ("counsellor", 403)])
def test_changes_in_place_are_refused_to_others(client, personas, draft, persona, status):
    client.force_login(personas[persona])
    data = {"action": "add_language", "language": "de", "level": "B1"}
    assert client.post(url(draft), data, headers=HX).status_code == status
    assert not draft.languages.exists()


def test_another_businesss_employer_gets_nothing(client, personas, draft, bakery):
    client.force_login(personas["employer"])  # the bakery's, not the deli's
    data = {"action": "add_language", "language": "de", "level": "B1"}
    assert client.post(url(draft), data, headers=HX).status_code == 404
    assert not draft.languages.exists()
