"""Creating and changing offers and their dates, and who may manage or read them.

When staff cancel a date, everyone registered or waiting is told after the commit, in
their language (``send_date_cancelled_mail``, a django-tasks task taking ids).

Learning coordinators and project leads of the organising organisation manage
an offer; counsellors see published offers to register their participants;
everybody sees published offers on the public site. Other organisations'
unpublished offers are a 404.
"""

from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.esco.models import FALLBACK_LANGUAGES, Concept, Label
from quartier.learning.models import Offer, OfferDate, Registration, RegistrationStatus
from quartier.learning.offers.access import OFFER_STAFF, managed_organisations
from quartier.learning.offers.feed import place_text
from quartier.learning.offers.registrations import (
    fill_from_waiting_list,
    mail_context,
    mail_message,
)
from quartier.lib.model_fields import model_field
from quartier.places.directory import locate_postcode

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)

OFFER_FIELDS = (
    "kind",
    "title",
    "description",
    "audience",
    "contact_point",
    "room",
    "online_url",
    "capacity",
    "languages",
    "cost",
    "cost_note",
    "published",
    "registration_open",
)


class OfferError(ValueError):
    """A write the data does not allow; the message is for the user, translated."""


def can_manage(offer: Offer, user) -> bool:
    return offer.organisation_id in managed_organisations(user)


def offers_visible_to(user) -> QuerySet[Offer]:
    """Offers of the organisations where the user works with offers, plus every published one."""
    own = OFFER_STAFF.organisations(user)
    return Offer.objects.filter(Q(organisation_id__in=own) | Q(published=True))


def get_offer(user, code, *, manage: bool = False) -> Offer:
    """The offer if the user may see it (``manage``: and manage it), else 404."""
    queryset = offers_visible_to(user).select_related("organisation", "contact_point", "quarter")
    offer = queryset.filter(code=code).first()
    if offer is None or (manage and not can_manage(offer, user)):
        raise Http404
    return offer


