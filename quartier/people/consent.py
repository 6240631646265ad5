"""Consent as a record: given in a wording and a language, withdrawn with immediate effect.

The ESF monitoring notice is kept in the same table but is no consent: it records that
the person was informed of a processing required by law (``INFORMATION_ONLY``). It is
audited as ``people.notice.given``, cannot be withdrawn, and no check of consent asks
for it (every gate names the purpose it rests on).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from quartier.accounts.audit import log_action
from quartier.people import parts
from quartier.people.models import INFORMATION_ONLY, Consent, Participant, Purpose

# The wording each purpose is currently asked in; a new wording gets a new version.
CURRENT_WORDING = dict.fromkeys(Purpose.values, "2026-1")


class ConsentError(ValueError):
    pass


def record_consent(
    participant: Participant,
    purpose: str,
    language: str,
    by,
    recipient=None,
    wording_version: str | None = None,
) -> Consent:
    """Record a consent; refuses a second live consent for the same purpose and recipient."""
    if purpose not in Purpose.values:
        raise ConsentError(f"Unknown purpose {purpose!r}")
    try:
        with transaction.atomic():
            consent = _consents(participant).create(
                participant=participant,
                purpose=purpose,
                wording_version=wording_version or CURRENT_WORDING[purpose],
                language=language,
                recorded_by=by,
                recipient=recipient,
            )
            log_action(
                "people.notice.given" if purpose in INFORMATION_ONLY else "people.consent.given",
                actor=by,
                subject=participant,
                data={"purpose": purpose, "language": language, "version": consent.wording_version},
            )
    except IntegrityError:
        raise ConsentError("This consent has already been given and not withdrawn.") from None
    return consent


def record_consents(
    participant: Participant,
    purposes: list[str],
    language: str,
    by,
    *,
    notice: bool = False,
    recipient=None,
) -> list[Consent]:
    """Record the information notice (if ``notice``) and every purpose ticked on one
    sheet, all or nothing: one refused purpose (already given, unknown) records none.

    ``recipient`` goes only to the handover; the other purposes name nobody. Each
    record is audited as ``record_consent`` does it. Returns the new records.
    """
    recorded = []
    with transaction.atomic():
        if notice:
            for information in sorted(INFORMATION_ONLY):
                recorded.append(record_consent(participant, information, language, by))
        for purpose in purposes:
            if purpose in INFORMATION_ONLY:
                raise ConsentError(f"{purpose!r} is information, not consent")
            named = recipient if purpose == Purpose.HANDOVER else None
            recorded.append(record_consent(participant, purpose, language, by, recipient=named))
    return recorded


def withdraw_consent(consent: Consent, by) -> Consent:
    """Withdraw at once; everything that checks ``has_consent`` sees it from now on.

    Every ``PersonPart.consent_withdrawn`` runs inside the transaction, so other apps
    stop what rested on the consent (people imports none of them). An information
    notice is refused: the person was informed, and that stays a fact.
    """
    if consent.purpose in INFORMATION_ONLY:
        raise ConsentError("An information notice is not a consent and cannot be withdrawn.")
    with transaction.atomic():
        updated = (
            _consents(consent.participant)
            .filter(pk=consent.pk, withdrawn_at=None)
            .update(withdrawn_at=timezone.now())
        )
        if updated:
            log_action(
                "people.consent.withdrawn",
                actor=by,
                subject=consent.participant,
                data={"purpose": consent.purpose},
            )
            for part in parts.person_parts():
                part.consent_withdrawn(consent, by)
    consent.withdrawn_at = _consents(consent.participant).get(pk=consent.pk).withdrawn_at
    return consent


def has_consent(participant: Participant, purpose: str, recipient=None) -> bool:
    """Is there a live consent for this purpose (and recipient)? One query."""
    return (
        _consents(participant)
        .filter(participant=participant, purpose=purpose, recipient=recipient, withdrawn_at=None)
        .exists()
    )


def _consents(participant: Participant):
    """Consents in the scope of the participant's own organisation, whoever asks."""
    return Consent.objects.with_scope(organisation=participant.organisation_id)
