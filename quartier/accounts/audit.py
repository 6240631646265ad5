"""The audit log: every write, and every read of a person's record, leaves an entry."""

import logging
from typing import Any

from django.db import models

from quartier.accounts.models import AuditEntry, Organisation

logger = logging.getLogger(__name__)

SECRET_KEYS = ("password", "token", "secret", "otp", "key")


def mask_secrets(data: dict[str, Any]) -> dict[str, Any]:
    """Replace the value of any key that looks like a secret; recurse into dicts."""
    masked: dict[str, Any] = {}
    for key, value in data.items():
        if any(part in key.lower() for part in SECRET_KEYS):
            masked[key] = "***"
        elif isinstance(value, dict):
            masked[key] = mask_secrets(value)
        else:
            masked[key] = value
    return masked


def log_action(
    code: str,
    actor=None,
    subject: models.Model | None = None,
    data: dict[str, Any] | None = None,
    organisation: Organisation | None = None,
) -> AuditEntry:
    """Write one audit entry.

    ``code`` is dotted (``people.consent.withdrawn``); ``subject`` is the record
    acted on, kept as type and id only; ``data`` is masked for secrets. The
    organisation defaults to the subject's own, then to the actor's first one.
    """
    if organisation is None and subject is not None:
        organisation = getattr(subject, "organisation", None)
        if isinstance(subject, Organisation):
            organisation = subject
    actor_user = actor if actor is not None and actor.is_authenticated else None
    if organisation is None and actor_user is not None:
        membership = actor_user.memberships.select_related("organisation").first()
        organisation = membership.organisation if membership else None
    entry = AuditEntry(
        code=code,
        actor=actor_user,
        actor_label=actor_user.email if actor_user else "",
        organisation=organisation,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        data=mask_secrets(data or {}),
    )
    entry.save()
    return entry
