"""The consent sheet in a real browser: several purposes and the notice in one go."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations
from quartier.browser_tests.test_searchable_selects import PASSWORD, counsellor  # noqa: F401
from quartier.people.intake import take_in
from quartier.people.models import Consent, Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def person(counsellor):  # noqa: F811
    with scopes_disabled():
        return take_in(
            counsellor.memberships.get().organisation,
            Project.objects.get(),
            counsellor,
            date(2026, 3, 2),
            given_name="رامي",
            family_name="حداد",
            name_latin="Rami Haddad",
            preferred_language="ar",
        )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_sheet_records_the_notice_and_three_consents_in_one_post(new_page, person, language):
    page = new_page(width=360)
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', "counsellor@example.org")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_url("**/staff/")
    page.goto(f"/{language}/staff/people/{person.public_id}/consents/new/")
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, describe_violations(serious)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.check('input[name="notice"]')
    for purpose in ("counselling", "photos", "surveys"):
        page.check(f'input[name="purpose"][value="{purpose}"]')
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"consent-sheet-{language}.png", full_page=True)
    page.locator('main form.stacked button[type="submit"]').click()
    page.wait_for_url(f"**/staff/people/{person.public_id}/")
    with scopes_disabled():
        saved = sorted(Consent.objects.values_list("purpose", "language"))
    assert saved == [
        ("counselling", "ar"),
        ("esf_notice", "ar"),
        ("photos", "ar"),
        ("surveys", "ar"),
    ]
    assert page.csp_violations == [] and page.broken_requests == []
