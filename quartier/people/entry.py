"""ESF+ entry data: who may see the special categories, what is complete, and changing it."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.access import roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Role
from quartier.people.models import ENTRY_DATA_DEADLINE, EmploymentStatus, EntryData, Participant

# Art. 9 GDPR: only the holding organisation's counsellors and project leads see these.
SPECIAL_CATEGORIES = ("disability", "minority")
SPECIAL_CATEGORY_READERS = roles(Role.COUNSELLOR, Role.PROJECT_LEAD)

ENTRY_FIELDS = (
    "entry_date",
    "employment_status",
    "registration",
    "unemployed_since",
    "isced",
    "foreign_background",
    *SPECIAL_CATEGORIES,
    "housing_exclusion",
)

# The database's version of ``EntryData.is_complete``, for lists, filters and reports.
# Reached from Participant through ``entry__``; keep it in step with ``missing_fields``.
COMPLETE = (
    ~Q(entry__employment_status="")
    & ~Q(entry__isced="")
    & ~Q(entry__employment_status=EmploymentStatus.UNEMPLOYED, entry__unemployed_since=None)
)


def can_see_special_categories(user, participant: Participant) -> bool:
    """Counsellors and project leads of the organisation that holds the person."""
    return participant.organisation_id in SPECIAL_CATEGORY_READERS.organisations(user)


def overdue_cutoff(today: date | None = None) -> date:
    """Incomplete entry data whose entry date lies before this day is past its deadline."""
    return (today or timezone.localdate()) - ENTRY_DATA_DEADLINE


def is_overdue(entry: EntryData, today: date | None = None) -> bool:
    return not entry.is_complete and entry.deadline < (today or timezone.localdate())


def entry_data_errors(values: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """What is wrong with a full set of entry data values, by field name.

    Incomplete data is allowed (the deadline is four weeks); contradictory data is not.
    """
    today = today or timezone.localdate()
    errors: dict[str, Any] = {}
    entry_date = values.get("entry_date")
    status = values.get("employment_status")
    since = values.get("unemployed_since")
    if entry_date and entry_date > today:
        errors["entry_date"] = _("The date of entry cannot be in the future.")
    if status == EmploymentStatus.UNEMPLOYED and not since:
        errors["unemployed_since"] = _("Enter since when the person has been unemployed.")
    elif since and status != EmploymentStatus.UNEMPLOYED:
        errors["unemployed_since"] = _("Only for people who are unemployed; leave it empty.")
    elif since and since > today:
        errors["unemployed_since"] = _("This date cannot be in the future.")
    elif since and entry_date and since > entry_date:
        errors["unemployed_since"] = _("This date cannot be after the date of entry.")
    return errors


def change_entry_data(participant: Participant, by, **fields) -> EntryData:
    """Change the person's ESF+ entry data; audited by field names only, never values.

    Refuses special categories to anybody who may not see them, and contradictory
    values (``entry_data_errors``) with a ValidationError.
    """
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown entry data fields: {sorted(unknown)}")
    if set(fields) & set(SPECIAL_CATEGORIES) and not can_see_special_categories(by, participant):
        raise PermissionDenied("Special categories are for counsellors and project leads.")
    entry = EntryData.objects.with_scope(organisation=participant.organisation_id).get(
        participant=participant
    )
    values = {name: getattr(entry, name) for name in ENTRY_FIELDS} | fields
    errors = entry_data_errors(values)
    if errors:
        raise ValidationError(errors)
    changed = sorted(name for name, value in fields.items() if getattr(entry, name) != value)
    if not changed:
        return entry
    with transaction.atomic():
        for name in changed:
            setattr(entry, name, fields[name])
        update = list(changed)
        if entry.is_complete != (entry.completed_at is not None):
            entry.completed_at = timezone.now() if entry.is_complete else None
            update.append("completed_at")
        entry.save(update_fields=update)
        log_action(
            "people.entry.changed",
            actor=by,
            subject=participant,
            data={"fields": changed, "complete": entry.is_complete},
        )
    return entry
