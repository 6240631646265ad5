"""Employers' contact requests.

A contact request is an employer's wish to meet the person behind a pseudonymous
profile; the holding organisation's counsellors ask the person and answer.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation

__all__ = ["LIVE_REQUEST_STATUSES", "ContactRequest"]


class ContactRequest(models.Model):
    """An employer asks to be put in touch with the person behind a pseudonymous profile."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("contact request", "Open")
        ASKED = "asked", _("The person has been asked")
        ACCEPTED = "accepted", pgettext_lazy("contact request", "Accepted")
        DECLINED = "declined", pgettext_lazy("contact request", "Declined")
        CANCELLED = "cancelled", pgettext_lazy("contact request", "Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    profile = models.ForeignKey(
        "competences.CompetenceProfile",
        on_delete=models.CASCADE,
        related_name="contact_requests",
        verbose_name=_("profile"),
    )
    # The organisation that holds the person and answers; copied for scoping.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("employer"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    message = models.TextField(
        _("message"), max_length=2000, help_text=_("What you offer and why this profile.")
    )
    contact = models.CharField(
        _("how to reach you"),
        max_length=300,
        help_text=_("A name, phone number or e-mail address the person may contact."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    asked_at = models.DateTimeField(_("person asked"), null=True, blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person asked by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer = models.TextField(
        _("answer to the employer"),
        max_length=2000,
        blank=True,
        help_text=_("Shown to the employer. Only what the person agreed to share."),
    )

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The counsellors' list: an organisation's requests by status, newest first.
            models.Index(
                fields=["organisation", "status", "created_at"], name="contactreq_org_status"
            ),
            # The employer's own list.
            models.Index(fields=["employer", "created_at"], name="contactreq_employer"),
        ]
        constraints = [
            # One live request per employer and profile: asking twice adds nothing.
            models.UniqueConstraint(
                fields=["profile", "employer"],
                condition=models.Q(status__in=["open", "asked"]),
                name="contactreq_one_live_per_employer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_live(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.ASKED)


LIVE_REQUEST_STATUSES = (ContactRequest.Status.OPEN, ContactRequest.Status.ASKED)
