"""The public vacancy pages in a real browser: axe, 360 px wide, right to left."""

import pytest
from django.conf import settings

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"


@pytest.fixture(autouse=True)
def vacancies(live_server):
    from django_scopes import scopes_disabled

    from quartier.demo.advice import create_demo_advice
    from quartier.demo.businesses import create_demo_businesses
    from quartier.demo.logins import create_demo_logins
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    create_demo_logins()
    with scopes_disabled():
        create_demo_businesses()
        create_demo_advice([])


def no_overflow(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


# The languages share one test: building the businesses takes longer than the pages.
def test_the_vacancies_are_accessible_and_fit_a_narrow_screen(new_page):
    for language in ["de", "ar", "uk"]:
        page = new_page(width=360, height=740)
        page.goto(f"/{language}/economy/vacancies/")
        assert page.locator("ul.vacancies li.card").count() > 5
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)
        no_overflow(page)
        page.select_option("#id_kind", "apprenticeship")
        page.locator("form.filters button[type=submit]").click()
        page.wait_for_url("**kind=apprenticeship**")
        assert page.locator("ul.vacancies li.card").count() >= 1
        page.locator("ul.vacancies li.card h3 a").first.click()
        page.wait_for_url("**/economy/vacancies/*-*/")
        violations = axe_violations(page)
        assert violations == [], describe_violations(violations)
        no_overflow(page)
        assert page.broken_requests == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"vacancy-{language}.png", full_page=True)