def get_public_offer(code) -> Offer:
    offer = (
        Offer.objects.filter(published=True, code=code)
        .select_related("organisation", "contact_point", "quarter")
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def with_places(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    """Annotate confirmed and waiting counts: one query with the offers, set-wise."""
    return queryset.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )


def free_places(offer: Offer) -> int | None:
    """Needs ``with_places``; None means no limit."""
    if offer.capacity is None:
        return None
    return max(offer.capacity - _annotated_count(offer, "confirmed_count"), 0)


def confirmed_places(offer: Offer) -> int:
    """Places taken, by everyone's registrations: the same figure the offer list shows,
    whichever organisation's people the viewer may see. One query."""
    return (
        Registration.objects.with_scopes_disabled()
        .filter(offer=offer, status=RegistrationStatus.CONFIRMED)
        .count()
    )


def _annotated_count(offer: Offer, name: str) -> int:
    """A count added by ``with_places`` (an annotation, so not known to the model)."""
    count: int = getattr(offer, name)
    return count


def upcoming_dates(now: datetime | None = None) -> Prefetch:
    """Prefetch the dates not yet over, as ``offer.upcoming``."""
    now = now or timezone.now()
    return Prefetch(
        "dates",
        queryset=OfferDate.objects.filter(ends_at__gte=now).order_by("starts_at", "pk"),
        to_attr="upcoming",
    )


def _clean_texts(fields: dict[str, Any], *, creating: bool) -> None:
    """Validate title and description through their model fields; keeps the cleaned values."""
    for name in ("title", "description"):
        if name in fields or creating:
            try:
                fields[name] = model_field(Offer, name).clean(fields.get(name), None)
            except ValidationError as error:
                raise OfferError(" ".join(error.messages)) from None


def _validate(fields: dict[str, Any]) -> None:
    unknown = [code for code in fields.get("languages", []) if code not in LANGUAGE_CODES]
    if unknown:
        raise OfferError(
            _("Unknown language codes: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}
        )
    if not fields.get("languages"):
        raise OfferError(_("Name at least one language of instruction."))
    if not fields.get("contact_point") and not fields.get("online_url"):
        raise OfferError(_("Choose a place or give the link of the online offer."))
    capacity = fields.get("capacity")
    if capacity is not None and capacity < 1:
        raise OfferError(_("The number of places must be at least 1, or empty for no limit."))
    if (fields.get("cost") or 0) < 0:
        raise OfferError(_("The cost cannot be negative."))


def _quarter_of(contact_point):
    if contact_point is None:
        return None
    quarter, _neighbourhood = locate_postcode(contact_point.postcode)
    return quarter


def create_offer(organisation: Organisation, by, **fields) -> Offer:
    """Create an offer of ``organisation``; validates, audits, returns it."""
    _clean_texts(fields, creating=True)
    _validate(fields)
    with transaction.atomic():
        offer = Offer(organisation=organisation, created_by=by, **fields)
        offer.quarter = _quarter_of(offer.contact_point)
        offer.save()
        log_action(
            "learning.offer.created",
            actor=by,
            subject=offer,
            data={"offer": str(offer.code), "kind": offer.kind},
        )
    return offer


def change_offer(offer: Offer, by, **fields) -> Offer:
    """Change an offer; more places move people up from the waiting list."""
    _clean_texts(fields, creating=False)
    merged = {name: getattr(offer, name) for name in OFFER_FIELDS} | fields
    _validate(merged)
    with transaction.atomic():
        changed = sorted(name for name, value in fields.items() if getattr(offer, name) != value)
        for name, value in fields.items():
            setattr(offer, name, value)
        offer.quarter = _quarter_of(offer.contact_point)
        offer.save(update_fields=[*fields, "quarter"])
        log_action(
            "learning.offer.changed",
            actor=by,
            subject=offer,
            data={"offer": str(offer.code), "fields": changed},
        )
        if "capacity" in changed:
            fill_from_waiting_list(offer, by)
    return offer


def set_skills(offer: Offer, by, concepts: list[Concept]) -> Offer:
    """Replace the ESCO skills the offer teaches; audited with their URIs.

    Only skills, not occupations: matching compares them with the essential skills a
    vacancy asks for.
    """
    if any(concept.kind != Concept.Kind.SKILL for concept in concepts):
        raise OfferError(_("Choose a skill, not an occupation."))
    unique = list({concept.pk: concept for concept in concepts}.values())
    with transaction.atomic():
        offer.skills.set(unique)
        log_action(
            "learning.offer.skills_set",
            actor=by,
            subject=offer,
            data={"offer": str(offer.code), "skills": sorted(c.uri for c in unique)},
        )
    return offer


def skill_labels(offer: Offer, language: str) -> list[tuple[int, str]]:
    """The ESCO skills the offer teaches as (id, preferred label in ``language``, else
    German, else English), by label. One query."""
    order = (language, *FALLBACK_LANGUAGES)
    taught = Offer.skills.through.objects.filter(offer_id=offer.pk).values("concept_id")
    best: dict[int, tuple[int, str]] = {}
    for concept_id, code, text in Label.objects.filter(
        concept_id__in=taught, kind=Label.Kind.PREFERRED, language__in=order
    ).values_list("concept_id", "language", "text"):
        rank = order.index(code)
        if concept_id not in best or rank < best[concept_id][0]:
            best[concept_id] = (rank, text)
    return sorted(((pk, text) for pk, (_rank, text) in best.items()), key=lambda p: p[1].casefold())


def add_date(offer: Offer, by, starts_at: datetime, ends_at: datetime, room: str = "") -> OfferDate:
    if ends_at <= starts_at:
        raise OfferError(_("A date must end after it starts."))
    with transaction.atomic():
        offer_date = OfferDate.objects.create(
            offer=offer, starts_at=starts_at, ends_at=ends_at, room=room
        )
        log_action(
            "learning.date.added",
            actor=by,
            subject=offer,
            data={"offer": str(offer.code), "starts_at": starts_at.isoformat()},
        )
    return offer_date


def cancel_date(offer_date: OfferDate, by) -> OfferDate:
    """Mark a date cancelled; it stays in the calendar feed with STATUS:CANCELLED."""
    if offer_date.cancelled:
        return offer_date
    with transaction.atomic():
        offer_date.cancelled = True
        offer_date.save(update_fields=["cancelled"])
        log_action(
            "learning.date.cancelled",
            actor=by,
            subject=offer_date.offer,
            data={"offer": str(offer_date.offer.code), "date": str(offer_date.code)},
        )
        _mail_date_cancelled_after_commit(offer_date)
    return offer_date


def _mail_date_cancelled_after_commit(offer_date: OfferDate) -> None:
    """Each live registration (confirmed or waiting) with an e-mail address is told."""
    ids = list(
        Registration.objects.with_scopes_disabled()
        .filter(
            offer_id=offer_date.offer_id,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING),
        )
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for registration_id in ids:
        transaction.on_commit(
            partial(send_date_cancelled_mail.enqueue, registration_id, offer_date.pk)
        )


def date_cancelled_mail(
    registration: Registration, offer_date: OfferDate
) -> EmailMultiAlternatives:
    """The mail saying one date of the offer is cancelled, in the registration's language."""
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            **mail_context(registration, language),
            "date": offer_date,
            "place": place_text(offer_date.offer, offer_date),
        }
    return mail_message("learning/emails/offers/date_cancelled", context, registration, language)


@task()
def send_date_cancelled_mail(registration_id: int, date_id: int) -> bool:
    """Tell one registered person a date is cancelled; skipped if they cancelled meanwhile."""
    registration = (
        Registration.objects.with_scopes_disabled()
        .select_related("offer", "offer__organisation")
        .filter(pk=registration_id)
        .first()
    )
    offer_date = (
        OfferDate.objects.select_related("offer", "offer__organisation", "offer__contact_point")
        .filter(pk=date_id, cancelled=True)
        .first()
    )
    if registration is None or offer_date is None or not registration.email:
        return False
    if registration.offer_id != offer_date.offer_id or registration.status not in (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ):
        return False
    date_cancelled_mail(registration, offer_date).send()
    return True
