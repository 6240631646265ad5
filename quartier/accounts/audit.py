"""The audit log: every write, and every read of a person's record, leaves an entry."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from django.core import signing
from django.db import models, transaction

from quartier.accounts.models import AuditEntry, Organisation

logger = logging.getLogger(__name__)

SECRET_KEYS = ("password", "token", "secret", "otp", "key")

# Entries waiting to be written together (see `batched`); None when writing one by one.
_pending: ContextVar[list[AuditEntry] | None] = ContextVar("audit_pending", default=None)
BATCH = 1000


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


# Relations followed from a record to the person it belongs to (a qualification's
# profile's participant, a goal's case's participant); only relation names, so that
# accounts needs to know nothing of the apps that hold personal data.
PERSON_MODEL = "people.participant"
PERSON_PATH = ("participant", "profile", "case", "qualification")


def person_reference(subject: models.Model | None) -> str:
    """The public reference of the person ``subject`` belongs to, or "" for none.

    Follows the relations in PERSON_PATH (at most three steps); a relation that is
    already loaded costs no query.
    """
    current = subject
    for _step in range(4):
        if current is None:
            return ""
        if current._meta.label_lower == PERSON_MODEL:
            return str(cast(Any, current).public_id)  # a Participant (people imports accounts)
        for name in PERSON_PATH:
            field = next((f for f in current._meta.concrete_fields if f.name == name), None)
            if field is not None and field.is_relation and getattr(current, field.attname):
                current = getattr(current, name)
                break
        else:
            return ""
    return ""


def log_action(
    code: str,
    actor=None,
    subject: models.Model | None = None,
    data: dict[str, Any] | None = None,
    organisation: Organisation | int | None = None,
    person: str | None = None,
) -> AuditEntry:
    """Write one audit entry.

    ``code`` is dotted (``people.consent.withdrawn``); ``subject`` is the record
    acted on, kept as type and id only; ``data`` is masked for secrets. The
    organisation defaults to the subject's own, then to the actor's first one. The
    person defaults to the one the subject belongs to (``person_reference``).
    """
    if isinstance(organisation, int):
        organisation_id: int | None = organisation
    else:
        organisation_id = organisation.pk if organisation is not None else None
    if organisation_id is None and subject is not None:
        if isinstance(subject, Organisation):
            organisation_id = subject.pk
        elif hasattr(subject, "organisation_id"):
            organisation_id = subject.organisation_id  # no query for the organisation itself
        else:
            owner = getattr(subject, "organisation", None)
            organisation_id = owner.pk if owner is not None else None
    actor_user = actor if actor is not None and actor.is_authenticated else None
    if organisation_id is None and actor_user is not None:
        membership = actor_user.memberships.first()
        organisation_id = membership.organisation_id if membership else None
    entry = AuditEntry(
        code=code,
        actor=actor_user,
        actor_label=actor_user.email if actor_user else "",
        organisation_id=organisation_id,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        person=person if person is not None else person_reference(subject),
        data=mask_secrets(data or {}),
    )
    pending = _pending.get()
    if pending is None:
        entry.save()
    else:
        pending.append(entry)
        if len(pending) >= BATCH:
            _flush(pending)
    return entry


@contextmanager
def batched() -> Iterator[None]:
    """Write the entries logged inside the block together, in the block's transaction.

    For loads that log thousands of actions (the demo, generated data): the same
    entries, with the time each action happened, in a few statements instead of one
    each. Entries logged inside are saved only at the end of the block (or per 1 000),
    so their ``pk`` is not known there.
    """
    if _pending.get() is not None:  # already batching: the outer block writes
        yield
        return
    pending: list[AuditEntry] = []
    token = _pending.set(pending)
    try:
        with transaction.atomic():
            yield
            _flush(pending)
    finally:
        _pending.reset(token)


def _flush(pending: list[AuditEntry]) -> None:
    AuditEntry.objects.with_scopes_disabled().bulk_create(pending)
    pending.clear()


# -- Pages that reload themselves ------------------------------------------------------
# A page that refreshes itself while work runs (a passport being made) would log a read
# every few seconds. Its refresh link carries a signed marker for this user and path;
# a request with a valid, recent marker is the page reloading, not a person reading.
AUTO_REFRESH_SALT = "quartier.accounts.auto-refresh"
AUTO_REFRESH_MAX_AGE = 600  # seconds


def auto_refresh_marker(request) -> str:
    """The marker for the refresh link of the page ``request`` shows."""
    return signing.TimestampSigner(salt=AUTO_REFRESH_SALT).sign(f"{request.user.pk}:{request.path}")


def is_auto_refresh(request) -> bool:
    """Whether ``request`` is the page reloading itself (see `auto_refresh_marker`)."""
    marker = request.GET.get("auto", "")
    if not marker:
        return False
    try:
        value = signing.TimestampSigner(salt=AUTO_REFRESH_SALT).unsign(
            marker, max_age=AUTO_REFRESH_MAX_AGE
        )
    except signing.BadSignature:
        return False
    return value == f"{request.user.pk}:{request.path}"
