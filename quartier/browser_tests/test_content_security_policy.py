"""The Content-Security-Policy in a real browser: no page of ours trips it, in German or Arabic.

The policy forbids inline scripts, inline `<style>` and `style="…"` attributes. Chromium
reports each refusal on the console and as a `securitypolicyviolation` event; the
`new_page` fixture collects both into `page.csp_violations`. A style or script put back
inline anywhere on these pages makes this test fail.
"""

import pytest
from django.conf import settings

from quartier.demo.logins import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"
LANGUAGES = ["de", "ar"]


@pytest.fixture
def quarter(live_server):
    """The Leipzig pack, the demo logins, offers, a few participants and bookable slots."""
    from datetime import date, time

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from quartier.accounts.models import Organisation, User
    from quartier.demo.logins import create_demo_logins
    from quartier.demo.offers import create_demo_offers
    from quartier.demo.participants import generate_participants
    from quartier.learning.appointments.services import add_availability
    from quartier.people.models import Project
    from quartier.places.models import ContactPoint
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    create_demo_logins()
    counsellor = User.objects.get(email="beratung@quartier.example")
    coordinator = User.objects.get(email="lerneck@quartier.example")
    today = timezone.localdate()
    project = Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(today.year - 1, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
        retention_until=date(today.year + 6, 12, 31),
    )
    with scopes_disabled():
        generate_participants(5, [Organisation.objects.get(slug="dialog")], project, by=counsellor)
        create_demo_offers([], counsellor)
    for weekday in range(5):
        add_availability(
            coordinator,
            user=coordinator,
            contact_point=ContactPoint.objects.get(slug="lerneck"),
            weekday=weekday,
            starts=time(9),
            ends=time(17),
            valid_from=today,
        )


def visit(page, path: str, ready: str = "h1") -> None:
    """Open a page and wait until what it shows has been drawn."""
    page.goto(path)
    page.locator(ready).first.wait_for()
    page.wait_for_load_state("networkidle")


def sign_in(page, language: str, email: str) -> None:
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', email)
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_url("**/staff/")  # in the user's own language


def assert_clean(page, where: str) -> None:
    assert page.csp_violations == [], f"{where}: the policy refused:\n" + "\n".join(
        page.csp_violations
    )
    assert page.broken_requests == [], f"{where}: requests failed: {page.broken_requests}"


# One test per audience, each language in a fresh browser context: building the quarter
# takes longer than the pages, so it is built once for both languages.
def test_the_public_pages_keep_to_the_policy(new_page, quarter):
    for language in LANGUAGES:
        page = new_page()
        visit(page, f"/{language}/")
        visit(page, f"/{language}/learn/")  # the offer calendar
        visit(page, f"/{language}/learn/appointments/")
        visit(page, f"/{language}/learn/appointments/at/lerneck/", ready=".slot-list a")
        page.locator(".slot-list a").first.click()  # the booking form
        page.wait_for_url("**/book/?at=*")
        page.locator("#id_name").wait_for()
        assert page.locator("html").get_attribute("lang") == language
        assert_clean(page, language)


def test_the_staff_pages_keep_to_the_policy(new_page, quarter):
    for language in LANGUAGES:
        page = new_page()
        visit(page, f"/{language}/staff/login/")
        sign_in(page, language, "beratung@quartier.example")
        visit(page, f"/{language}/staff/people/")  # the participant list
        assert page.locator("tbody tr").count() == 5
        # An inline QR code.
        visit(page, f"/{language}/staff/settings/two-factor/", ready="svg.segno")
        assert_clean(page, language)


def test_the_api_docs_keep_to_the_policy(page, live_server):
    """Swagger UI, served from our static files, draws the operations of the API."""
    visit(page, "/api/v1/docs", ready=".swagger-ui .opblock")
    page.locator(".swagger-ui .opblock-summary").first.click()
    page.locator(".swagger-ui .opblock-body").first.wait_for()
    assert_clean(page, "API docs")


def test_the_admin_keeps_to_the_policy(page, live_server):
    """Operators sign in through the staff login; the admin's pages are Django's own."""
    from quartier.accounts.models import User
    from quartier.demo.logins import create_demo_logins
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    create_demo_logins()
    admin = User.objects.get(email="admin@quartier.example")
    sign_in(page, "de", admin.email)
    visit(page, "/ops/admin/")
    visit(page, "/ops/admin/accounts/user/", ready="#result_list")
    visit(page, "/ops/admin/accounts/user/add/", ready="#user_form")
    visit(page, f"/ops/admin/accounts/user/{admin.pk}/change/", ready="#user_form")
    assert_clean(page, "admin")
