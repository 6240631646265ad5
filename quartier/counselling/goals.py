"""Goals of a case and their status."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.counselling.cases import CounsellingError
from quartier.counselling.models import Case, Goal, GoalKind, GoalStatus


def add_goal(case: Case, by, *, kind: str, note: str = "", set_on: date | None = None) -> Goal:
    """Set a goal on an open case; it starts open. ``set_on`` (default today) is for imports."""
    set_on = set_on or timezone.localdate()
    if not case.opened_on <= set_on <= timezone.localdate():
        raise CounsellingError(_("A goal is set between the opening of the case and today."))
    if case.is_closed:
        raise CounsellingError(_("This case is closed."))
    if kind not in GoalKind.values:
        raise CounsellingError(_("Choose a goal from the list."))
    with transaction.atomic():
        goal = Goal.objects.with_scope(organisation=case.organisation_id).create(
            case=case, kind=kind, note=note.strip(), set_on=set_on, status_changed_on=set_on
        )
        log_action(
            "counselling.goal.added",
            actor=by,
            subject=case,
            data={"case": str(case.public_id), "goal": goal.pk, "kind": kind},
        )
    return goal


def set_goal_status(
    goal: Goal, status: str, by, note: str | None = None, on: date | None = None
) -> Goal:
    """Change a goal's status (and note); the date of the change (``on``, default today)
    is kept for the timeline."""
    if status not in GoalStatus.values:
        raise CounsellingError(_("Choose a status from the list."))
    on = on or timezone.localdate()
    if not goal.set_on <= on <= timezone.localdate():
        raise CounsellingError(_("A goal changes between the day it was set and today."))
    fields = []
    if status != goal.status:
        goal.status = status
        goal.status_changed_on = on
        fields += ["status", "status_changed_on"]
    if note is not None and note.strip() != goal.note:
        goal.note = note.strip()
        fields.append("note")
    if not fields:
        return goal
    with transaction.atomic():
        goal.save(update_fields=fields)
        log_action(
            "counselling.goal.changed",
            actor=by,
            subject=goal.case,
            data={"case": str(goal.case.public_id), "goal": goal.pk, "status": goal.status},
        )
    return goal
