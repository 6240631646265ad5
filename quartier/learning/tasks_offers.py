"""Mails about registrations, sent in the registered person's language (django-tasks)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from quartier.learning.calendar_feed import (
    calendar_bytes,
    offer_url,
    place_text,
    registration_dates,
)
from quartier.learning.models import OfferDate, Registration, RegistrationStatus

logger = logging.getLogger(__name__)

MAIL_KINDS = ("confirmed", "waiting", "moved_up", "cancelled")
WITH_CALENDAR = ("confirmed", "moved_up")


def registration_mail(registration: Registration, kind: str) -> EmailMultiAlternatives:
    """The mail (subject, text, HTML, .ics for a place) in the registration's language."""
    from quartier.learning.registrations import cancel_token, waiting_rank

    language = registration.language or settings.LANGUAGE_CODE
    dates = registration_dates(registration)
    with translation.override(language):
        cancel_path = reverse(
            "learning-public:offer-cancel",
            kwargs={"code": registration.code, "token": cancel_token(registration)},
        )
        context = {
            "registration": registration,
            "offer": registration.offer,
            "title": registration.offer.title_text(language),
            "dates": [d for d in dates if not d.cancelled],
            "cancel_url": settings.SITE_URL + cancel_path,
            "offer_url": offer_url(registration.offer, language),
            "rank": waiting_rank(registration),
            "kind": kind,
        }
        base = f"learning/emails/offers/{kind}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[registration.email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    if kind in WITH_CALENDAR:
        message.attach(
            "offer.ics",
            calendar_bytes(dates, language),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


@task()
def send_registration_mail(registration_id: int, kind: str) -> bool:
    """Send one mail; skipped if the registration changed since (e.g. cancelled meanwhile)."""
    registration = (
        Registration.objects.with_scopes_disabled()
        .select_related("offer", "offer__organisation", "offer__contact_point")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email or kind not in MAIL_KINDS:
        return False
    expected = {
        "confirmed": RegistrationStatus.CONFIRMED,
        "moved_up": RegistrationStatus.CONFIRMED,
        "waiting": RegistrationStatus.WAITING,
        "cancelled": RegistrationStatus.CANCELLED,
    }[kind]
    if registration.status != expected:
        return False
    registration_mail(registration, kind).send()
    return True


def date_cancelled_mail(
    registration: Registration, offer_date: OfferDate
) -> EmailMultiAlternatives:
    """The mail saying one date of the offer is cancelled, in the registration's language."""
    from quartier.learning.registrations import cancel_token

    language = registration.language or settings.LANGUAGE_CODE
    offer = offer_date.offer
    with translation.override(language):
        cancel_path = reverse(
            "learning-public:offer-cancel",
            kwargs={"code": registration.code, "token": cancel_token(registration)},
        )
        context = {
            "registration": registration,
            "offer": offer,
            "title": offer.title_text(language),
            "date": offer_date,
            "place": place_text(offer, offer_date),
            "cancel_url": settings.SITE_URL + cancel_path,
            "offer_url": offer_url(offer, language),
        }
        base = "learning/emails/offers/date_cancelled"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[registration.email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message


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
