"""The reporting pages in a real browser: German and Arabic, 1366 and 360 px wide.

Each page must pass axe-core without a serious or critical finding, fit its width (a
wide table scrolls inside itself), break no Content-Security-Policy rule (the charts are
inline SVG) and run right to left in Arabic, the dashboard's charts drawn from the
right. One test per family of pages, looping over languages and widths, so that the
records are made once. Screenshots go to
``var/screenshots/reporting-<page>-<language>-<width>.png``.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.accounts.models import Role
from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations
from quartier.conftest import make_user
from quartier.people.intake import take_in
from quartier.people.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCREENS = {1366: 768, 360: 740}
LANGUAGES = ("de", "ar")

# The pages besides the dashboard, by the name of their screenshot.
PAGES = {
    "targets": "/staff/reporting/targets/?project=arbeit-im-quartier&period=phase",
    "incomplete": "/staff/reporting/incomplete/",
    "measures": "/staff/reporting/measures/",
    "measure": "/staff/reporting/measures/counselling-towards-work/",
    "funder-records": "/staff/reporting/funder-records/",
    "period-report": "/staff/reporting/period-report/",
}


@pytest.fixture
def lead_session(home_org, other_org) -> str:
    """A project lead's session, with people who entered over the last months: most
    counts large enough to show, one person who gave no answer (hidden), whose entry
    data is not complete (so the list of incomplete records has a row)."""
    today = timezone.localdate()
    project = Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=today.replace(year=today.year - 1, month=1, day=1),
        ends_on=today.replace(year=today.year + 1, month=12, day=31),
        retention_until=today.replace(year=today.year + 5, month=12, day=31),
    )
    project.organisations.add(home_org, other_org)
    lead = make_user("lead@example.org", Role.PROJECT_LEAD, home_org)
    counsellor = make_user("counsellor@example.org", Role.COUNSELLOR, home_org)
    with scopes_disabled():
        for months_ago, gender, count in ((5, "w", 4), (4, "m", 3), (3, "w", 6), (2, "d", 3)):
            for number in range(count):
                take_in(
                    home_org,
                    project,
                    counsellor,
                    today - timedelta(days=30 * months_ago),
                    given_name=f"T{gender}{months_ago}{number}",
                    family_name="Test",
                    gender=gender,
                )
        take_in(home_org, project, counsellor, today - timedelta(days=40), given_name="X")
    client = Client()
    client.force_login(lead)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def open_page(new_page, live_server, session: str, language: str, width: int, path: str):
    page = new_page(width=width, height=SCREENS[width])
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page.goto(f"/{language}{path}")
    return page


def check(page, name: str, language: str, width: int) -> None:
    """One h1, no serious axe finding, no sideways scrolling, the language's direction,
    no broken request or policy violation; the screenshot saved."""
    where = f"{name} {language} {width}"
    assert page.locator("main h1").count() == 1, where
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, f"{where}: axe-core found:\n" + describe_violations(serious)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), where
    direction = page.evaluate("document.documentElement.dir")
    assert direction == ("rtl" if language == "ar" else "ltr"), where
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"reporting-{name}-{language}-{width}.png", full_page=True)
    assert page.csp_violations == [] and page.broken_requests == [], where


def test_the_dashboard_passes_axe_fits_and_runs_from_the_right_in_arabic(
    new_page, live_server, lead_session
):
    for language in LANGUAGES:
        for width in SCREENS:
            page = open_page(
                new_page, live_server, lead_session, language, width, "/staff/reporting/"
            )
            charts = page.locator("main svg.chart[role=img]")
            assert charts.count() >= 3
            # A hidden count is the mark in the table, never a number.
            assert page.locator("main td.hidden-value").count() >= 1
            direction = charts.first.get_attribute("direction")
            assert direction == ("rtl" if language == "ar" else "ltr")
            # Every chart has its table in the same figure group.
            assert page.locator("main .report-figures:has(svg.chart) table").count() == (
                charts.count()
            )
            check(page, "dashboard", language, width)
            page.context.close()


def test_the_other_reporting_pages_pass_axe_and_fit(new_page, live_server, lead_session):
    for name, path in PAGES.items():
        for language in LANGUAGES:
            for width in SCREENS:
                page = open_page(new_page, live_server, lead_session, language, width, path)
                check(page, name, language, width)
                page.context.close()
