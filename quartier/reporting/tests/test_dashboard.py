"""The dashboards: what a project lead and a reporting viewer see, disclosed, with charts
beside the tables, targets beside the actuals, and the same cost whatever the data.

On Wednesday 17 June 2026; people enter the project in the spring of 2026."""

import xml.etree.ElementTree as ET
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.people.entry import change_entry_data
from quartier.people.intake import take_in
from quartier.people.models import Participant, Project
from quartier.places.models import Quarter
from quartier.reporting.models import Target

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 17, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def project(db) -> Project:
    return Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )


def take_part(project: Project, *organisations) -> None:
    """The organisations take part in the project (``Project.organisations``, which a
    reporting viewer's scope follows)."""
    project.organisations.add(*organisations)


def enter(organisation, project, by, count: int, gender: str, day: date, prefix: str = "P"):
    """``count`` people taken in on ``day`` with complete entry data (inactive, ISCED 3–4),
    so that they count as participants."""
    people = []
    with scopes_disabled():
        for number in range(count):
            person = take_in(
                organisation,
                project,
                by,
                day,
                given_name=f"{prefix}{gender}{number}",
                family_name="Geheimname",
                gender=gender,
            )
            change_entry_data(person, by, employment_status="inactive", isced="3-4")
            people.append(person)
    return people


@pytest.fixture
def programme(personas, home_org, other_org, project):
    """At home: 5 women and 4 men in March and April, 3 non-binary people in May.
    Elsewhere: 3 women in March. No count is small yet (the tests add the small ones)."""
    take_part(project, home_org, other_org)
    counsellor = personas["counsellor"]
    enter(home_org, project, counsellor, 3, "w", date(2026, 3, 2))
    enter(home_org, project, counsellor, 2, "w", date(2026, 4, 7))
    enter(home_org, project, counsellor, 4, "m", date(2026, 4, 8))
    enter(home_org, project, counsellor, 3, "d", date(2026, 5, 11))
    enter(other_org, project, personas["outsider"], 3, "w", date(2026, 3, 3), prefix="Q")
    return project


def dashboard_url(language: str = "en", **query) -> str:
    with translation.override(language):
        path = reverse("reporting:dashboard")
    if not query:
        return path
    return path + "?" + "&".join(f"{key}={value}" for key, value in query.items())


def open_dashboard(client, user, language: str = "en", **query):
    client.force_login(user)
    response = client.get(dashboard_url(language, **query))
    assert response.status_code == 200
    return response


def table(response, key: str):
    return next(t for s in response.context["sections"] for t in s.tables if t.key == key)


def cells(response, key: str, code: str) -> list[str]:
    shown = table(response, key)
    return [cell.text for cell in next(row for row in shown.rows if row.code == code).cells]


def test_the_project_lead_sees_their_organisations_figures(client, personas, programme):
    response = open_dashboard(client, personas["lead"], period="2026")
    # Women, men, non-binary, no answer, total.
    assert cells(response, "esf-outputs", "EECO01") == ["5", "4", "3", "0", "12"]


def test_the_reporting_viewer_sees_every_organisation_of_the_project(client, personas, programme):
    response = open_dashboard(client, personas["viewer"], period="2026")
    assert cells(response, "esf-outputs", "EECO01") == ["8", "4", "3", "0", "15"]


def test_another_project_lead_sees_only_their_own(client, personas, programme):
    response = open_dashboard(client, personas["outsider"], period="2026")
    assert cells(response, "esf-outputs", "EECO01")[0:2] == ["3", "0"]


@pytest.mark.parametrize("persona", ["counsellor", "coordinator", "advisor", "admin", "employer"])
def test_other_roles_are_refused(client, personas, programme, persona):
    client.force_login(personas[persona])
    assert client.get(dashboard_url()).status_code == 403


def test_no_cell_links_to_a_person_and_no_name_is_shown(client, personas, programme):
    html = open_dashboard(client, personas["lead"], period="2026").content.decode()
    assert "Geheimname" not in html
    main = html[html.index("<main") : html.index("</main>")]
    assert "/staff/people/" not in main
    assert "<td><a" not in main and 'class="number"><a' not in main


def test_a_hidden_count_is_the_mark_in_the_table_and_a_gap_in_the_chart(
    client, personas, home_org, programme
):
    enter(home_org, programme, personas["counsellor"], 1, "x", date(2026, 5, 12))
    response = open_dashboard(client, personas["lead"], period="2026")
    # The one person who gave no answer: hidden, never shown as 1 nor as 0.
    assert cells(response, "esf-outputs", "EECO01")[3] == "•"
    trend = table(response, "new-by-month")
    may = next(row for row in trend.rows if row.code == "2026-05")
    assert may.cells[3].text == "•"
    assert trend.has_hidden
    html = response.content.decode()
    assert 'class="notice hidden-note"' in html
    assert 'class="number hidden-value">•</td>' in html
    chart = ET.fromstring(str(trend.chart))
    assert chart.get("role") == "img"
    marks = [t for t in chart.iter(f"{SVG}text") if t.get("class") == "hidden"]
    assert marks, "the hidden May figure is marked in the chart"


