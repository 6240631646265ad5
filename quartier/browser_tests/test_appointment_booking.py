"""A resident books an appointment at the Lerneck in Arabic in a real browser, no account."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(autouse=True)
def lerneck(live_server):
    """The Leipzig pack, and a coordinator of the Lerneck who takes appointments."""
    from datetime import time

    from django.utils import timezone

    from quartier.accounts.models import Membership, Organisation, Role, User
    from quartier.learning.appointments.services import add_availability
    from quartier.places.models import ContactPoint
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    point = ContactPoint.objects.get(slug="lerneck")
    user = User.objects.create_user("lerneck@example.org", "x" * 20)
    Membership.objects.create(
        user=user,
        organisation=Organisation.objects.get(slug="daa-leipzig"),
        role=Role.LEARNING_COORDINATOR,
    )
    for weekday, starts, ends in [(2, "10:00", "17:00"), (4, "10:00", "13:00")]:
        add_availability(
            user,
            user=user,
            contact_point=point,
            weekday=weekday,
            starts=time.fromisoformat(starts),
            ends=time.fromisoformat(ends),
            valid_from=timezone.localdate(),
        )
    return point


def first_slot(page):
    page.goto("/ar/learn/appointments/at/lerneck/")
    return page.locator(".slot-list a").first


def test_a_resident_books_in_arabic_and_gets_the_mail_in_arabic(page):
    from quartier.learning.models import Appointment

    page.goto("/ar/learn/appointments/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator('a[href="/ar/learn/appointments/at/lerneck/"]').click()
    page.wait_for_url("**/ar/learn/appointments/at/lerneck/")
    page.locator(".slot-list a").first.click()
    page.wait_for_url("**/book/?at=*")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#id_name").fill("أمل حداد")
    page.locator("#id_email").fill("amal@example.org")
    page.locator("#id_topic").fill("السيرة الذاتية")
    page.locator("button[type=submit]").last.click()
    page.wait_for_url("**/ar/learn/appointments/mine/*/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".appointment-status").is_visible()
    assert page.broken_requests == []

    appointment = Appointment.objects.with_scopes_disabled().get()
    assert appointment.language == "ar"
    assert appointment.name == "أمل حداد"
    [message] = mail.outbox
    assert message.to == ["amal@example.org"]
    assert message.extra_headers["Content-Language"] == "ar"
    assert 'dir="rtl"' in message.alternatives[0][0]
    assert f"/ar/learn/appointments/mine/{appointment.token}/" in message.body
    # The mail itself is in Arabic: subject and greeting in Arabic script.
    assert ARABIC.search(message.subject), message.subject
    with translation.override("ar"):
        assert translation.gettext("Your appointment at %(place)s") != (
            "Your appointment at %(place)s"
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "appointment-ar.png", full_page=True)


@pytest.mark.parametrize("step", ["slots", "form"])
def test_the_booking_pages_have_no_serious_accessibility_violations(page, step):
    slot = first_slot(page)
    if step == "form":
        slot.click()
        page.wait_for_url("**/book/?at=*")
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)


@pytest.mark.parametrize("step", ["slots", "form"])
def test_the_booking_pages_fit_a_360_px_phone(new_page, step):
    page = new_page(width=360, height=740)
    slot = first_slot(page)
    if step == "form":
        slot.click()
        page.wait_for_url("**/book/?at=*")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"the page is {scroll_width} px wide on a 360 px screen"
