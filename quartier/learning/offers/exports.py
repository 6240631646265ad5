"""An offer's registrations as XLSX or CSV (``downloads.exports``): columns, task and view."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import allow
from quartier.downloads.exports import (
    Column,
    ListExport,
    make_list_export,
    request_list_export,
    text,
)
from quartier.learning.models import Offer, Registration, RegistrationStatus
from quartier.learning.offers import registrations
from quartier.learning.offers import services as offers
from quartier.learning.offers.access import OFFER_STAFF


def registration_rows(user, query: QueryDict, offer: Offer) -> QuerySet[Registration]:
    """The registrations the offer's page lists to this user, in its order: the
    confirmed, then the waiting list in its order. The offer is found again by the
    page's rule, so a user who may no longer see it gets no file."""
    offer = offers.get_offer(user, offer.code)
    return (
        registrations.registrations_visible_to(user, offer)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("business", "participant")
        .order_by("status", "position", "registered_at", "pk")
    )


REGISTRATIONS = ListExport(
    kind="learning.registrations",
    title=gettext_lazy("Registrations"),
    access=OFFER_STAFF,
    columns=[
        Column(gettext_lazy("Name"), lambda registration: registration.name),
        Column(
            gettext_lazy("Business"),
            lambda registration: text(registration.business and registration.business.name),
        ),
        Column(gettext_lazy("Status"), lambda registration: registration.get_status_display()),
        Column(gettext_lazy("Registered"), lambda registration: registration.get_source_display()),
        Column(
            gettext_lazy("Registered at"),
            lambda registration: timezone.localtime(registration.registered_at),
        ),
    ],
    rows=registration_rows,
    person=lambda registration: (
        str(registration.participant.public_id) if registration.participant else None
    ),
)


@task()
def export_registrations(download_id: int, file_format: str, query: str, language: str) -> None:
    make_list_export(REGISTRATIONS, download_id, file_format, query, language)


@allow(OFFER_STAFF)
def registration_export(request: HttpRequest, code, file_format: str) -> HttpResponse:
    """The offer's registrations the user sees, as XLSX or CSV; made as a download."""
    offer = offers.get_offer(request.user, code)
    back = reverse("learning:offer-detail", kwargs={"code": offer.code})
    return request_list_export(
        request, REGISTRATIONS, export_registrations, file_format, back, subject=offer
    )
