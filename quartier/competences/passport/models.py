"""Competence passports issued and employers' contact requests.

A passport is a PDF made from one version of a profile, in German and the
person's language; its verification code lets anyone confirm that it was
issued, and by whom, without learning anything about the person. A contact
request is an employer's wish to meet the person behind a pseudonymous profile;
the holding organisation's counsellors ask the person and answer.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation

__all__ = [
    "CODE_ALPHABET",
    "LIVE_REQUEST_STATUSES",
    "ContactRequest",
    "Passport",
    "new_verification_code",
    "normalise_code",
]

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is not mistaken.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 random bits: not enumerable, still typable


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed, as stored: upper case, no spaces or dashes, O→0, I/L→1."""
    code = "".join(typed.split()).replace("-", "").upper()
    return code.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def passport_file_name(instance: "Passport", filename: str) -> str:
    """A random name in the private media directory; no name of the person on disk."""
    return f"passports/{uuid.uuid4().hex}.pdf"


class Passport(models.Model):
    """A competence passport as issued: one PDF of one profile version in two languages."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        RENDERING = "rendering", _("Being rendered")
        READY = "ready", pgettext_lazy("passport", "Ready")
        FAILED = "failed", _("Could not be made")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("participant"),
    )
    # The issuing organisation: the one that holds the person.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, default=new_verification_code
    )
    languages = models.JSONField(_("languages"), default=list)
    profile_version = models.PositiveIntegerField(_("profile version"))
    # A hash of what the passport prints besides the profile (the person's name, the
    # issuing organisation): a corrected name makes a new passport, as a profile change does.
    printed_for = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    pdf = models.FileField(_("PDF"), upload_to=passport_file_name, blank=True, max_length=200)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    # Set when the person's data is erased or anonymised: the file is gone, the
    # verification still confirms that a passport was issued.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("competence passport")
        verbose_name_plural = _("competence passports")
        ordering = ["-issued_at", "-pk"]
        indexes = [
            # The cache lookup: this person's passport of this profile version.
            models.Index(fields=["participant", "profile_version"], name="passport_person_version"),
        ]

    def __str__(self) -> str:
        return self.display_code

    @property
    def display_code(self) -> str:
        """The code in two groups of five, as printed: ``7F3KQ-2M9XA``."""
        return f"{self.code[:5]}-{self.code[5:]}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.pdf)

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)


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
