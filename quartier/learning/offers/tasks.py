"""Mails about registrations, sent in the registered person's language (django-tasks).

Nobody has confirmed the address given on the public form: of what the person typed,
the mails carry only the name (``mail_name``: short, without links), and the first
answer to a public registration goes to one address at most a few times a day
(``may_mail_unconfirmed``), so that the form cannot flood a stranger.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from quartier.learning.models import (
    OfferDate,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from quartier.learning.offers.feed import calendar_bytes, offer_url, place_text, registration_dates
from quartier.lib.mail_names import mail_name
from quartier.site.public_forms import may_mail_unconfirmed

logger = logging.getLogger(__name__)

MAIL_KINDS = ("confirmed", "waiting", "moved_up", "cancelled")
WITH_CALENDAR = ("confirmed", "moved_up")
# The answers to a registration, which anybody can send on the public page.
FIRST_KINDS = ("confirmed", "waiting")


def _common_context(registration: Registration, language: str) -> dict:
    """What every mail about a registration shows; call inside the language override."""
    from quartier.learning.offers.registrations import cancel_token

    cancel_path = reverse(
        "learning-public:offer-cancel",
        kwargs={"code": registration.code, "token": cancel_token(registration)},
    )
    offer = registration.offer
    return {
        "registration": registration,
        "offer": offer,
        "title": offer.title_text(language),
        "cancel_url": settings.SITE_URL + cancel_path,
        "offer_url": offer_url(offer, language),
        "resident_name": mail_name(registration.name),
    }


def _message(base: str, context: dict, registration: Registration, language: str):
    """Subject, text and HTML from ``base``'s templates, to the registration's address."""
    with translation.override(language):
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


def registration_mail(registration: Registration, kind: str) -> EmailMultiAlternatives:
    """The mail (subject, text, HTML, .ics for a place) in the registration's language."""
    from quartier.learning.offers.registrations import waiting_rank

    language = registration.language or settings.LANGUAGE_CODE
    dates = registration_dates(registration)
    with translation.override(language):
        context = {
            **_common_context(registration, language),
            "dates": [d for d in dates if not d.cancelled],
            "rank": waiting_rank(registration),
            "kind": kind,
        }
    message = _message(f"learning/emails/offers/{kind}", context, registration, language)
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
    if (
        kind in FIRST_KINDS
        and registration.source == RegistrationSource.PUBLIC
        and not may_mail_unconfirmed(registration.email)
    ):
        logger.warning(
            "Not sent: the %s mail of registration %s; its address has had %d such mails today",
            kind,
            registration.code,
            settings.UNCONFIRMED_MAILS_PER_DAY,
        )
        return False
    registration_mail(registration, kind).send()
    return True


def date_cancelled_mail(
    registration: Registration, offer_date: OfferDate
) -> EmailMultiAlternatives:
    """The mail saying one date of the offer is cancelled, in the registration's language."""
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            **_common_context(registration, language),
            "date": offer_date,
            "place": place_text(offer_date.offer, offer_date),
        }
    return _message("learning/emails/offers/date_cancelled", context, registration, language)


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
