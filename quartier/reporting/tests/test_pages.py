"""The reporting pages as a user finds them: in the menu and on the dashboard for whom
their views allow, the incomplete records page by page, targets for the success
measures beside the actual figures.

On Monday 15 June 2026 (``conftest.frozen_today``)."""

from datetime import date

import pytest
from django.urls import reverse

from quartier.accounts.access import view_access
from quartier.accounts.models import AuditEntry
from quartier.accounts.navigation import items_for
from quartier.demo.programme import DEMO_TARGETS
from quartier.people.intake import take_in
from quartier.reporting import views
from quartier.reporting.models import Target
from quartier.reporting.navigation import PAGES
from quartier.reporting.targets import TARGET_LABELS
from quartier.reporting.tests.test_dashboard import enter
from quartier.tests.pagination import walk

pytestmark = pytest.mark.django_db

REPORTING_PAGES = {url_name for url_name, _label, _access in PAGES}


def reporting_menu(user) -> list[str]:
    return [item["url_name"] for item in items_for(user) if item["url_name"] in REPORTING_PAGES]


def test_every_menu_entry_is_shown_by_its_views_own_rule():
    for url_name, _label, access in PAGES:
        assert access == view_access(url_name), url_name


def test_each_role_finds_the_reporting_pages_it_may_open_in_the_menu(personas):
    assert reporting_menu(personas["lead"]) == [
        "reporting:dashboard",
        "reporting:targets",
        "reporting:incomplete",
        "reporting:measure-list",
        "reporting:funder-records",
        "reporting:period-report",
    ]
    assert reporting_menu(personas["viewer"]) == [
        "reporting:dashboard",
        "reporting:measure-list",
        "reporting:period-report",
    ]
    assert reporting_menu(personas["counsellor"]) == ["reporting:incomplete"]
    for persona in ("advisor", "coordinator", "admin", "employer", "resident"):
        assert reporting_menu(personas[persona]) == [], persona


def test_the_dashboard_links_the_other_pages_one_click_away(client, personas, project):
    client.force_login(personas["lead"])
    page = client.get("/de/staff/reporting/").content.decode()
    for url_name in REPORTING_PAGES - {"reporting:dashboard"}:
        assert f'class="button secondary" href="{reverse(url_name)}"' in page, url_name
    client.force_login(personas["viewer"])
    page = client.get("/de/staff/reporting/").content.decode()
    assert f'href="{reverse("reporting:period-report")}"' in page
    for url_name in ("reporting:targets", "reporting:funder-records", "reporting:incomplete"):
        assert f'href="{reverse(url_name)}"' not in page, url_name


def test_the_dashboard_names_the_phase_once_and_links_every_section(client, personas, project):
    client.force_login(personas["lead"])
    page = client.get("/de/staff/reporting/", {"period": "phase"}).content.decode()
    scope = page.split('<p class="report-scope">')[1].split("</p>")[0]
    assert scope.count("01.01.2025") == 1 and scope.count("31.12.2027") == 1
    for section in ("over-time", "esf-outputs", "esf-results", "measures", "learning"):
        assert f'href="#section-{section}"' in page, section
        assert f'id="section-{section}"' in page, section
    # The results upon leaving and six months after are in the results section.
    results = page.split('id="section-esf-results"')[1].split('id="section-measures"')[0]
    assert 'id="esf-results"' in results and 'id="esf-longer-term"' in results
    # A measure's table leads to its definition; nothing leads to a person.
    assert reverse("reporting:measure-definition", args=["new-settlements"]) in page
    main = page.split("<main")[1].split("</main>")[0]
    assert "/staff/people/" not in main and "/entry-data/" not in main


@pytest.fixture
def incomplete(project, home_org, personas):
    """Five people at home whose entry data is open, one a day from 1 June."""
    people = []
    for number in range(5):
        people.append(
            take_in(
                home_org,
                project,
                personas["counsellor"],
                date(2026, 6, 1 + number),
                given_name=f"Offen{number}",
                family_name="Eintrag",
            )
        )
    return people


