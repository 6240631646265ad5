import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from quartier.accounts.models import Membership, Role
from quartier.competences.conftest import audited
from quartier.competences.models import Qualification
from quartier.competences.profile.evidence import attach_evidence, check_evidence
from quartier.competences.profile.qualifications import add_qualification, remove_qualification

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Zeugnis</p>").write_pdf()


def upload(name: str, data: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def diploma(rami, counsellor):
    with scopes_disabled():
        return add_qualification(rami, counsellor, title_original="شهادة طباخ", country="SY")


def add_url(person):
    return reverse("competences:qualification-add", kwargs={"code": person.public_id})


def evidence_url(item):
    return reverse(
        "competences:evidence",
        kwargs={"code": item.profile.participant.public_id, "pk": item.pk},
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [("zeugnis.pdf", pdf_bytes), ("scan.png", png_bytes), ("scan.JPG", jpeg_bytes)],
)
def test_real_files_are_accepted_by_their_content(name, data):
    content_type, read = check_evidence(upload(name, data(), "application/octet-stream"))
    assert content_type == {".pdf": "application/pdf", ".png": "image/png"}.get(
        name[-4:].lower(), "image/jpeg"
    )
    assert read == data()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("zeugnis.pdf", png_bytes, "named zeugnis.pdf but its content is not a readable PDF"),
        ("zeugnis.pdf", lambda: b"%PDF-1.4 just text", "not a readable PDF"),
        ("scan.png", jpeg_bytes, "not a readable PNG"),
        ("scan.jpg", pdf_bytes, "not a readable JPEG"),
        ("scan.jpg", lambda: b"\xff\xd8\xff broken", "not a readable JPEG"),
        ("zeugnis.docx", pdf_bytes, "Upload a PDF, JPEG or PNG file"),
        ("zeugnis", pdf_bytes, "Upload a PDF, JPEG or PNG file"),
        ("empty.pdf", lambda: b"", "The file is empty."),
    ],
)
def test_files_that_are_not_what_their_name_says_are_refused(name, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        # The browser's content type claims a PDF; it is never believed.
        check_evidence(upload(name, data(), "application/pdf"))
    assert message in " ".join(error.value.messages)


def test_too_large_files_are_refused(settings):
    from django.core.exceptions import ValidationError

    settings.EVIDENCE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="larger than"):
        check_evidence(upload("scan.pdf", pdf_bytes() + b" " * 1000))


def test_the_counsellor_uploads_evidence_with_a_new_qualification(
    client, counsellor, rami, evidence_root
):
    client.force_login(counsellor)
    response = client.post(
        add_url(rami),
        {
            "title_original": "Diplom Koch",
            "recognition_status": "advised",
            "validation_status": "not_started",
            "evidence": upload("Zeugnis Koch.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        item = Qualification.objects.get()
    assert item.evidence_name == "Zeugnis Koch.pdf"
    assert item.evidence_type == "application/pdf"
    # stored under a random name in the evidence directory, nowhere else
    stored = list(evidence_root.iterdir())
    assert [path.name for path in stored] == [item.evidence.name]
    assert "Koch" not in item.evidence.name
    assert stored[0].read_bytes().startswith(b"%PDF-")


def test_a_png_named_pdf_is_refused_and_nothing_is_saved(client, counsellor, rami, evidence_root):
    client.force_login(counsellor)
    response = client.post(
        add_url(rami),
        {
            "title_original": "Diplom Koch",
            "recognition_status": "advised",
            "validation_status": "not_started",
            "evidence": upload("Zeugnis.pdf", png_bytes()),
        },
    )
    assert response.status_code == 200
    assert "named Zeugnis.pdf but its content is not a readable PDF" in response.content.decode()
    with scopes_disabled():
        assert not Qualification.objects.exists()
    assert not evidence_root.exists() or not list(evidence_root.iterdir())


def test_the_download_is_checked_audited_and_an_attachment(client, lead, counsellor, diploma):
    with scopes_disabled():
        attach_evidence(diploma, counsellor, upload("scan.png", png_bytes()))
    client.force_login(lead)
    response = client.get(evidence_url(diploma))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="scan.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png_bytes()
    assert audited("competences.evidence.viewed", actor=lead) == 1


def test_the_download_is_refused_to_others(client, personas, other_org, counsellor, diploma):
    with scopes_disabled():
        attach_evidence(diploma, counsellor, upload("scan.png", png_bytes()))
    outsider = personas["outsider"]
    Membership.objects.create(user=outsider, organisation=other_org, role=Role.COUNSELLOR)
    client.force_login(outsider)
    assert client.get(evidence_url(diploma)).status_code == 404
    for persona in ("employer", "resident", "coordinator"):
        client.force_login(personas[persona])
        assert client.get(evidence_url(diploma)).status_code == 403
    client.logout()
    assert client.get(evidence_url(diploma)).status_code == 302
    assert audited("competences.evidence.viewed") == 0


def test_without_evidence_the_download_is_404(client, counsellor, diploma):
    client.force_login(counsellor)
    assert client.get(evidence_url(diploma)).status_code == 404


def test_replacing_and_removing_delete_the_old_files(
    counsellor, diploma, evidence_root, django_capture_on_commit_callbacks
):
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        attach_evidence(diploma, counsellor, upload("a.png", png_bytes()))
        first = diploma.evidence.name
        attach_evidence(diploma, counsellor, upload("b.pdf", pdf_bytes()))
    assert [path.name for path in evidence_root.iterdir()] == [diploma.evidence.name]
    assert diploma.evidence.name != first
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        remove_qualification(diploma, counsellor)
    assert list(evidence_root.iterdir()) == []


def test_the_storage_has_no_public_url(diploma, counsellor):
    with scopes_disabled():
        attach_evidence(diploma, counsellor, upload("a.png", png_bytes()))
    with pytest.raises(ValueError, match="no public URL"):
        _ = diploma.evidence.url
