"""The public business directory in a real browser: axe, 360 px wide, right to left."""

import pytest
from django.conf import settings

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"


@pytest.fixture(autouse=True)
def businesses(live_server):
    from quartier.demo.businesses import create_demo_businesses
    from quartier.demo.logins import create_demo_logins
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    create_demo_logins()
    create_demo_businesses()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_directory_is_accessible_and_fits_a_narrow_screen(new_page, language):
    page = new_page(width=360, height=740)
    page.goto(f"/{language}/economy/businesses/")
    assert page.locator("ul.directory li.card").count() > 5
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"
    page.select_option("#id_sector", "gastronomy")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**sector=gastronomy**")
    assert page.locator("ul.directory li.card").count() >= 1
    assert page.broken_requests == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"business-directory-{language}.png", full_page=True)
