"""The profile in the person's export, erasure and anonymisation, and on the timeline."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from quartier.competences.conftest import audited
from quartier.competences.models import CompetenceProfile, Qualification
from quartier.competences.profile.evidence import attach_evidence
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.skills import add_skills
from quartier.competences.profile.tests.test_evidence import png_bytes
from quartier.people.rights import anonymise_participants, collect_export, request_erasure

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(rami, counsellor, esco):
    with scopes_disabled():
        item = add_qualification(
            rami,
            counsellor,
            title_original="شهادة طباخ",
            country="SY",
            reference_occupation=esco["cook"],
        )
        attach_evidence(item, counsellor, SimpleUploadedFile("scan.png", png_bytes()))
        add_language(rami, counsellor, language="de", speaking="B1")
        add_skills(rami, counsellor, [esco["prepare"]])
    return item


def test_the_export_holds_every_part(rami, profile, esco):
    with scopes_disabled():
        sections = collect_export(rami)["sections"]
    assert sections["competences_qualifications"][0]["title_original"] == "شهادة طباخ"
    assert sections["competences_qualifications"][0]["evidence_name"] == "scan.png"
    assert sections["competences_qualifications"][0]["esco"] == esco["cook"].uri
    assert sections["competences_languages"] == [
        {
            "language": "de",
            "understanding": "",
            "speaking": "B1",
            "writing": "",
            "certificate": "none",
            "certificate_year": None,
        }
    ]
    assert sections["competences_skills"][0]["esco"] == esco["prepare"].uri
    assert sections["competences_profile"][0]["version"] == 5


def test_erasure_deletes_the_profile_and_the_evidence_files(
    rami, counsellor, profile, evidence_root, django_capture_on_commit_callbacks
):
    assert len(list(evidence_root.iterdir())) == 1
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        request_erasure(rami, counsellor)
    with scopes_disabled():
        assert not CompetenceProfile.objects.exists()
        assert not Qualification.objects.exists()
    assert list(evidence_root.iterdir()) == []
    assert audited("competences.profile.erased") == 1


def test_anonymisation_deletes_the_profile_too(
    rami, profile, evidence_root, django_capture_on_commit_callbacks
):
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        anonymise_participants([rami.pk])
        assert not CompetenceProfile.objects.exists()
    assert list(evidence_root.iterdir()) == []


def test_the_timeline_shows_the_qualification_to_counsellors_only(
    client, counsellor, personas, rami, profile
):
    page = reverse("people:detail", kwargs={"code": rami.public_id})
    client.force_login(counsellor)
    assert "Qualification recorded: شهادة طباخ" in client.get(page).content.decode()
    client.force_login(personas["coordinator"])
    response = client.get(page)
    assert response.status_code == 200
    assert "Qualification recorded" not in response.content.decode()
