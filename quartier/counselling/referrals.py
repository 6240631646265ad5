"""Referrals to a vacancy, a course or an agency, and what came of them."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.counselling.cases import CounsellingError
from quartier.counselling.models import Agency, Case, Referral, ReferralOutcome, ReferralTarget


def refer(
    case: Case,
    by,
    *,
    target: str,
    agency: str = "",
    description: str = "",
    date: date | None = None,
) -> Referral:
    """Record a referral; an agency is named exactly when the target is an agency."""
    date = date or timezone.localdate()
    if case.is_closed:
        raise CounsellingError(_("This case is closed."))
    if target not in ReferralTarget.values:
        raise CounsellingError(_("Choose where the person is referred to."))
    if target == ReferralTarget.AGENCY and agency not in Agency.values:
        raise CounsellingError(_("Choose the agency."))
    if target != ReferralTarget.AGENCY and agency:
        raise CounsellingError(_("An agency is only named for a referral to an agency."))
    if target == ReferralTarget.AGENCY and agency == Agency.OTHER and not description.strip():
        raise CounsellingError(_("Describe which agency."))
    if target != ReferralTarget.AGENCY and not description.strip():
        raise CounsellingError(_("Describe the vacancy or course."))
    if date > timezone.localdate():
        raise CounsellingError(_("A referral cannot be in the future."))
    if date < case.opened_on:
        raise CounsellingError(_("A referral cannot be before the case was opened."))
    with transaction.atomic():
        referral = Referral.objects.with_scope(organisation=case.organisation_id).create(
            case=case,
            target=target,
            agency=agency,
            description=description.strip(),
            date=date,
            counsellor=by,
        )
        log_action(
            "counselling.referral.added",
            actor=by,
            subject=case,
            data={
                "case": str(case.public_id),
                "referral": referral.pk,
                "target": target,
                "agency": agency,
            },
        )
    return referral


def record_referral_outcome(
    referral: Referral, outcome: str, by, outcome_on: date | None = None
) -> Referral:
    """Record (or correct) the outcome; back to pending clears its date."""
    if outcome not in ReferralOutcome.values:
        raise CounsellingError(_("Choose an outcome from the list."))
    if outcome == ReferralOutcome.PENDING:
        outcome_on = None
    else:
        outcome_on = outcome_on or timezone.localdate()
        if outcome_on < referral.date:
            raise CounsellingError(_("The outcome cannot be known before the referral."))
        if outcome_on > timezone.localdate():
            raise CounsellingError(_("The outcome date cannot be in the future."))
    with transaction.atomic():
        referral.outcome, referral.outcome_on = outcome, outcome_on
        referral.save(update_fields=["outcome", "outcome_on"])
        log_action(
            "counselling.referral.outcome_recorded",
            actor=by,
            subject=referral.case,
            data={
                "case": str(referral.case.public_id),
                "referral": referral.pk,
                "outcome": outcome,
            },
        )
    return referral
