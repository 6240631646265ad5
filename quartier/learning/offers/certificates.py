"""PDFs: the printable check-in list of a date and the certificate of attendance.

The certificate is printed in the person's language: the participant's
preferred language, or the one a resident chose when registering (both are
stored on the registration).
"""

from django.conf import settings
from django.utils import timezone

from quartier.learning.models import OfferDate, Registration
from quartier.learning.offers.attendance import check_in_rows, dates_attended
from quartier.learning.offers.feed import place_text
from quartier.lib.pdf import render_pdf

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def certificate_language(registration: Registration) -> str:
    return registration.language if registration.language in LANGUAGE_CODES else "de"


def certificate_pdf(registration: Registration) -> bytes:
    """Needs ``offer`` and its organisation loaded."""
    language = certificate_language(registration)
    offer = registration.offer
    return render_pdf(
        "learning/offers/certificate.html",
        {
            "registration": registration,
            "offer": offer,
            "organisation": offer.organisation,
            "title": offer.title_text(language),
            "dates": dates_attended(registration),
            "issued_on": timezone.localdate(),
        },
        language,
    )


def check_in_pdf(offer_date: OfferDate, language: str) -> bytes:
    offer = offer_date.offer
    return render_pdf(
        "learning/offers/check_in_pdf.html",
        {
            "offer": offer,
            "organisation": offer.organisation,
            "title": offer.title_text(language),
            "date": offer_date,
            "place": place_text(offer, offer_date),
            "rows": check_in_rows(offer_date),
        },
        language,
    )
