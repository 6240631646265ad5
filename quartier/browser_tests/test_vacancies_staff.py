"""The advisor's pages in a real browser: follow-ups, a founder, a vacancy's requirements."""

import pytest
from django.conf import settings

from quartier.browser_tests.conftest import axe_violations, describe_violations
from quartier.demo.logins import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"


@pytest.fixture(autouse=True)
def advice(live_server):
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


# Both screens share one test: building the businesses takes longer than the pages.
def test_the_advisors_pages_are_accessible_and_fit(new_page):
    from django_scopes import scopes_disabled

    from quartier.economy.models import Founder, Vacancy

    with scopes_disabled():
        founder = Founder.objects.order_by("pk").first()
        vacancy = Vacancy.objects.order_by("pk").first()
    for language, width in [("ar", 360), ("de", 1280)]:
        page = new_page(width=width, height=800)
        page.goto(f"/{language}/staff/login/")
        page.fill('input[name="username"]', "wirtschaft@quartier.example")
        page.fill('input[name="password"]', DEMO_PASSWORD)
        page.locator('main button[type="submit"]').click()
        page.wait_for_load_state()
        for path in (
            "follow-ups/",
            "consultations/",
            f"founders/{founder.public_id}/",
            f"vacancies/{vacancy.public_id}/",
            f"vacancies/{vacancy.public_id}/requirements/",
            "vacancies/new/",
        ):
            page.goto(f"/{language}/staff/economy/{path}")
            assert page.locator("h1").count() == 1, path
            violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
            assert not violations, f"{path}: axe-core found:\n" + describe_violations(violations)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        assert page.broken_requests == []
