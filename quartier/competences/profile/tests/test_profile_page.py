import re
from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from quartier.competences.conftest import audited
from quartier.competences.models import CompetenceProfile
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.skills import add_skills

pytestmark = pytest.mark.django_db


def url(person, name="competences:profile", **kwargs):
    return reverse(name, kwargs={"code": person.public_id, **kwargs})


@pytest.fixture
def full_profile(rami, counsellor, esco):
    with scopes_disabled():
        add_qualification(
            rami,
            counsellor,
            title_original="شهادة طباخ",
            title_de="Koch",
            country="SY",
            original_language="ar",
            isced_level="3",
            year=2005,
            recognition_status="partial",
            competent_body="IHK FOSA",
            reference_occupation=esco["cook"],
            recognition_decided_on=date(2026, 5, 4),
        )
        add_qualification(
            rami, counsellor, title_original="Tischler (ohne Abschluss)", without_papers=True
        )
        add_language(rami, counsellor, language="ar", understanding="native", speaking="native")
        add_language(
            rami,
            counsellor,
            language="de",
            understanding="B1",
            speaking="B1",
            writing="A2",
            certificate="dtz",
            certificate_year=2025,
        )
        add_experience(
            rami,
            counsellor,
            title="Koch im Restaurant",
            occupation=esco["cook"],
            country="SY",
            setting="employment",
            started_on=date(2004, 1, 1),
            ended_on=date(2015, 6, 1),
            description="طبخت في مطعم في حلب",
        )
        add_skills(rami, counsellor, [esco["cook"], esco["prepare"], esco["nutrition"]])
        item = add_informal(
            rami,
            counsellor,
            field="family",
            activity="Cooked for a family of eight",
            competence="Plans meals and budgets",
            self_assessment=3,
            counsellor_assessment=2,
            evidence_level="observed",
            skills=[esco["menu"]],
        )
    return item


def test_the_counsellor_sees_every_section(client, counsellor, rami, full_profile):
    client.force_login(counsellor)
    response = client.get(url(rami))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "شهادة طباخ",
        "Partially recognised",
        "IHK FOSA",
        "cook",
        "DTZ",
        "Koch im Restaurant",
        "prepare dishes",
        "nutrition",
        "Plans meals and budgets",
        "plan menus",
        "Validation procedure (§ 50b BBiG)",
        "Add a qualification",
        "Add the essential skills of cook",
    ):
        assert text in page, text
    # German first, before Arabic, although Arabic was recorded first
    assert page.index('<th scope="row">German<') < page.index('<th scope="row">Arabic<')
    assert audited("competences.profile.viewed") == 1


def test_the_page_shows_the_validation_route_conditions(client, counsellor, rami, full_profile):
    client.force_login(counsellor)
    page = client.get(url(rami)).content.decode()
    # 41 years old; 138 months of cooking, 54 needed (1.5 × 36)
    assert "Age: 41" in page
    assert "Experience: 138 of 54 months" in page
    assert "The person can apply for the validation procedure." in page


def test_a_person_without_a_profile_gets_an_empty_page_and_no_profile_is_made(
    client, counsellor, rami
):
    client.force_login(counsellor)
    response = client.get(url(rami))
    assert response.status_code == 200
    assert "No qualifications recorded yet." in response.content.decode()
    with scopes_disabled():
        assert not CompetenceProfile.objects.exists()


def test_the_lead_reads_but_gets_no_change_links(client, lead, rami, full_profile):
    client.force_login(lead)
    response = client.get(url(rami))
    assert response.status_code == 200
    page = response.content.decode()
    assert "You may read this profile, not change it." in page
    assert "Add a qualification" not in page
    assert client.get(url(rami, "competences:qualification-add")).status_code == 403


def test_another_organisation_gets_404(client, personas, other_org, rami, full_profile):
    from quartier.accounts.models import Membership, Role

    foreign_counsellor = personas["outsider"]
    Membership.objects.create(user=foreign_counsellor, organisation=other_org, role=Role.COUNSELLOR)
    client.force_login(foreign_counsellor)
    assert client.get(url(rami)).status_code == 404
    assert client.get(url(rami, "competences:qualification-add")).status_code == 404


@pytest.mark.parametrize("persona", ["employer", "resident", "coordinator", "advisor", "viewer"])
def test_other_roles_are_refused(client, personas, rami, full_profile, persona):
    client.force_login(personas[persona])
    assert client.get(url(rami)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, rami):
    response = client.get(url(rami))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_the_profile_page_queries_a_constant_number_of_times(
    client, counsellor, rami, full_profile, django_assert_num_queries
):
    client.force_login(counsellor)
    with django_assert_num_queries(15):
        # 1 session, 2 user, 3 memberships, 4 the person with organisation and profile,
        # 5 audit entry (read), 6 qualifications with reference occupation,
        # 7 their labels, 8 languages, 9 experience with occupation, 10 their labels,
        # 11 skills with concepts, 12 their labels, 13 informal competences,
        # 14 their ESCO skills, 15 those skills' labels
        response = client.get(url(rami))
    assert response.status_code == 200


def test_the_person_page_links_to_the_profile(client, counsellor, rami):
    client.force_login(counsellor)
    page = client.get(reverse("people:detail", kwargs={"code": rami.public_id})).content.decode()
    assert url(rami) in page


def test_languages_given_at_intake_appear_and_are_assessed_without_typing_them(
    client, counsellor, rami
):
    """Rami named Arabic and German at intake: both are in his profile before anyone
    opens it, and the link for each fills in the language form."""
    client.force_login(counsellor)
    page = client.get(url(rami)).content.decode()
    assert "No languages recorded yet." not in page
    for name in ("Arabic", "German"):
        assert f'<th scope="row">{name}</th>' in page
    assert page.count("Given at intake; level not assessed yet.") == 2
    add = url(rami, "competences:language-add") + "?language=ar"
    assert f'href="{add}"' in page
    form = client.get(add).content.decode()
    assert re.search(r'<option value="ar"[^>]* selected[ >]', form)
    response = client.post(
        add,
        {"language": "ar", "understanding": "native", "speaking": "native", "certificate": "none"},
    )
    assert response.status_code == 302
    # Assessed Arabic is a row of the profile now; German still waits for a level.
    page = client.get(url(rami)).content.decode()
    assert page.count("Given at intake; level not assessed yet.") == 1
    assert "Assess German" in page and "Assess Arabic" not in page
    assert "Change Arabic" in page
    with scopes_disabled():
        assert CompetenceProfile.objects.get().languages.get().language == "ar"


def test_a_reader_sees_the_intake_languages_without_a_link(client, lead, rami):
    client.force_login(lead)
    page = client.get(url(rami)).content.decode()
    assert page.count("Given at intake; level not assessed yet.") == 2
    assert "Assess Arabic" not in page
