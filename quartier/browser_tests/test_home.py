"""The public home page in a real browser: languages, direction, layout, accessibility."""

import pytest
from django.conf import settings

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"


@pytest.fixture(autouse=True)
def leipzig(live_server):
    """Every page is looked at with real content: the Leipzig site pack."""
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)


def stylesheet_loaded(page) -> bool:
    return page.evaluate(
        """() => [...document.styleSheets].some(
            (sheet) => sheet.href && sheet.href.includes("quartier.css")
                && sheet.cssRules.length > 0)"""
    )


@pytest.mark.parametrize(("language", "direction"), [("de", "ltr"), ("ar", "rtl")])
def test_language_and_direction(page, language, direction):
    page.goto(f"/{language}/")
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction
    assert stylesheet_loaded(page), "quartier.css did not load"
    assert page.broken_requests == []
    if language == "ar":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "home-ar.png", full_page=True)


def test_language_switcher(page):
    page.goto("/ar/")
    links = page.locator("nav.languages a")
    assert links.count() == len(settings.LANGUAGES) == 7
    links.get_by_text("English", exact=True).click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_contact_points_from_site_pack(page, language):
    page.goto(f"/{language}/")
    cards = page.locator(".card")
    assert cards.count() == 4
    assert page.get_by_text("Torgauer Platz 1").first.is_visible()
    assert page.get_by_text("Konradstraße 64").first.is_visible()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_no_serious_accessibility_violations(page, language):
    page.goto(f"/{language}/")
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_no_horizontal_scrolling_at_360_px(new_page, language):
    page = new_page(width=360, height=740)
    page.goto(f"/{language}/")
    assert stylesheet_loaded(page), "quartier.css did not load"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the page is {scroll_width} px wide on a 360 px screen"
