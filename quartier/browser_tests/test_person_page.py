"""The person page as a hub in a real browser: German and Arabic, desktop and phone.

No sideways scrolling (the consent table scrolls inside itself), the buttons wrap,
no serious axe-core finding; a screenshot of each under ``var/screenshots/``.
"""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations
from quartier.demo.logins import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SITE_PACK = settings.PROJECT_DIR / "sitepacks" / "leipzig-ost.toml"
COUNSELLOR = "beratung@quartier.example"
# What sticks out of the screen, for the failure message.
WIDE = """() => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
  .slice(0, 8).map((e) => `${e.tagName}.${e.className}`)"""


@pytest.fixture
def amal(live_server):
    from quartier.accounts.models import Organisation, User
    from quartier.competences.profile.languages import add_language
    from quartier.competences.profile.qualifications import add_qualification
    from quartier.counselling.cases import open_case
    from quartier.counselling.contacts import add_contact
    from quartier.counselling.goals import add_goal
    from quartier.demo.logins import create_demo_logins
    from quartier.people.consent import record_consent
    from quartier.people.entry import change_entry_data
    from quartier.people.intake import take_in
    from quartier.people.models import Project, Purpose
    from quartier.places.sitepack import load_site_pack

    load_site_pack(SITE_PACK)
    create_demo_logins()
    today = timezone.localdate()
    counsellor = User.objects.get(email=COUNSELLOR)
    with scopes_disabled():
        project = Project.objects.create(
            slug="arbeit-im-quartier",
            name="Arbeit im Quartier",
            starts_on=date(2025, 1, 1),
            ends_on=today + timedelta(days=365),
            retention_until=today + timedelta(days=365 * 6),
        )
        person = take_in(
            Organisation.objects.get(slug="dialog"),
            project,
            counsellor,
            today - timedelta(days=40),
            given_name="أمل",
            family_name="حداد",
            name_latin="Amal Haddad",
            phone="0341 555 123",
            preferred_language="ar",
        )
        for purpose in (Purpose.ESF_NOTICE, Purpose.COUNSELLING, Purpose.HANDOVER):
            if purpose == Purpose.HANDOVER:
                other = Organisation.objects.exclude(pk=person.organisation_id).first()
                record_consent(person, purpose, "ar", counsellor, recipient=other)
            else:
                record_consent(person, purpose, "ar", counsellor)
        change_entry_data(
            person,
            counsellor,
            employment_status="unemployed",
            unemployed_since=today - timedelta(days=400),
            isced="3",
        )
        case = open_case(person, counsellor, opened_on=today - timedelta(days=30))
        add_goal(case, counsellor, kind="recognition")
        add_contact(
            case,
            counsellor,
            date=today - timedelta(days=10),
            duration_minutes=45,
            channel="person",
            language="ar",
            interpreter=True,
            next_step="Zeugnisse zur Anerkennungsberatung mitbringen",
            next_step_due=today - timedelta(days=2),
        )
        add_qualification(
            person, counsellor, title_original="دبلوم فني في فنون الطهي", country="SY"
        )
        add_language(person, counsellor, language="ar", speaking="C2")
    return person


def test_the_person_page_fits_on_a_phone_in_german_and_arabic(new_page, amal):
    for language in ("de", "ar"):
        for width in (1366, 360):
            page = new_page(width=width, height=900)
            page.set_default_timeout(120_000)  # a busy machine renders slowly
            page.goto(f"/{language}/staff/login/")
            page.fill('input[name="username"]', COUNSELLOR)
            page.fill('input[name="password"]', DEMO_PASSWORD)
            page.locator('main button[type="submit"]').click()
            page.wait_for_load_state()
            page.goto(f"/{language}/staff/people/{amal.public_id}/")
            assert page.locator("h1").count() == 1
            assert page.locator(".person-actions .button").count() >= 4
            assert page.locator(".person-cases .badge.danger").count() == 1
            violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
            assert not violations, describe_violations(violations)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"person-{language}-{width}.png", full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (
                language,
                width,
                page.evaluate(WIDE),
            )
            assert page.broken_requests == []
            assert page.csp_violations == []
