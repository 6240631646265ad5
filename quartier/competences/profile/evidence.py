"""Evidence documents: checked by their content, stored outside the web root, read audited.

A file is accepted only if its content is what its name says: a ``.pdf`` must be
a readable PDF, a ``.jpg``/``.jpeg`` a JPEG and a ``.png`` a PNG that Pillow can
open and verify. The browser's content type is ignored. Files are stored under
random names in ``settings.EVIDENCE_ROOT`` (see ``EvidenceStorage``) and are
served only by the permission-checked download view, which calls ``open_evidence``.
"""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader

from quartier.accounts.audit import log_action
from quartier.competences.profile.models import Qualification, evidence_storage
from quartier.competences.profile.services import bump

# File name ending -> (content type, what the content must be)
ACCEPTED = {
    ".pdf": ("application/pdf", "PDF"),
    ".jpg": ("image/jpeg", "JPEG"),
    ".jpeg": ("image/jpeg", "JPEG"),
    ".png": ("image/png", "PNG"),
}


def _is_pdf(data: bytes) -> bool:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        return False
    try:
        return len(PdfReader(io.BytesIO(data), strict=False).pages) > 0
    except Exception:  # pypdf raises many kinds of errors on broken files
        return False


def _image_format(data: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return image.format
    except Exception:  # Pillow raises many kinds of errors on broken files
        return None


def check_evidence(upload: UploadedFile) -> tuple[str, bytes]:
    """The content type of an acceptable upload and its bytes; ValidationError otherwise."""
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise ValidationError(
            _("Upload a PDF, JPEG or PNG file (ending in .pdf, .jpg, .jpeg or .png)."),
            code="type",
        )
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
            code="size",
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
            code="size",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    content_type, kind = ACCEPTED[suffix]
    ok = _is_pdf(data) if kind == "PDF" else _image_format(data) == kind
    if not ok:
        raise ValidationError(
            _("The file is named %(name)s but its content is not a readable %(kind)s.")
            % {"name": name, "kind": kind},
            code="content",
        )
    return content_type, data


def attach_evidence(qualification: Qualification, by, upload: UploadedFile) -> Qualification:
    """Check the upload and store it as the qualification's evidence, replacing any earlier one."""
    content_type, data = check_evidence(upload)
    old = qualification.evidence.name if qualification.evidence else ""
    display_name = Path(upload.name or "evidence").name[:200]
    with transaction.atomic():
        qualification.evidence.save(display_name, ContentFile(data), save=False)
        qualification.evidence_name = display_name
        qualification.evidence_type = content_type
        qualification.evidence_size = len(data)
        qualification.save(
            update_fields=["evidence", "evidence_name", "evidence_type", "evidence_size"]
        )
        bump(qualification.profile)
        log_action(
            "competences.evidence.added",
            actor=by,
            subject=qualification,
            data={"type": content_type, "size": len(data)},
            organisation=qualification.profile.organisation,
        )
        if old:
            stored = qualification.evidence.storage
            transaction.on_commit(lambda: stored.delete(old))
    return qualification


def remove_evidence(qualification: Qualification, by) -> Qualification:
    name = qualification.evidence.name
    if not name:  # no file (a file field is false exactly when its name is empty)
        return qualification
    storage = qualification.evidence.storage
    with transaction.atomic():
        qualification.evidence = ""
        qualification.evidence_name = ""
        qualification.evidence_type = ""
        qualification.evidence_size = None
        qualification.save(
            update_fields=["evidence", "evidence_name", "evidence_type", "evidence_size"]
        )
        bump(qualification.profile)
        log_action(
            "competences.evidence.removed",
            actor=by,
            subject=qualification,
            organisation=qualification.profile.organisation,
        )
        transaction.on_commit(lambda: storage.delete(name))
    return qualification


def open_evidence(qualification: Qualification, by):
    """The stored file, opened for reading; the read is audited. Caller checks permission."""
    name = qualification.evidence.name
    if not name:
        raise ValueError("The qualification has no evidence file.")
    log_action(
        "competences.evidence.viewed",
        actor=by,
        subject=qualification,
        organisation=qualification.profile.organisation,
    )
    return qualification.evidence.storage.open(name, "rb")


def delete_files(names: list[str]) -> None:
    """Delete stored evidence files (after an erasure); missing files are ignored."""
    storage = evidence_storage()
    for name in names:
        if name:
            storage.delete(name)
