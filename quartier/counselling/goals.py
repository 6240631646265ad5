"""Goals of a case and their status."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.counselling.cases import CounsellingError
from quartier.counselling.models import Case, Goal, GoalKind, GoalStatus


def add_goal(case: Case, by, *, kind: str, note: str = "") -> Goal:
    """Set a goal on an open case; it starts open."""
    if case.is_closed:
        raise CounsellingError(_("This case is closed."))
    if kind not in GoalKind.values:
        raise CounsellingError(_("Choose a goal from the list."))
    with transaction.atomic():
        goal = Goal.objects.with_scope(organisation=case.organisation_id).create(
            case=case, kind=kind, note=note.strip()
        )
        log_action(
            "counselling.goal.added",
            actor=by,
            subject=case,
            data={"case": str(case.public_id), "goal": goal.pk, "kind": kind},
        )
    return goal


def set_goal_status(goal: Goal, status: str, by, note: str | None = None) -> Goal:
    """Change a goal's status (and note); the date of the change is kept for the timeline."""
    if status not in GoalStatus.values:
        raise CounsellingError(_("Choose a status from the list."))
    fields = []
    if status != goal.status:
        goal.status = status
        goal.status_changed_on = timezone.localdate()
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
