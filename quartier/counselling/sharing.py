"""Passing a case to, or sharing it with, another organisation: only with the person's consent."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.counselling.cases import CounsellingError
from quartier.counselling.models import Case, CaseShare, ShareKind
from quartier.people.consent import has_consent
from quartier.people.models import Consent, Purpose


class NoConsentError(CounsellingError):
    """The person has not consented (or has withdrawn) to pass the case to this organisation."""


def share_case(case: Case, organisation, by, kind: str = ShareKind.SHARE) -> CaseShare:
    """Share the case with (or hand it to) another organisation.

    Requires the participant's live HANDOVER consent naming that organisation;
    the share rests on that consent and ends, in effect, when it is withdrawn.
    """
    if kind not in ShareKind.values:
        raise CounsellingError(_("Choose whether to share or hand over the case."))
    if organisation.pk == case.organisation_id:
        raise CounsellingError(_("The case is held by this organisation already."))
    participant = case.participant
    if not has_consent(participant, Purpose.HANDOVER, recipient=organisation):
        raise NoConsentError(
            _(
                "%(name)s has not consented to passing the case to %(organisation)s. "
                "Record that consent first."
            )
            % {"name": participant, "organisation": organisation}
        )
    consent = (
        Consent.objects.with_scope(organisation=participant.organisation_id)
        .filter(
            participant=participant,
            purpose=Purpose.HANDOVER,
            recipient=organisation,
            withdrawn_at=None,
        )
        .get()
    )
    try:
        with transaction.atomic():
            share = CaseShare.objects.with_scope(organisation=case.organisation_id).create(
                case=case, organisation=organisation, kind=kind, consent=consent, shared_by=by
            )
            log_action(
                "counselling.case.handed_over"
                if kind == ShareKind.HANDOVER
                else "counselling.case.shared",
                actor=by,
                subject=case,
                data={"case": str(case.public_id), "with": organisation.slug, "kind": kind},
            )
    except IntegrityError:
        raise CounsellingError(
            _("The case is shared with %(organisation)s already.") % {"organisation": organisation}
        ) from None
    return share


def end_share(share: CaseShare, by) -> CaseShare:
    """Stop sharing; the recipient loses sight of the case at once."""
    with transaction.atomic():
        updated = (
            CaseShare.objects.with_scopes_disabled()
            .filter(pk=share.pk, ended_at=None)
            .update(ended_at=timezone.now())
        )
        if updated:
            log_action(
                "counselling.case.share_ended",
                actor=by,
                subject=share.case,
                data={"case": str(share.case.public_id), "with": share.organisation.slug},
            )
    share.refresh_from_db(fields=["ended_at"])
    return share
