"""The counsellor's competence profile page in a real browser: accessible, narrow, right to left."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from quartier.browser_tests.conftest import SCREENSHOTS, axe_violations, describe_violations
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.skills import add_skills
from quartier.esco.models import Concept, Label, Relation
from quartier.people.intake import take_in
from quartier.people.models import Project

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def concept(uri: str, kind: str, de: str, en: str) -> Concept:
    made = Concept.objects.create(uri=uri, kind=kind)
    Label.objects.create(concept=made, language="de", kind="preferred", text=de)
    Label.objects.create(concept=made, language="en", kind="preferred", text=en)
    return made


@pytest.fixture
def person():
    organisation = Organisation.objects.create(
        slug="beratung-ost", name="Beratung Ost", kind=OrganisationKind.COUNSELLING
    )
    counsellor = User.objects.create_user("counsellor@example.org", PASSWORD)
    Membership.objects.create(user=counsellor, organisation=organisation, role=Role.COUNSELLOR)
    project = Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    base = "http://data.europa.eu/esco/"
    carpenter = concept(base + "occupation/carpenter", "occupation", "Tischler/in", "carpenter")
    wood = concept(base + "skill/wood", "skill", "Holz bearbeiten", "manipulate wood")
    Relation.objects.create(occupation=carpenter, skill=wood, kind="essential")
    with scopes_disabled():
        azad = take_in(
            organisation,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name="Azad",
            family_name="Xelîl",
            date_of_birth=date(1984, 2, 1),
            preferred_language="ar",
        )
        add_qualification(
            azad,
            counsellor,
            title_original="نجار (بدون شهادة)",
            title_de="Tischler (ohne Nachweis)",
            country="SY",
            without_papers=True,
            validation_status="advised",
            reference_occupation=carpenter,
        )
        add_language(azad, counsellor, language="ar", understanding="native", speaking="native")
        add_language(azad, counsellor, language="de", understanding="B1", speaking="A2")
        add_experience(
            azad,
            counsellor,
            title="نجار في ورشة العائلة",
            occupation=carpenter,
            setting="family_business",
            formal=False,
            country="SY",
            started_on=date(2004, 1, 1),
            ended_on=date(2015, 9, 1),
            description="صنعت الأبواب والنوافذ والأثاث في ورشة والدي.",
        )
        add_skills(azad, counsellor, [carpenter, wood])
        add_informal(
            azad,
            counsellor,
            field="migration",
            activity="نظّمت الطريق والطعام لمجموعتنا أثناء الهجرة.",
            competence="Organisiert unter Druck.",
            self_assessment=3,
        )
    return azad


@pytest.mark.parametrize(("language", "width"), [("ar", 360), ("en", 1280)])
def test_the_profile_page_is_accessible_and_fits(
    transactional_db, new_page, person, language, width
):
    page = new_page(width=width, height=800)
    page.goto(f"/{language}/staff/login/")
    page.fill('input[name="username"]', "counsellor@example.org")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main button[type="submit"]').click()
    page.wait_for_load_state()
    page.goto(f"/{language}/staff/competences/{person.public_id}/")
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    html = page.content()
    assert "نجار (بدون شهادة)" in html
    assert "§ 50b BBiG" in html
    violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert not violations, "axe-core found:\n" + describe_violations(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.broken_requests == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"competence-profile-{language}.png"), full_page=True)
