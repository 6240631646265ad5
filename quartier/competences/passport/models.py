"""Competence passports issued.

A passport is a PDF made from one version of a profile, in German and the
person's language; its verification code lets anyone confirm that it was
issued, and by whom, without learning anything about the person.
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
    "CODE_LENGTH",
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
