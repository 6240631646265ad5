"""On-site consulting of businesses (Vor-Ort-Beratung) and the advisors' follow-ups.

A consultation belongs to the advisor's organisation; another organisation sees
nothing of it (404). Whether a business was advised at all ("supported SME") is
counted over every organisation, for reporting, without reading any notes.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.economy.advice.founders import ADVISING, advising_organisation
from quartier.economy.models import Business, Consultation, ConsultationTopic

WRITABLE = ("date", "topics", "result", "next_steps", "follow_up_on")


def consultations_visible_to(user) -> QuerySet[Consultation]:
    return Consultation.objects.filter(organisation_id__in=ADVISING.organisations(user))


def get_consultation(user, code) -> Consultation:
    """The consultation if the user's organisation holds it, else 404."""
    consultation = (
        consultations_visible_to(user)
        .select_related("business", "advisor", "organisation")
        .filter(public_id=code)
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def follow_ups_of(user) -> QuerySet[Consultation]:
    """The user's open follow-ups, overdue and soonest first."""
    return (
        consultations_visible_to(user)
        .filter(advisor=user, follow_up_on__isnull=False, follow_up_done_on__isnull=True)
        .select_related("business")
        .order_by("follow_up_on", "pk")
    )


def supported_businesses() -> QuerySet[Business]:
    """Businesses advised on site at least once, by any organisation ("supported SMEs").

    For reporting: one query, reads no consultation's content.
    """
    advised = Consultation.objects.with_scopes_disabled().filter(business=OuterRef("pk"))
    return Business.objects.filter(Exists(advised))


def is_supported(business: Business) -> bool:
    """Whether the business was itself advised on site (one query)."""
    return Consultation.objects.with_scopes_disabled().filter(business=business).exists()


def _validate(values: dict) -> None:
    unknown = set(values.get("topics") or []) - set(ConsultationTopic.values)
    if unknown:
        raise ValidationError(
            _("Unknown topics: %(topics)s.") % {"topics": ", ".join(sorted(unknown))}
        )
    on: date | None = values.get("date")
    if on is not None and on > timezone.localdate():
        raise ValidationError(_("A consultation cannot be recorded for a future date."))
    follow_up = values.get("follow_up_on")
    if on is not None and follow_up is not None and follow_up < on:
        raise ValidationError(_("The follow-up cannot be before the consultation."))


@transaction.atomic
def record_consultation(
    business: Business, by, organisation: Organisation | None = None, **values
) -> Consultation:
    values = {key: value for key, value in values.items() if key in WRITABLE}
    values.setdefault("date", timezone.localdate())
    _validate(values)
    consultation = Consultation(
        business=business,
        advisor=by,
        organisation=organisation or advising_organisation(by),
        **values,
    )
    consultation.topics = list(dict.fromkeys(consultation.topics or []))
    # Uniqueness of the public id is checked over every organisation.
    with scopes_disabled():
        consultation.full_clean()
    consultation.save()
    log_action(
        "economy.consultation.added",
        by,
        consultation,
        {"business": business.slug, "date": consultation.date.isoformat()},
    )
    return consultation


@transaction.atomic
def update_consultation(consultation: Consultation, by, **values) -> Consultation:
    values = {key: value for key, value in values.items() if key in WRITABLE}
    _validate({"date": consultation.date, **values})
    for key, value in values.items():
        setattr(consultation, key, value)
    # Uniqueness of the public id is checked over every organisation.
    with scopes_disabled():
        consultation.full_clean()
    consultation.save(update_fields=list(values))
    log_action("economy.consultation.changed", by, consultation, {"fields": sorted(values)})
    return consultation


@transaction.atomic
def complete_follow_up(consultation: Consultation, by, on: date | None = None) -> Consultation:
    if consultation.follow_up_on is None:
        raise ValidationError(_("This consultation has no follow-up."))
    consultation.follow_up_done_on = on or timezone.localdate()
    consultation.save(update_fields=["follow_up_done_on"])
    log_action("economy.consultation.follow_up_done", by, consultation)
    return consultation


def view_consultation(consultation: Consultation, by) -> None:
    log_action("economy.consultation.viewed", by, consultation)
