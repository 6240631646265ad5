"""The cooperation network and the premises overview in a real browser: axe, 360 px, Arabic."""

import pytest
from django.conf import settings

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations
from quartier.conftest import PASSWORD

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"


@pytest.fixture
def demo_network(transactional_db, personas):
    from quartier.demo.businesses import create_demo_businesses
    from quartier.demo.logins import create_demo_logins
    from quartier.demo.network import create_demo_network
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    create_demo_logins()
    create_demo_businesses()
    create_demo_network()


def sign_in(page, language: str) -> None:
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', "advisor@example.org")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_load_state()


# One test for both pages and screens: building the network takes longer than the pages.
def test_network_and_premises_pages_are_accessible_and_fit(demo_network, new_page):
    for language, width in [("ar", 360), ("de", 1280)]:
        page = new_page(width=width, height=800)
        sign_in(page, language)
        for path in ["network/", "premises/"]:
            page.goto(f"/{language}/staff/economy/{path}")
            assert page.locator("h1").count() == 1
            if path == "network/":
                assert page.locator("svg.network a.node").count() > 10
                assert (
                    page.locator("table.network-table tbody tr").count()
                    == page.locator("svg.network .edge").count()
                )
            else:
                assert page.locator("section.house").count() == 15
            violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
            assert not violations, f"{path}: axe-core found:\n" + describe_violations(violations)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = path.strip("/")
            page.screenshot(
                path=str(SCREENSHOTS / f"economy-{name}-{language}.png"), full_page=True
            )
        assert page.broken_requests == []
