"""The project lead's targets per indicator and period, shown against the actual figures."""

from collections.abc import Mapping

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.people.models import Project
from quartier.reporting.esf import ENTITY_LABELS, FOLLOW_UP_LABELS, OUTPUT_LABELS, RESULT_LABELS
from quartier.reporting.measures import MEASURES
from quartier.reporting.models import Target
from quartier.reporting.periods import Period

ESF_PREFIX = "EEC"


def target_code(table_key: str, row_code: str) -> str:
    """The code a target is stored under for a table's row: an ESF+ code as it is
    (EECO01), a success measure's figure as ``<measure>.<figure>``
    (``new-settlements.settlements``), since figure codes repeat between measures."""
    return row_code if row_code.startswith(ESF_PREFIX) else f"{table_key}.{row_code}"


def _esf(labels: Mapping[str, str | Promise]) -> list[tuple[str, str | Promise]]:
    # The ESF+ codes only, not the helper rows such as "entered".
    return [(code, label) for code, label in labels.items() if code.startswith(ESF_PREFIX)]


# The indicators a target may be set for, grouped as the targets page shows them: the
# ESF+ codes, then each success measure's counts (not its shares, which follow from
# two counts).
TARGET_GROUPS: list[tuple[str | Promise, list[tuple[str, str | Promise]]]] = [
    (_("ESF+ output indicators"), _esf(OUTPUT_LABELS | ENTITY_LABELS)),
    (_("ESF+ result indicators"), _esf(RESULT_LABELS | FOLLOW_UP_LABELS)),
    *[
        (
            measure.title,
            [
                (target_code(measure.code, figure.code), figure.label)
                for figure in measure.figures
                if not figure.is_rate
            ],
        )
        for measure in MEASURES
    ],
]
TARGET_LABELS: dict[str, str | Promise] = {
    code: label for _title, codes in TARGET_GROUPS for code, label in codes
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
