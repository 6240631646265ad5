"""PDFs: the printable check-in list of a date and the certificate of attendance.

The certificate is printed in the person's language: the participant's
preferred language, or the one a resident chose when registering (both are
stored on the registration).

Both are made in the background (``quartier.downloads``): ``request_check_in_list``
and ``request_certificate`` audit the print and enqueue this module's tasks, which
check again that the requester still manages the offer before they render.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from django_tasks import task

from quartier.accounts.audit import log_action
from quartier.downloads.models import Download
from quartier.downloads.services import fulfil_download, request_download
from quartier.learning.models import Offer, OfferDate, Registration
from quartier.learning.offers import services as offers
from quartier.learning.offers.attendance import check_in_rows, dates_attended
from quartier.learning.offers.feed import place_text
from quartier.lib.pdf import render_pdf

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
PDF = "application/pdf"


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


# -- In the background (quartier.downloads) ------------------------------------------


def request_check_in_list(offer_date: OfferDate, by: Any, language: str) -> Download:
    """Audit the print now (``learning.check_in.printed``); the PDF is made in a task.

    Needs ``offer`` loaded; the caller has checked that ``by`` manages the offer.
    """
    offer = offer_date.offer
    when = formats.date_format(timezone.localtime(offer_date.starts_at), "SHORT_DATE_FORMAT")
    with transaction.atomic():
        log_action(
            "learning.check_in.printed", actor=by, subject=offer, data={"offer": str(offer.code)}
        )
        return request_download(
            kind="learning.check_in_list",
            label=gettext("Check-in list – %(offer)s, %(date)s")
            % {"offer": offer.title_text(language), "date": when},
            by=by,
            subject=offer_date,
            organisation_id=offer.organisation_id,
            file_name=f"check-in-{offer_date.pk}.pdf",
            content_type=PDF,
            back_url=reverse("learning:check-in", kwargs={"pk": offer_date.pk}),
            make_task=check_in_list_task,
            args=(offer_date.pk, language),
        )


def managed(offer_id: int, download: Download) -> None:
    """Refuse if the requester no longer manages the offer (a role ended meanwhile)."""
    with scopes_disabled():
        offer = Offer.objects.get(pk=offer_id)
    if not offers.can_manage(offer, download.requested_by):
        raise PermissionDenied("The requester no longer manages this offer.")


def check_in_list_for(download: Download, offer_date_id: int, language: str) -> bytes:
    offer_date = OfferDate.objects.select_related(
        "offer", "offer__organisation", "offer__contact_point"
    ).get(pk=offer_date_id)
    managed(offer_date.offer_id, download)
    return check_in_pdf(offer_date, language)


@task()
def check_in_list_task(download_id: int, offer_date_id: int, language: str) -> None:
    """Make a requested check-in list (``request_check_in_list``); does nothing twice."""
    fulfil_download(
        download_id, lambda download: check_in_list_for(download, offer_date_id, language)
    )


def request_certificate(registration: Registration, by: Any) -> Download:
    """Audit the print now (``learning.certificate.printed``); the PDF is made in a task.

    Needs ``offer`` loaded; the caller has checked that ``by`` manages the offer.
    """
    offer = registration.offer
    with transaction.atomic():
        log_action(
            "learning.certificate.printed",
            actor=by,
            subject=registration,
            organisation=offer.organisation,
            data={"registration": str(registration.code)},
        )
        return request_download(
            kind="learning.certificate",
            label=gettext("Certificate of attendance – %(name)s") % {"name": registration.name},
            by=by,
            subject=registration,
            organisation_id=offer.organisation_id,
            file_name=f"certificate-{registration.code}.pdf",
            content_type=PDF,
            back_url=reverse("learning:offer-detail", kwargs={"code": offer.code}),
            make_task=certificate_task,
            args=(registration.pk,),
        )


def certificate_for(download: Download, registration_id: int) -> bytes:
    with scopes_disabled():
        registration = Registration.objects.select_related(
            "offer", "offer__organisation", "participant"
        ).get(pk=registration_id)
        managed(registration.offer_id, download)
        return certificate_pdf(registration)


@task()
def certificate_task(download_id: int, registration_id: int) -> None:
    """Make a requested certificate (``request_certificate``); does nothing twice."""
    fulfil_download(download_id, lambda download: certificate_for(download, registration_id))
