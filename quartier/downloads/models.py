"""A file made in the background for one user: a PDF or an export, kept for a short while.

The app that asks for it (people, learning) gives the label, the file name and a
function that makes the bytes; the download knows nothing of what it holds. Its
subject (the person, the date, the registration) is a generic reference, so that
a person's erasure can find and delete their files without this app importing
people.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation


def download_file_name(instance: "Download", filename: str) -> str:
    """A random name in the private media directory; no name of the person on disk."""
    return f"downloads/{uuid.uuid4().hex}"


class Download(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", pgettext_lazy("download", "Ready")
        FAILED = "failed", _("Could not be made")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # What the page shows, in the requester's language: "Consent sheet – Olena Kovalenko".
    label = models.CharField(_("label"), max_length=300)
    # Which producer made it, e.g. "people.consent_sheet"; for the audit and the admin only.
    kind = models.CharField(_("kind"), max_length=50)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    # The organisation whose data it holds (the audit's, and the scope's).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("subject type")
    )
    subject_id = models.PositiveBigIntegerField(_("subject"))
    subject = GenericForeignKey("subject_type", "subject_id")
    # Where the user came from: the status page links back there.
    back_url = models.CharField(_("back to"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to=download_file_name, blank=True, max_length=200)
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    # Set when a worker claims it (by a conditional update), so it is made once.
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    # How far a long file has come, in per cent, while it is made (``report_progress``);
    # empty for files made in one go.
    progress = models.PositiveSmallIntegerField(_("progress"), null=True, blank=True)
    # A pending or failed download expires a day after the request, a ready one soon
    # after it is ready; then the row and its file are purged.
    expires_at = models.DateTimeField(_("expires"))
    error = models.TextField(_("error"), blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        indexes = [
            # purge_expired: everything past its time.
            models.Index(fields=["expires_at"], name="download_expires"),
            # discard_for: a person's files when they are erased.
            models.Index(fields=["subject_type", "subject_id"], name="download_subject"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"