def test_every_table_has_a_chart_beside_it_and_charts_hold_no_script(client, personas, programme):
    response = open_dashboard(client, personas["lead"], period="2026")
    tables = [t for s in response.context["sections"] for t in s.tables]
    assert {t.key for t in tables} >= {"new-by-month", "esf-outputs", "esf-results"}
    html = response.content.decode()
    for shown in tables:
        if not shown.chart:
            continue
        root = ET.fromstring(str(shown.chart))
        labelled = root.get("aria-labelledby").split()
        assert [root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")] == labelled
        assert not list(root.iter(f"{SVG}script"))
        assert f'id="table-{shown.key}"' in html
    assert "<script" not in html[html.index("<main") : html.index("</main>")]


def test_in_arabic_the_charts_run_from_the_right(client, personas, programme):
    response = open_dashboard(client, personas["lead"], "ar", period="2026")
    trend = ET.fromstring(str(table(response, "new-by-month").chart))
    assert trend.get("direction") == "rtl"
    months = [float(t.get("x")) for t in trend.iter(f"{SVG}text") if t.get("class") == "category"]
    assert months == sorted(months, reverse=True)


def test_targets_stand_beside_the_actuals_with_the_share_reached(client, personas, programme):
    Target.objects.create(project=programme, code="EECO01", period_key="2026", value=20)
    response = open_dashboard(client, personas["viewer"], period="2026")
    row = next(r for r in table(response, "esf-outputs").rows if r.code == "EECO01")
    assert row.target == 20
    assert row.cells[-1].text == "15"
    assert row.reached == "75%"
    # The project's target is not one organisation's.
    response = open_dashboard(
        client,
        personas["viewer"],
        period="2026",
        organisation=personas["lead"].memberships.get().organisation_id,
    )
    assert not table(response, "esf-outputs").has_targets


def test_the_filters_narrow_to_one_organisation_and_one_quarter(
    client, personas, home_org, other_org, programme
):
    osten = Quarter.objects.create(slug="osten", name="Osten")
    with scopes_disabled():
        Participant.objects.filter(given_name__startswith="Pw").update(quarter=osten)
    response = open_dashboard(
        client, personas["viewer"], period="2026", organisation=home_org.pk, quarter="osten"
    )
    # The five women at home in the quarter, nobody else.
    assert cells(response, "esf-outputs", "EECO01") == ["5", "0", "0", "0", "5"]
    assert cells(response, "new-by-month", "2026-04")[0] == "•"  # 2 women in April
    assert cells(response, "new-by-month", "2026-04")[1] == "0"  # the men live elsewhere
    response = open_dashboard(
        client, personas["viewer"], period="2026", organisation=other_org.pk, quarter="osten"
    )
    assert cells(response, "new-by-month", "2026-03")[0] == "0"


def test_an_organisation_outside_the_scope_cannot_be_chosen(client, personas, other_org, programme):
    response = open_dashboard(client, personas["lead"], period="2026", organisation=other_org.pk)
    assert response.context["sections"] == []
    assert "organisation" in response.context["form"].errors


def test_a_range_of_days_and_a_bad_period(client, personas, programme):
    response = open_dashboard(
        client, personas["lead"], period="custom", start="2026-03-01", end="2026-03-31"
    )
    assert [row.code for row in table(response, "new-by-month").rows] == ["2026-03", "all"]
    assert cells(response, "new-by-month", "2026-03") == ["3", "0", "0", "0", "3"]
    response = open_dashboard(client, personas["lead"], period="2026-Q9")
    assert response.context["sections"] == []
    assert "is not a period" in response.content.decode()


def test_the_period_picker_offers_the_relative_periods_quarters_and_the_phase(
    client, personas, programme
):
    form = open_dashboard(client, personas["lead"]).context["form"]
    keys = [key for key, _label in form.fields["period"].choices]
    assert keys[0] == "last-12-months"
    assert {"this-year", "2026-Q2", "2025-H2", "phase", "custom"} <= set(keys)


def test_several_projects_get_a_project_picker(client, personas, home_org, programme):
    assert open_dashboard(client, personas["lead"]).context["form"]["project"].is_hidden
    second = Project.objects.create(
        slug="zweites",
        name="Zweites Projekt",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        retention_until=date(2030, 12, 31),
    )
    take_part(second, home_org)
    form = open_dashboard(client, personas["lead"]).context["form"]
    assert not form["project"].is_hidden


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_whatever_the_period_or_the_data(
    client, personas, home_org, project
):
    take_part(project, home_org)
    client.force_login(personas["lead"])
    month, phase = dashboard_url(period="2026-03"), dashboard_url(period="phase")
    empty = queries_for(client, month)
    assert queries_for(client, phase) == empty
    enter(home_org, project, personas["counsellor"], 12, "w", date(2026, 3, 2))
    enter(home_org, project, personas["counsellor"], 7, "m", date(2025, 11, 2))
    assert queries_for(client, month) == empty
    assert queries_for(client, phase) == empty
