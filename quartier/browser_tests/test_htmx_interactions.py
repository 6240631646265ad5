"""HTMX in a real browser: a check-in tap, the participant and party pickers, a passport
being made.

Each page in German and Arabic, at 1366 and 360 pixels: the page changes in place
(a marker set on ``window`` survives, so nothing reloaded), no request fails, no
Content-Security-Policy violation, and axe-core finds nothing serious.
"""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from quartier.browser_tests.conftest import axe_violations, describe_violations

pytestmark = pytest.mark.browser

PASSWORD = "htmx-browser-test-password"
RUNS = [("de", 1366), ("ar", 360), ("de", 360), ("ar", 1366)]


@pytest.fixture
def world(live_server):
    """One person doing casework, courses and business advice at one organisation."""
    from django_scopes import scopes_disabled

    from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User
    from quartier.competences.models import Passport
    from quartier.competences.passport.services import issue_passport
    from quartier.competences.profile.languages import add_language
    from quartier.learning.offers.registrations import register
    from quartier.learning.offers.services import add_date, create_offer
    from quartier.people.intake import take_in
    from quartier.people.models import Project

    organisation = Organisation.objects.create(
        slug="beratung-ost", name="Beratung Ost", kind=OrganisationKind.COUNSELLING
    )
    staff = User.objects.create_user("staff@example.org", PASSWORD)
    for role in (Role.COUNSELLOR, Role.LEARNING_COORDINATOR, Role.BUSINESS_ADVISOR):
        Membership.objects.create(user=staff, organisation=organisation, role=role)
    project = Project.objects.create(
        slug="aiq",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2030, 12, 31),
        retention_until=date(2034, 12, 31),
    )
    with scopes_disabled():
        people = {
            "older": take_in(
                organisation, project, staff, date(2026, 3, 2),
                given_name="Olena", family_name="Kovalenko", date_of_birth=date(1970, 5, 1),
            ),
            "younger": take_in(
                organisation, project, staff, date(2026, 3, 2),
                given_name="Olena", family_name="Kovalenko", date_of_birth=date(1999, 2, 3),
            ),
            "rami": take_in(
                organisation, project, staff, date(2026, 3, 2),
                given_name="رامي", family_name="حداد", name_latin="Rami Haddad",
            ),
        }  # fmt: skip
        add_language(people["rami"], staff, language="de", understanding="B1")
        passport, _new = issue_passport(people["rami"], staff)
        offer = create_offer(
            organisation,
            staff,
            kind="table",
            title={"de": "Nachbarschaftstisch", "ar": "طاولة الجيران"},
            description={"de": "Zusammen kochen."},
            audience="residents",
            capacity=10,
            languages=["de", "ar"],
            online_url="https://example.org/tisch",
            published=True,
        )
        start = timezone.localtime() + timedelta(hours=1)
        offer_date = add_date(offer, staff, start, start + timedelta(hours=2))
        anna = register(offer, None, name="Anna Schmidt", email="anna@example.org")
        register(offer, None, name="سارة علي", email="sara@example.org")
    return {
        "people": people,
        "passport": Passport.objects.with_scopes_disabled().get(pk=passport.pk),
        "date": offer_date,
        "anna": anna,
    }


def sign_in(new_page, language: str, width: int):
    page = new_page(width=width, height=800)
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', "staff@example.org")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_load_state()
    return page


def check(page, width: int, where: str) -> None:
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, f"{where}: axe-core found:\n" + describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, where
    assert page.evaluate("window.notReloaded") is True, f"{where}: the page was reloaded"
    assert page.broken_requests == [], where
    assert page.csp_violations == [], where


def present(page) -> str:
    """The first number of the count ("1 of 2 present", "الحاضرون: 1 من 2")."""
    return re.search(r"\d+", page.locator("#check-in-count").inner_text()).group()


def url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_a_tap_checks_a_person_in_without_reloading(new_page, world):
    anna = world["anna"]
    for language, width in RUNS:
        page = sign_in(new_page, language, width)
        page.goto(url(language, "learning:check-in", pk=world["date"].pk))
        page.evaluate("window.notReloaded = true")
        row = page.locator(f"#person-{anna.code}")
        button = row.locator("button")
        assert button.get_attribute("aria-pressed") == "false"
        assert present(page) == "0"
        button.click()
        page.wait_for_selector(f'#person-{anna.code} button[aria-pressed="true"]')
        assert present(page) == "1"
        assert "present" in page.locator(f"#check-in-{anna.code}").get_attribute("class")
        check(page, width, f"check-in {language} {width}")
        # Tapped again: checked out, so the next run starts the same.
        page.locator(f"#check-in-{anna.code}").click()
        page.wait_for_selector(f'#person-{anna.code} button[aria-pressed="false"]')
        assert present(page) == "0"
        assert page.evaluate("window.notReloaded") is True


