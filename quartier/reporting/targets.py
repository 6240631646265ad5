"""The project lead's targets per indicator and period, shown against the actual figures."""

from django.db import transaction

from quartier.accounts.audit import log_action
from quartier.people.models import Project
from quartier.reporting.esf import ENTITY_LABELS, FOLLOW_UP_LABELS, OUTPUT_LABELS, RESULT_LABELS
from quartier.reporting.models import Target
from quartier.reporting.periods import Period

# The indicators a target may be set for: the ESF+ codes (not the helper rows such as
# "entered"). Success measures add theirs by code the same way.
TARGET_LABELS = {
    code: label
    for code, label in (OUTPUT_LABELS | ENTITY_LABELS | RESULT_LABELS | FOLLOW_UP_LABELS).items()
    if code.startswith("EEC")
}


def targets_for(project: Project, period: Period) -> dict[str, int]:
    """{code: target} of ``project`` for exactly ``period`` (by its key). One query."""
    return dict(
        Target.objects.filter(project=project, period_key=period.key).values_list("code", "value")
    )


def share_reached(actual: int | None, target: int | None) -> int | None:
    """The actual figure as a whole percentage of the target; None where either is
    unknown (a hidden figure, no target) or the target is 0."""
    if actual is None or not target:
        return None
    return round(100 * actual / target)


def save_targets(project: Project, period: Period, values: dict[str, int | None], by) -> list[str]:
    """Set the targets of ``period`` (None clears one); audited with the codes changed.

    Returns the codes changed.
    """
    unknown = set(values) - set(TARGET_LABELS)
    if unknown:
        raise ValueError(f"Unknown indicator codes: {sorted(unknown)}")
    current = targets_for(project, period)
    changed = sorted(code for code, value in values.items() if current.get(code) != value)
    if not changed:
        return []
    with transaction.atomic():
        for code in changed:
            value = values[code]
            if value is None:
                Target.objects.filter(project=project, period_key=period.key, code=code).delete()
            else:
                Target.objects.update_or_create(
                    project=project, period_key=period.key, code=code, defaults={"value": value}
                )
        log_action(
            "reporting.targets.changed",
            actor=by,
            data={"project": project.slug, "period": period.key, "codes": changed},
        )
    return changed
