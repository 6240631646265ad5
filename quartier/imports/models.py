"""An import job: an uploaded table on its way from the file to the records.

The job holds the table's cells (personal data) only while it is being worked
on: they are cleared once it is written, and stale jobs are purged (see
``services.purge_stale_jobs``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation


class ImportJob(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        PREVIEWED = "previewed", _("Checked")
        QUEUED = "queued", _("Waiting to be written")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Written")

    class Failure(models.TextChoices):
        # Why the last attempt to write did not happen; empty when it did.
        CHANGED = "changed", _("The records changed since the preview.")
        CRASHED = "crashed", _("Writing stopped with an unexpected error.")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    # Which importer reads the rows, e.g. "people.participants" (see imports.base.register).
    kind = models.CharField(_("kind"), max_length=50)
    file_name = models.CharField(_("file"), max_length=255)
    header = models.JSONField(_("column names"), default=list)
    # [[row number in the file, [cell, ...]], ...]
    rows = models.JSONField(_("rows"), default=list)
    # One entry per column: the field it fills, or "" to ignore it.
    mapping = models.JSONField(_("column mapping"), default=list)
    options = models.JSONField(_("options"), default=dict)
    # What the last check found per row; problems as codes, worded when shown.
    plan = models.JSONField(_("preview"), default=list)
    counts = models.JSONField(_("counts"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    failure = models.CharField(_("failure"), max_length=10, choices=Failure.choices, blank=True)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows written"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    finished_at = models.DateTimeField(_("written"), null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        indexes = [
            # purge_stale_jobs: unfinished jobs by age.
            models.Index(fields=["status", "created_at"], name="importjob_status_age"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        """Columns may still be chosen and the rows checked again."""
        return self.status in (self.Status.UPLOADED, self.Status.PREVIEWED)

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
