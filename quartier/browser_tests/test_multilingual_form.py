"""The offer form's per-language inputs in a real browser, in German and Arabic, wide and narrow."""

import pytest

from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
TITLE_AR = "البستنة في الحي"


@pytest.fixture(autouse=True)
def coordinator(live_server):
    from quartier.accounts.models import Organisation, OrganisationKind, Role
    from quartier.conftest import make_user

    organisation = Organisation.objects.create(
        slug="lerneck", name="Lerneck", kind=OrganisationKind.PROVIDER
    )
    return make_user("lerneck@example.org", Role.LEARNING_COORDINATOR, organisation)


def log_in(page, language: str) -> None:
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', "lerneck@example.org")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_load_state()


@pytest.mark.parametrize(("language", "width"), [("de", 1366), ("ar", 360)])
def test_the_offer_form_has_one_labelled_input_per_language_and_fits(new_page, language, width):
    from quartier.learning.models import Offer

    page = new_page(width=width, height=800)
    log_in(page, language)
    page.goto(f"/{language}/staff/learning/offers/new/")
    arabic = page.locator("#id_title_ar")
    assert (arabic.get_attribute("lang"), arabic.get_attribute("dir")) == ("ar", "rtl")
    german = page.locator("#id_title_de")
    assert (german.get_attribute("lang"), german.get_attribute("dir")) == ("de", "ltr")
    assert german.get_attribute("required") is not None
    # Each input is reachable by its label, which names the language in the page's language.
    label = {"de": "Arabisch", "ar": "العربية"}[language]
    assert page.get_by_role("group", name={"de": "Titel:", "ar": "العنوان:"}[language]).is_visible()
    assert page.get_by_label(label, exact=True).first.get_attribute("name") == "title_ar"
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Without the German title the form comes back with the message and the Arabic text kept.
    page.locator('select[name="kind"]').select_option("taster")
    page.locator('input[name="online_url"]').fill("https://meet.example.org/garden")
    page.locator('input[name="languages"][value="ar"]').check()
    arabic.fill(TITLE_AR)
    page.locator('main button[type="submit"]').click()
    page.wait_for_load_state()
    assert page.locator("#id_title_de").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_title_ar").get_attribute("aria-invalid") is None
    assert page.locator("#id_title_ar").input_value() == TITLE_AR
    assert not Offer.objects.exists()
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"multilingual-form-{language}-{width}.png", full_page=True)

    page.locator("#id_title_de").fill("Gärtnern im Quartier")
    page.locator('main button[type="submit"]').click()
    page.wait_for_load_state()
    assert Offer.objects.get().title == {"de": "Gärtnern im Quartier", "ar": TITLE_AR}
    assert page.broken_requests == []
