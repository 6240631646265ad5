"""Adding, changing and removing the parts of a profile through the pages."""

from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from quartier.competences.conftest import audited
from quartier.competences.models import (
    CompetenceProfile,
    Experience,
    InformalCompetence,
    LanguageSkill,
    Qualification,
)
from quartier.competences.profile.qualifications import add_qualification

pytestmark = pytest.mark.django_db


def url(person, name, **kwargs):
    return reverse(f"competences:{name}", kwargs={"code": person.public_id, **kwargs})


def version(person) -> int:
    with scopes_disabled():
        return CompetenceProfile.objects.get(participant=person).version


def test_a_language_is_added_changed_and_removed(client, counsellor, rami):
    client.force_login(counsellor)
    assert client.get(url(rami, "language-add")).status_code == 200
    response = client.post(
        url(rami, "language-add"),
        {
            "language": "de",
            "understanding": "B1",
            "speaking": "A2",
            "writing": "",
            "certificate": "dtz",
            "certificate_year": "2025",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#language")
    with scopes_disabled():
        skill = LanguageSkill.objects.get()
    assert (skill.language, skill.understanding, skill.certificate) == ("de", "B1", "dtz")
    assert version(rami) == 1 + 1  # created at 1, one write
    edit = url(rami, "language-edit", pk=skill.pk)
    page = client.get(edit).content.decode()
    assert 'value="B1" selected' in page or '<option value="B1" selected>' in page
    response = client.post(
        edit,
        {"language": "de", "understanding": "B2", "speaking": "B1", "certificate": "none"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        skill.refresh_from_db()
    assert skill.understanding == "B2"
    assert audited("competences.language.changed") == 1
    response = client.post(url(rami, "language-remove", pk=skill.pk))
    assert response.status_code == 302
    with scopes_disabled():
        assert not LanguageSkill.objects.exists()
    assert version(rami) == 4


def test_a_language_twice_is_refused(client, counsellor, rami):
    client.force_login(counsellor)
    data = {"language": "ar", "understanding": "native", "certificate": "none"}
    client.post(url(rami, "language-add"), data)
    response = client.post(url(rami, "language-add"), data)
    assert response.status_code == 200
    assert "This language is already in the profile." in response.content.decode()
    with scopes_disabled():
        assert LanguageSkill.objects.count() == 1


def test_a_certificate_needs_its_year(client, counsellor, rami):
    client.force_login(counsellor)
    response = client.post(
        url(rami, "language-add"), {"language": "de", "speaking": "B1", "certificate": "telc"}
    )
    assert "Give the year of the certificate." in response.content.decode()


def test_experience_is_recorded_to_the_month_with_its_esco_occupation(
    client, counsellor, rami, esco
):
    client.force_login(counsellor)
    response = client.post(
        url(rami, "experience-add"),
        {
            "title": "Koch",
            "occupation": "koch/KÖCHIN",
            "setting": "family_business",
            "employer": "مطعم العائلة",
            "country": "SY",
            "started_on": "2004-03",
            "ended_on": "2015-06",
            "description": "طبخت للضيوف",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        item = Experience.objects.get()
    assert item.occupation == esco["cook"]
    assert (item.started_on, item.ended_on) == (date(2004, 3, 1), date(2015, 6, 1))
    assert item.months == 136
    assert item.formal is False


def test_an_unknown_occupation_name_gets_suggestions_and_nothing_is_saved(
    client, counsellor, rami, esco, fake_esco_search
):
    client.force_login(counsellor)
    response = client.post(
        url(rami, "experience-add"),
        {"title": "Koch", "occupation": "Kochh", "setting": "employment"},
    )
    assert response.status_code == 200
    assert "Did you mean: Koch/Köchin?" in response.content.decode() or (
        "Did you mean: cook?" in response.content.decode()
    )
    with scopes_disabled():
        assert not Experience.objects.exists()


def test_an_end_before_the_start_is_refused(client, counsellor, rami):
    client.force_login(counsellor)
    response = client.post(
        url(rami, "experience-add"),
        {"title": "Koch", "setting": "employment", "started_on": "2015-06", "ended_on": "2010-01"},
    )
    assert "The end lies before the start." in response.content.decode()
    with scopes_disabled():
        assert not Experience.objects.exists()


def test_an_informal_competence_is_added_and_changed(client, counsellor, rami):
    client.force_login(counsellor)
    response = client.post(
        url(rami, "informal-add"),
        {
            "field": "care",
            "activity": "Cared for my grandmother for three years",
            "competence": "Basic care, patience, organising medication",
            "self_assessment": "3",
            "counsellor_assessment": "",
            "evidence_level": "self_declared",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        item = InformalCompetence.objects.get()
    assert item.self_assessment == 3
    response = client.post(
        url(rami, "informal-edit", pk=item.pk),
        {
            "field": "care",
            "activity": item.activity,
            "competence": item.competence,
            "self_assessment": "3",
            "counsellor_assessment": "2",
            "evidence_level": "observed",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        item.refresh_from_db()
    assert (item.counsellor_assessment, item.evidence_level) == (2, "observed")


def test_recognition_is_recorded_with_body_reference_and_date(client, counsellor, rami, esco):
    with scopes_disabled():
        item = add_qualification(rami, counsellor, title_original="شهادة طباخ")
    client.force_login(counsellor)
    response = client.post(
        url(rami, "qualification-edit", pk=item.pk),
        {
            "title_original": "شهادة طباخ",
            "title_de": "Koch",
            "country": "SY",
            "original_language": "ar",
            "isced_level": "3",
            "year": "2005",
            "recognition_status": "partial",
            "competent_body": "IHK FOSA",
            "reference_occupation": "Koch/Köchin",
            "recognition_decided_on": "2026-05-04",
            "validation_status": "not_started",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        item.refresh_from_db()
    assert item.recognition_status == "partial"
    assert item.reference_occupation == esco["cook"]
    assert audited("competences.recognition.changed") == 1
    timeline = client.get(reverse("people:detail", kwargs={"code": rami.public_id}))
    assert "Recognition decided: Koch – Partially recognised" in timeline.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"recognition_decided_on": "2026-05-04"}, "A decision date belongs only to a recognition"),
        (
            {"recognition_status": "full", "recognition_decided_on": "2027-01-01"},
            "The decision date cannot be in the future.",
        ),
        ({"reference_occupation": "Speisen zubereiten"}, "No ESCO entry"),
        ({"year": "1800"}, "greater than or equal to 1940"),
    ],
)
def test_bad_qualifications_are_refused(
    client, counsellor, rami, esco, fake_esco_search, fields, message
):
    client.force_login(counsellor)
    data = {
        "title_original": "Diplom",
        "recognition_status": "applied",
        "validation_status": "not_started",
        **fields,
    }
    response = client.post(url(rami, "qualification-add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    with scopes_disabled():
        assert not Qualification.objects.exists()
        assert not CompetenceProfile.objects.exists()


def test_the_summary_is_changed(client, counsellor, rami):
    client.force_login(counsellor)
    response = client.post(url(rami, "summary"), {"summary": "  Erfahrener Koch.  "})
    assert response.status_code == 302
    with scopes_disabled():
        assert CompetenceProfile.objects.get().summary == "Erfahrener Koch."


def test_parts_of_another_persons_profile_are_404(client, counsellor, rami, home_org, project):
    from quartier.people.intake import take_in

    other = take_in(
        home_org, project, counsellor, date(2026, 3, 2), given_name="A", family_name="B"
    )
    with scopes_disabled():
        item = add_qualification(other, counsellor, title_original="Diplom")
    client.force_login(counsellor)
    assert client.get(url(rami, "qualification-edit", pk=item.pk)).status_code == 404
    assert client.post(url(rami, "qualification-remove", pk=item.pk)).status_code == 404
    with scopes_disabled():
        assert Qualification.objects.filter(pk=item.pk).exists()


def test_the_lead_may_not_write(client, lead, rami):
    client.force_login(lead)
    response = client.post(url(rami, "summary"), {"summary": "x"})
    assert response.status_code == 403
    with scopes_disabled():
        assert not CompetenceProfile.objects.exists()
