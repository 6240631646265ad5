"""A resident registers for a neighbourhood table in Vietnamese in a real browser, no account."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"
TITLE_VI = "Bàn hàng xóm tại Lerneck"


@pytest.fixture(autouse=True)
def table(live_server):
    """The Leipzig pack and a published neighbourhood table at the Lerneck next week."""
    from datetime import timedelta

    from django.utils import timezone

    from quartier.accounts.models import Organisation, User
    from quartier.learning.offers.services import add_date, create_offer
    from quartier.places.models import ContactPoint
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    coordinator = User.objects.create_user("lerneck@example.org", "x" * 20)
    offer = create_offer(
        Organisation.objects.get(slug="daa-leipzig"),
        coordinator,
        kind="table",
        title={"de": "Nachbarschaftstisch im Lerneck", "vi": TITLE_VI},
        description={"de": "Zusammen kochen.", "vi": "Cùng nhau nấu ăn và nói tiếng Đức."},
        audience="residents",
        contact_point=ContactPoint.objects.get(slug="lerneck"),
        capacity=12,
        languages=["de", "vi"],
        published=True,
    )
    start = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0)
    for week in (1, 2):
        add_date(
            offer,
            coordinator,
            start + timedelta(weeks=week),
            start + timedelta(weeks=week, hours=2),
        )
    return offer


def test_a_resident_registers_in_vietnamese_and_gets_the_mail_in_vietnamese(page, table):
    from quartier.learning.models import Registration

    page.goto("/vi/learn/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_role("link", name=TITLE_VI).click()
    page.wait_for_url(f"**/vi/learn/offers/{table.code}/")
    assert page.get_by_text("Cùng nhau nấu ăn").is_visible()
    page.locator("#id_name").fill("Nguyễn Thị Mai")
    page.locator("#id_email").fill("mai@example.org")
    assert page.locator("#id_language").input_value() == "vi"
    page.locator("#id_privacy").check()
    page.locator("form.offer-registration button[type=submit]").click()
    page.wait_for_url(f"**/vi/learn/offers/{table.code}/")
    assert page.locator(".message.success").is_visible()
    assert page.broken_requests == []

    registration = Registration.objects.with_scopes_disabled().get()
    assert (registration.name, registration.language, registration.status) == (
        "Nguyễn Thị Mai",
        "vi",
        "confirmed",
    )
    [message] = mail.outbox
    assert message.to == ["mai@example.org"]
    assert message.extra_headers["Content-Language"] == "vi"
    assert TITLE_VI in message.subject
    assert f"/vi/learn/registrations/{registration.code}/" in message.body
    assert message.alternatives[0][0].startswith('<!doctype html>\n<html lang="vi"')
    assert "SUMMARY:" + TITLE_VI in message.attachments[0][1]
    # The mail's own words are Vietnamese, not only the offer's title.
    greeting = "Hello %(name)s,"
    with translation.override("vi"):
        translated = translation.gettext(greeting)
    assert translated != greeting
    assert translated % {"name": "Nguyễn Thị Mai"} in message.body
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "offer-registration-vi.png", full_page=True)


@pytest.mark.parametrize("where", ["calendar", "offer"])
def test_the_offer_pages_have_no_serious_accessibility_violations(page, table, where):
    page.goto("/vi/learn/" if where == "calendar" else f"/vi/learn/offers/{table.code}/")
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)


@pytest.mark.parametrize("where", ["calendar", "offer"])
def test_the_offer_pages_fit_a_360_px_phone(new_page, table, where):
    page = new_page(width=360, height=740)
    page.goto("/ar/learn/" if where == "calendar" else f"/ar/learn/offers/{table.code}/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the page is {scroll_width} px wide on a 360 px screen"
