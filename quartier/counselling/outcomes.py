"""The exit from a case and the follow-up six months later (ESF+ result indicators)."""

import calendar
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.counselling.cases import CounsellingError
from quartier.counselling.models import (
    Case,
    CaseStatus,
    Exit,
    ExitSituation,
    FollowUp,
    Improvement,
)
from quartier.people.models import EmploymentStatus, EntryData

FOLLOW_UP_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter (31 Aug → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_due_on(exit_date: date) -> date:
    return add_months(exit_date, FOLLOW_UP_MONTHS)


def record_exit(
    case: Case,
    by,
    *,
    exit_date: date,
    situation: str,
    qualification_gained: bool = False,
    certificate: str = "",
    issuer: str = "",
) -> Exit:
    """Record the exit, close the case and create its follow-up, due six months later.

    The situation is one choice, so job searching and employment exclude each
    other; a gained qualification names its certificate and issuer.
    """
    if case.is_closed:
        raise CounsellingError(_("This case is closed already."))
    if situation not in ExitSituation.values:
        raise CounsellingError(_("Choose the situation after the exit from the list."))
    if exit_date < case.opened_on:
        raise CounsellingError(_("The exit cannot be before the case was opened."))
    if exit_date > timezone.localdate():
        raise CounsellingError(_("The exit cannot be in the future."))
    certificate, issuer = certificate.strip(), issuer.strip()
    if qualification_gained and not (certificate and issuer):
        raise CounsellingError(_("Name the certificate and who issued it."))
    if not qualification_gained and (certificate or issuer):
        raise CounsellingError(_("A certificate is only recorded when a qualification was gained."))
    try:
        with transaction.atomic():
            record = Exit.objects.with_scope(organisation=case.organisation_id).create(
                case=case,
                exit_date=exit_date,
                situation=situation,
                qualification_gained=qualification_gained,
                certificate=certificate,
                issuer=issuer,
                recorded_by=by,
            )
            follow_up = FollowUp.objects.with_scope(organisation=case.organisation_id).create(
                case=case, due_on=follow_up_due_on(exit_date)
            )
            case.status, case.closed_on = CaseStatus.CLOSED, exit_date
            case.next_step, case.next_step_due = "", None
            case.save(update_fields=["status", "closed_on", "next_step", "next_step_due"])
            log_action(
                "counselling.exit.recorded",
                actor=by,
                subject=case,
                data={
                    "case": str(case.public_id),
                    "exit_date": exit_date.isoformat(),
                    "situation": situation,
                    "qualification_gained": qualification_gained,
                    "follow_up_due": follow_up.due_on.isoformat(),
                },
            )
    except IntegrityError:
        raise CounsellingError(_("This case has an exit already.")) from None
    return record


def employed_at_entry(case: Case) -> bool:
    """Was the person employed (incl. self-employed) on the day of entry? One query."""
    return (
        EntryData.objects.with_scopes_disabled()
        .filter(participant_id=case.participant_id, employment_status=EmploymentStatus.EMPLOYED)
        .exists()
    )


def record_follow_up(
    follow_up: FollowUp,
    by,
    *,
    in_employment: bool,
    improved_situation: str = "",
    done_on: date | None = None,
) -> FollowUp:
    """Record the follow-up's result.

    "Improved labour-market situation" is asked only of people employed at entry;
    for everyone else it is "not applicable", which is filled in here.
    """
    done_on = done_on or timezone.localdate()
    case = follow_up.case
    if done_on > timezone.localdate():
        raise CounsellingError(_("The follow-up cannot be done in the future."))
    if case.closed_on is not None and done_on < case.closed_on:
        raise CounsellingError(_("The follow-up cannot be before the exit."))
    if employed_at_entry(case):
        if improved_situation not in (Improvement.YES, Improvement.NO):
            raise CounsellingError(
                _("Say whether the situation improved: the person was employed at entry.")
            )
    else:
        if improved_situation not in ("", Improvement.NOT_APPLICABLE):
            raise CounsellingError(
                _("An improved situation is only asked of people employed at entry.")
            )
        improved_situation = Improvement.NOT_APPLICABLE
    with transaction.atomic():
        follow_up.done_on = done_on
        follow_up.in_employment = in_employment
        follow_up.improved_situation = improved_situation
        follow_up.recorded_by = by
        follow_up.save(
            update_fields=["done_on", "in_employment", "improved_situation", "recorded_by"]
        )
        log_action(
            "counselling.follow_up.recorded",
            actor=by,
            subject=case,
            data={
                "case": str(case.public_id),
                "in_employment": in_employment,
                "improved_situation": improved_situation,
            },
        )
    return follow_up
