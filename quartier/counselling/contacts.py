"""Recording a counselling contact and the next step agreed in it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.counselling.cases import CounsellingError
from quartier.counselling.models import (
    MAX_CONTACT_MINUTES,
    Case,
    CaseStatus,
    Contact,
    ContactChannel,
    Topic,
    language_code,
)


def add_contact(
    case: Case,
    by,
    *,
    date: date,
    duration_minutes: int,
    channel: str,
    language: str,
    interpreter: bool = False,
    topics: list[str] | tuple[str, ...] = (),
    notes: str = "",
    next_step: str = "",
    next_step_due: date | None = None,
) -> Contact:
    """Record a contact; the first one makes a case in intake active.

    The case's next step becomes the one agreed here, unless a later contact is
    already recorded (a contact entered afterwards does not undo a newer step).
    """
    if case.is_closed:
        raise CounsellingError(_("This case is closed."))
    if date > timezone.localdate():
        raise CounsellingError(_("A contact cannot be in the future."))
    if date < case.opened_on:
        raise CounsellingError(_("A contact cannot be before the case was opened."))
    if not 1 <= duration_minutes <= MAX_CONTACT_MINUTES:
        raise CounsellingError(
            _("The duration must be between 1 and %(max)d minutes.") % {"max": MAX_CONTACT_MINUTES}
        )
    if channel not in ContactChannel.values:
        raise CounsellingError(_("Choose a channel from the list."))
    try:
        language_code(language)
    except ValidationError:
        raise CounsellingError(_("Enter a language code such as de or kmr.")) from None
    unknown = sorted(set(topics) - set(Topic.values))
    if unknown:
        raise CounsellingError(_("Unknown topics: %(topics)s") % {"topics": ", ".join(unknown)})
    next_step = next_step.strip()
    if next_step_due is not None and not next_step:
        raise CounsellingError(_("Describe the next step that is due on this date."))
    if next_step_due is not None and next_step_due < date:
        raise CounsellingError(_("The next step cannot be due before the contact."))
    # Keep the order of the fixed list, whatever order the topics came in.
    ordered_topics = [code for code in Topic.values if code in set(topics)]
    with transaction.atomic():
        contacts = Contact.objects.with_scope(organisation=case.organisation_id)
        is_latest = not contacts.filter(case=case, date__gt=date).exists()
        contact = contacts.create(
            case=case,
            date=date,
            duration_minutes=duration_minutes,
            channel=channel,
            language=language,
            interpreter=interpreter,
            topics=ordered_topics,
            notes=notes,
            next_step=next_step,
            next_step_due=next_step_due,
            counsellor=by,
        )
        changed = []
        if is_latest:
            case.next_step, case.next_step_due = next_step, next_step_due
            changed += ["next_step", "next_step_due"]
        if case.status == CaseStatus.INTAKE:
            case.status = CaseStatus.ACTIVE
            changed.append("status")
        if changed:
            case.save(update_fields=changed)
        log_action(
            "counselling.contact.added",
            actor=by,
            subject=case,
            data={
                "case": str(case.public_id),
                "date": date.isoformat(),
                "channel": channel,
                "language": language,
                "interpreter": interpreter,
            },
        )
    return contact