def test_the_incomplete_records_are_paged_soonest_deadline_first(
    client, personas, incomplete, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client.force_login(personas["counsellor"])

    def names(response) -> list[str]:
        return [record.participant.given_name for record in response.context["records"]]

    forward, backward = walk(client, reverse("reporting:incomplete"), {}, names)
    assert forward == [["Offen0", "Offen1"], ["Offen2", "Offen3"], ["Offen4"]]
    assert backward == forward[::-1]
    first = client.get(reverse("reporting:incomplete"))
    assert first.context["page"].count == 5
    # Each page's audit entry names the people shown on it, no more.
    entry = (
        AuditEntry.objects.with_scopes_disabled()
        .filter(code="reporting.incomplete.listed")
        .latest("pk")
    )
    assert len(entry.data["people"]) == 2


def test_a_page_of_incomplete_records_costs_the_same_whatever_their_number(
    client, personas, project, home_org, django_assert_num_queries
):
    client.force_login(personas["counsellor"])
    url = reverse("reporting:incomplete")
    # 1 session, 2 user, 3 memberships, 4 the projects taking part, 5 the page of people
    # with their entry data, 6 the bounded count, 7 the audit entry.
    with django_assert_num_queries(7):
        client.get(url)
    for number in range(4):
        take_in(
            home_org,
            project,
            personas["counsellor"],
            date(2026, 6, 1),
            given_name=f"Neu{number}",
            family_name="Eintrag",
        )
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["records"]) == 4


def test_the_lead_sets_targets_for_success_measures_and_sees_the_share_reached(
    client, personas, project, home_org
):
    enter(home_org, project, personas["counsellor"], 4, "w", date(2026, 3, 2))
    client.force_login(personas["lead"])
    url = reverse("reporting:targets") + "?project=arbeit-im-quartier&period=2026"
    page = client.get(url).content.decode()
    assert 'name="new-settlements.settlements"' in page
    assert 'name="counselling-towards-work.counselled"' in page
    # Shares follow from two counts: no target of their own.
    assert 'name="qualified-applicants.qualified-share"' not in page
    response = client.post(
        url, {"EECO01": "8", "competences-identified.skills": "10", "new-jobs.filled": ""}
    )
    assert response.status_code == 302
    assert sorted(Target.objects.values_list("code", "value")) == [
        ("EECO01", 8),
        ("competences-identified.skills", 10),
    ]
    page = client.get(url)
    groups = dict(page.context["groups"])
    rows = {field.name: row for fields in groups.values() for field, row in fields}
    assert rows["EECO01"].actual == "4"
    assert rows["EECO01"].reached.startswith("50")
    assert rows["competences-identified.skills"].target == 10
    assert rows["competences-identified.skills"].reached.startswith("0")
    # The dashboard shows the measure's target beside its figure.
    dashboard = client.get(reverse("reporting:dashboard"), {"period": "2026"})
    shown = next(
        table
        for section in dashboard.context["sections"]
        for table in section.tables
        if table.key == "competences-identified"
    )
    assert shown.has_targets
    skills = next(row for row in shown.rows if row.code == "skills")
    assert skills.target == 10


def test_every_target_code_fits_its_column():
    longest = max(TARGET_LABELS, key=len)
    assert len(longest) <= Target._meta.get_field("code").max_length, longest


def test_the_demo_targets_name_codes_a_target_may_be_set_for():
    assert set(DEMO_TARGETS) <= set(TARGET_LABELS)


@pytest.mark.parametrize("value", ["zehn", "-1", "2.5", "99999999"])
def test_a_bad_target_is_explained_and_nothing_is_saved(client, personas, project, value):
    client.force_login(personas["lead"])
    url = reverse("reporting:targets") + "?project=arbeit-im-quartier&period=2026"
    response = client.post(url, {"EECO01": "300", "new-settlements.settlements": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<div class="notice error" role="alert">' in page
    assert response.context["form"].errors.keys() == {"new-settlements.settlements"}
    assert Target.objects.count() == 0
