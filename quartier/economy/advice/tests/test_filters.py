"""The founder list's stage and the consultation list's business (advice/filters.py)."""

import pytest
from django.urls import reverse

from quartier.economy.advice.consultations import record_consultation
from quartier.economy.advice.founders import create_founder
from quartier.economy.tests.advice_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def founder_names(client, **query) -> list[str]:
    response = client.get(reverse("economy:founder-list"), query)
    assert response.status_code == 200
    return sorted(founder.display_name for founder in response.context["page"])


def test_the_founder_list_shows_only_the_chosen_stage(client, personas):
    create_founder(personas["advisor"], name="Iryna Bondar", business_idea="Bakery")
    create_founder(
        personas["advisor"], name="Samir Haddad", business_idea="Catering", stage="founding"
    )
    client.force_login(personas["advisor"])
    assert founder_names(client, stage="founding") == ["Samir Haddad"]
    assert founder_names(client) == ["Iryna Bondar", "Samir Haddad"]
    html = client.get(reverse("economy:founder-list"), {"stage": "founding"}).content.decode()
    assert '<option value="founding" selected>' in html


def test_an_unknown_stage_shows_every_founder_and_says_why(client, personas):
    create_founder(personas["advisor"], name="Iryna Bondar", business_idea="Bakery")
    client.force_login(personas["advisor"])
    assert founder_names(client, stage="millionaire") == ["Iryna Bondar"]
    html = client.get(reverse("economy:founder-list"), {"stage": "millionaire"}).content.decode()
    assert "Select a valid choice." in html


def test_the_consultation_list_shows_only_the_chosen_business(client, personas, deli, bakery):
    record_consultation(deli, personas["advisor"], result="Deli visit")
    record_consultation(bakery, personas["advisor"], result="Bakery visit")
    client.force_login(personas["advisor"])
    url = reverse("economy:consultation-list")
    response = client.get(url, {"business": deli.slug})
    assert [c.business.slug for c in response.context["page"]] == [deli.slug]
    assert len(client.get(url).context["page"]) == 2
    response = client.get(url, {"business": "no-such-business"})
    assert (response.status_code, len(response.context["page"])) == (200, 0)
