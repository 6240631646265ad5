"""The start page's programme figures for project leads and reporting viewers: the
dashboard's own cells for this year, hidden where the dashboard hides them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from quartier.accounts.start import LEAD_INDICATORS
from quartier.reporting.tests import test_dashboard as base
from quartier.reporting.tests.test_dashboard import cells, enter, open_dashboard

pytestmark = pytest.mark.django_db

# The dashboard tests' day and programme.
frozen, project, programme = base.frozen, base.project, base.programme


def figures(client, user) -> dict:
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    panel = next(p for p in response.context["panels"] if p["key"] == LEAD_INDICATORS)
    return {"panel": panel, "stats": {stat["key"]: stat for stat in panel["stats"]}}


@pytest.mark.parametrize("persona", ["lead", "viewer", "outsider"])
def test_the_number_is_the_dashboards_cell_it_links_to(client, personas, programme, persona):
    stats = figures(client, personas[persona])["stats"]
    participants = stats["participants"]
    assert participants["url"].endswith("/staff/reporting/?period=this-year")
    page = open_dashboard(client, personas[persona], period="this-year")
    assert str(participants["count"]) == cells(page, "esf-outputs", "EECO01")[-1]
    assert {"lead": 12, "viewer": 15, "outsider": 3}[persona] == participants["count"]


def test_a_small_count_is_the_mark_with_its_explanation(client, personas, home_org, project):
    base.take_part(project, home_org)
    enter(home_org, project, personas["counsellor"], 2, "w", date(2026, 2, 2))
    shown = figures(client, personas["lead"])
    assert shown["stats"]["participants"]["count"] is None
    assert shown["panel"]["hidden_note"]
    assert not shown["panel"]["empty"]
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert '<span class="stat-number">•</span>' in html


def test_an_empty_year_says_so(client, personas, project):
    shown = figures(client, personas["viewer"])
    assert shown["stats"]["participants"]["count"] == 0
    assert shown["panel"]["empty"]


@pytest.mark.parametrize("persona", ["counsellor", "coordinator", "advisor", "admin"])
def test_other_roles_see_no_programme_figures(client, personas, programme, persona):
    client.force_login(personas[persona])
    response = client.get(reverse("accounts:dashboard"))
    assert LEAD_INDICATORS not in [panel["key"] for panel in response.context["panels"]]


def test_the_menu_leads_readers_to_the_dashboard(client, personas, programme):
    for persona, shown in (("lead", True), ("viewer", True), ("counsellor", False)):
        client.force_login(personas[persona])
        html = client.get(reverse("accounts:dashboard")).content.decode()
        assert (f'href="{reverse("reporting:dashboard")}"' in html) is shown, persona