def test_the_participant_picker_finds_picks_and_saves(new_page, world):
    from django_scopes import scopes_disabled

    from quartier.economy.models import Founder

    younger = world["people"]["younger"]
    for number, (language, width) in enumerate(RUNS, start=1):
        page = sign_in(new_page, language, width)
        page.goto(url(language, "economy:founder-create"))
        page.evaluate("window.notReloaded = true")
        page.locator("#id_participant-search").fill("olena")
        hits = page.locator("#id_participant-results button")
        hits.first.wait_for()
        assert hits.count() == 2  # two Olena Kovalenkos, told apart by birth date
        hits.filter(has_text="1999").click()
        page.wait_for_selector(
            f'#id_participant option[value="{younger.public_id}"]', state="attached"
        )
        assert page.locator("#id_participant").input_value() == str(younger.public_id)
        # The Arabic name is found by its Latin letters and shown with them.
        page.locator("#id_participant-search").fill("rami")
        page.locator("#id_participant-results button", has_text="Rami Haddad").wait_for()
        check(page, width, f"picker {language} {width}")
        page.locator("#id_business_idea").fill("Schneiderei")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url("**/founders/*/")
        with scopes_disabled():
            assert Founder.objects.count() == number
            assert Founder.objects.order_by("-pk").first().participant_id == younger.pk


def test_the_party_picker_finds_picks_and_saves_a_relation(new_page, world):
    from django_scopes import scopes_disabled

    from quartier.economy.models import Business, Cooperation

    café = Business.objects.create(name="Café Eisenbahn", slug="cafe-eisenbahn")
    for language, width in RUNS:
        page = sign_in(new_page, language, width)
        page.goto(url(language, "economy:cooperation-add"))
        page.evaluate("window.notReloaded = true")
        page.locator("#id_first-search").fill("eisenbahn")
        # The search runs as one types: click only once the last answer is in, not a
        # button of an earlier answer that the last one replaces (seen on a busy machine).
        page.wait_for_load_state("networkidle")
        page.locator("#id_first-results button", has_text="Café Eisenbahn").click()
        page.wait_for_selector(f'#id_first option[value="b:{café.pk}"]', state="attached")
        # The choice is set just after the option is added: wait for it (up to 10 s),
        # through Playwright's own polling (a string predicate would be an eval, which
        # the page's Content-Security-Policy refuses).
        expect(page.locator("#id_first")).to_have_value(f"b:{café.pk}", timeout=10_000)
        page.locator("#id_second-search").fill("beratung")
        page.wait_for_load_state("networkidle")
        page.locator("#id_second-results button", has_text="Beratung Ost").click()
        page.wait_for_selector("#id_second option[selected]:not([value=''])", state="attached")
        check(page, width, f"party picker {language} {width}")
        page.locator("#id_since").fill("2025-04-01")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url("**/cooperations/")
        with scopes_disabled():
            cooperation = Cooperation.objects.get()
            assert (cooperation.business_a, cooperation.organisation_b.name) == (
                café,
                "Beratung Ost",
            )
            cooperation.delete()


def test_the_passport_page_updates_when_the_passport_is_made(new_page, world):
    from quartier.competences.models import Passport

    passport = world["passport"]
    rami = world["people"]["rami"]
    queued = Passport.objects.with_scopes_disabled().filter(pk=passport.pk)
    for language, width in RUNS:
        queued.update(status=Passport.Status.QUEUED)
        page = sign_in(new_page, language, width)
        page.goto(url(language, "competences:passport", code=rami.public_id))
        page.evaluate("window.notReloaded = true")
        assert page.locator("#passports[hx-trigger]").count() == 1
        check(page, width, f"passport {language} {width}")
        queued.update(status=Passport.Status.FAILED)  # what the worker writes when it ends
        page.locator("#passports .notice.error").wait_for(timeout=10_000)
        assert page.locator("#passports[hx-trigger]").count() == 0  # polling stopped
        check(page, width, f"passport done {language} {width}")
