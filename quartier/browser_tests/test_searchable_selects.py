"""Languages and citizenships at intake: found by typing, in any language, by keyboard."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations
from quartier.people.models import Participant, Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "correct horse battery"


@pytest.fixture
def counsellor():
    organisation = Organisation.objects.create(
        slug="beratung-ost", name="Beratung Ost", kind=OrganisationKind.COUNSELLING
    )
    user = User.objects.create_user("counsellor@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.COUNSELLOR)
    Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    return user


def open_intake(page, language: str) -> None:
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', "counsellor@example.org")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_url("**/staff/")
    page.goto(f"/{language}/staff/people/intake/")
    page.locator(".ts-wrapper").first.wait_for()


def choose(page, field: str, typed: str, shown: str) -> None:
    """Type into the field's search box and take the first match with Enter."""
    search = page.locator(f"#{field}-ts-control")
    search.focus()
    search.press_sequentially(typed)
    page.locator(f"#{field}-ts-dropdown .option", has_text=shown).first.wait_for()
    search.press("Enter")
    page.locator(f"#{field}-ts-control").press("Escape")


def chosen(page, field: str) -> list[str]:
    """The values the underlying select will post, in the order they were chosen."""
    return page.locator(f"#{field} + .ts-wrapper .item").evaluate_all(
        "items => items.map(item => item.dataset.value)"
    )


def test_languages_are_found_in_any_language_and_posted(page, counsellor):
    open_intake(page, "de")
    # A Russian word, an English one and one without its accent, all on the German page.
    choose(page, "id_languages", "немец", "Deutsch")
    choose(page, "id_languages", "arabic", "Arabisch")
    choose(page, "id_citizenships", "turkei", "Türkei")
    choose(page, "id_citizenships", "сир", "Syrien")
    assert chosen(page, "id_languages") == ["de", "ar"]
    assert chosen(page, "id_citizenships") == ["TR", "SY"]
    assert page.locator("#id_languages + .ts-wrapper .item").all_inner_texts() == [
        "Deutsch\n×",
        "Arabisch\n×",
    ]
    # Backspace in the search box removes the last chosen language.
    search = page.locator("#id_languages-ts-control")
    search.focus()
    search.press("Backspace")
    assert chosen(page, "id_languages") == ["de"]
    page.fill("#id_given_name", "Rami")
    page.fill("#id_family_name", "Haddad")
    page.fill("#id_date_of_birth", "1985-04-20")
    page.fill("#id_entry_date", date.today().isoformat())
    page.locator('input[name="gender"]').first.check()
    page.locator('main form button[type="submit"]').last.click()
    page.wait_for_url("**/staff/people/*/")
    with scopes_disabled():
        person = Participant.objects.get()
    assert person.languages == ["de"]
    assert sorted(person.citizenships) == ["SY", "TR"]
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["ar", "ru"])
def test_the_intake_form_is_accessible_and_right_to_left(new_page, counsellor, language):
    page = new_page(width=360)
    open_intake(page, language)
    wrapper = page.locator("#id_citizenships").locator("xpath=following-sibling::div[1]")
    assert ("rtl" in (wrapper.get_attribute("class") or "")) == (language == "ar")
    choose(page, "id_citizenships", "Germany", {"ar": "ألمانيا", "ru": "Германия"}[language])
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not serious, describe_violations(serious)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.csp_violations == [] and page.broken_requests == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"intake-searchable-{language}.png", full_page=False)
