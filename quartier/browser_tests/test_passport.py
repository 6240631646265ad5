"""The competence passport as a page image: German beside Arabic, right to left, shaped.

The PDF's first page is turned into a PNG with ``pdftoppm`` (poppler-utils) for
people to look at (``var/screenshots/passport-ar.png``); the same passport's
HTML is opened in Chromium to check the Arabic column's direction and text.
"""

import shutil
import subprocess
from datetime import date

import pytest
from django.template.loader import render_to_string
from django_scopes import scopes_disabled

from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from quartier.browser_tests.conftest import (
    SCREENSHOTS,
    axe_violations,
    describe_violations,
    skip_or_fail,
)
from quartier.competences.models import CompetenceProfile, Passport
from quartier.competences.passport.services import (
    issue_passport,
    passport_html_context,
    render_passport,
)
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.services import with_parts
from quartier.competences.profile.skills import add_skills
from quartier.esco.models import Concept, Label
from quartier.people.intake import take_in
from quartier.people.models import Project

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "دبلوم فني في فنون الطهي"


def concept(uri: str, kind: str, de: str, skill_type: str = "") -> Concept:
    made = Concept.objects.create(uri=uri, kind=kind, skill_type=skill_type)
    Label.objects.create(concept=made, language="de", kind="preferred", text=de)
    return made


@pytest.fixture
def passport() -> Passport:
    organisation = Organisation.objects.create(
        slug="beratung-ost", name="Beratung Ost", kind=OrganisationKind.COUNSELLING
    )
    counsellor = User.objects.create_user("counsellor@example.org", "x")
    Membership.objects.create(user=counsellor, organisation=organisation, role=Role.COUNSELLOR)
    project = Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    base = "http://data.europa.eu/esco/"
    cook = concept(base + "occupation/cook", "occupation", "Koch/Köchin")
    prepare = concept(base + "skill/prepare", "skill", "Speisen zubereiten", "skill/competence")
    hygiene = concept(base + "skill/hygiene", "skill", "Lebensmittelhygiene", "knowledge")
    with scopes_disabled():
        rami = take_in(
            organisation,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name="رامي",
            family_name="حداد",
            name_latin="Rami Haddad",
            preferred_language="ar",
        )
        add_qualification(
            rami,
            counsellor,
            title_original=ARABIC_TITLE,
            title_de="Fachdiplom Kochkunst",
            country="SY",
            original_language="ar",
            isced_level="4",
            year=2006,
            recognition_status="applied",
            competent_body="IHK FOSA",
        )
        add_language(rami, counsellor, language="ar", understanding="native", speaking="native")
        add_language(
            rami, counsellor, language="de", understanding="B1", speaking="B1", writing="A2"
        )
        add_skills(rami, counsellor, [cook, prepare, hygiene])
        add_experience(
            rami,
            counsellor,
            title="Koch im Familienrestaurant",
            occupation=cook,
            country="SY",
            setting="family_business",
            formal=False,
            started_on=date(2008, 3, 1),
            ended_on=date(2015, 9, 1),
        )
        add_informal(
            rami,
            counsellor,
            field="family",
            activity="طبخ لأربعين ضيفا في الأعياد",
            competence="Plant und kocht für große Gruppen",
        )
        made, _new = issue_passport(rami, counsellor)
        render_passport(made.pk)
        return Passport.objects.select_related("organisation").get(pk=made.pk)


def test_the_arabic_passport_page_image(browser, passport):
    assert passport.status == Passport.Status.READY
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf_path = SCREENSHOTS / "passport-ar.pdf"
    with scopes_disabled(), passport.pdf.open("rb") as handle:
        pdf_path.write_bytes(handle.read())
    if shutil.which("pdftoppm") is None:
        skip_or_fail("pdftoppm not found (apt install poppler-utils)")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "110",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf_path),
            str(SCREENSHOTS / "passport-ar"),
        ],
        check=True,
    )
    image = SCREENSHOTS / "passport-ar.png"
    assert image.stat().st_size > 20_000  # a real page, not a blank one

    # The same passport's HTML in Chromium: the Arabic column is right to left.
    with scopes_disabled():
        profile = with_parts(
            CompetenceProfile.objects.select_related("participant", "organisation")
        ).get(participant_id=passport.participant_id)
        html = render_to_string(
            "competences/passport/pdf.html",
            {
                **passport_html_context(passport, profile),
                "language_code": "de",
                "direction": "ltr",
            },
        )
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    try:
        page.set_content(html)
        arabic = page.locator('td[lang="ar"]')
        assert arabic.count() > 5
        assert set(arabic.evaluate_all("cells => cells.map(c => c.dir)")) == {"rtl"}
        assert page.locator('td[lang="de"]').first.get_attribute("dir") == "ltr"
        assert ARABIC_TITLE in arabic.all_inner_texts().__str__()
        assert "Fachdiplom Kochkunst" in page.locator('td[lang="de"]').all_inner_texts().__str__()
        # Right to left really is applied: the Arabic cells' text is aligned to the right.
        assert arabic.first.evaluate("c => getComputedStyle(c).direction") == "rtl"
        page.screenshot(path=str(SCREENSHOTS / "passport-ar-html.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_verification_page_is_accessible_and_says_only_who_and_when(
    transactional_db, new_page, passport, language
):
    page = new_page(width=360, height=740)
    page.goto(f"/{language}/passport/verify/{passport.code}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    result = page.locator(".verification-result").inner_text()
    assert "Beratung Ost" in result
    assert "Rami" not in page.content() and "رامي" not in page.content()
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.broken_requests == []
    if language == "ar":
        page.screenshot(path=str(SCREENSHOTS / "passport-verify-ar.png"), full_page=True)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_an_employer_browses_candidates_without_seeing_who_they_are(
    transactional_db, new_page, passport, language
):
    from quartier.people.consent import record_consent
    from quartier.people.models import Purpose

    business = Organisation.objects.create(
        slug="baeckerei", name="Bäckerei am Platz", kind=OrganisationKind.BUSINESS
    )
    employer = User.objects.create_user("employer@example.org", "correct horse battery")
    Membership.objects.create(user=employer, organisation=business, role=Role.EMPLOYER)
    with scopes_disabled():
        participant = passport.participant
        record_consent(participant, Purpose.EMPLOYER_PROFILE, "ar", passport.issued_by)

    page = new_page(width=360, height=740)
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', "employer@example.org")
    page.fill('input[name="password"]', "correct horse battery")
    page.locator('main button[type="submit"]').click()
    page.wait_for_load_state()
    page.goto(f"/{language}/staff/competences/candidates/")
    assert page.locator("li.candidate").count() == 1
    page.locator("li.candidate h2 a").click()
    page.wait_for_load_state()
    html = page.content()
    assert "Fachdiplom Kochkunst" in html
    for personal in ("Rami", "Haddad", "رامي", "حداد", ARABIC_TITLE):
        assert personal not in html
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.broken_requests == []
    if language == "ar":
        page.screenshot(path=str(SCREENSHOTS / "employer-candidate-ar.png"), full_page=True)
