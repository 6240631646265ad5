"""Short contacts: counted without an intake, so without any personal data."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.people.models import Project, ShortContact


def count_short_contact(
    organisation, project: Project, by, kind: str, on: date, language: str, people: int = 1
) -> ShortContact:
    """Count one short contact (of ``people`` people); audited."""
    if kind not in ShortContact.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of contact.")})
    if on > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    if people < 1:
        raise ValidationError({"people": _("Count at least one person.")})
    with transaction.atomic():
        contact = ShortContact.objects.with_scope(organisation=organisation.pk).create(
            organisation=organisation,
            project=project,
            kind=kind,
            date=on,
            language=language,
            people=people,
            recorded_by=by,
        )
        log_action(
            "people.short_contact.counted",
            actor=by,
            subject=contact,
            data={"kind": kind, "people": people},
        )
    return contact


def month_totals(organisations: list[int], today: date | None = None) -> list[dict]:
    """This month's short contacts per kind: contacts and people. One query."""
    today = today or timezone.localdate()
    return list(
        ShortContact.objects.filter(
            organisation__in=organisations, date__gte=today.replace(day=1), date__lte=today
        )
        .values("kind")
        .annotate(contacts=Count("id"), people=Sum("people"))
        .order_by("kind")
    )
