"""The offers' part of the data-subject rights, and the retention of residents' registrations.

Export: a participant's registrations (offer, status, when) and the dates they
attended. Erasure: registrations are needed to run an offer and to count who
took part, so they stay until the project's retention date; the contact
details a registration may hold are cleared at once. Anonymisation: the name
copied onto the registration becomes a placeholder; attendance stays, without
a name, for the counts.

Residents who register on the public site without being participants are
promised that their details go once the offer is over:
``anonymise_past_public_registrations`` clears name, e-mail and phone of every
public registration whose offer's last date ended more than
``PUBLIC_RETENTION`` ago (``quartier anonymise-registrations``, daily).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.downloads.services import discard_downloads
from quartier.learning.models import (
    Attendance,
    OfferDate,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from quartier.people import rights
from quartier.people.parts import Exporter

PUBLIC_RETENTION = timedelta(days=90)
ANONYMISED_NAME = "Anonymised"


def _unscoped(model):
    return model.objects.with_scopes_disabled()


def registration_rows(participant) -> list[dict]:
    """The person's registrations with the number of dates attended. Two queries."""
    registrations = list(
        _unscoped(Registration)
        .filter(participant=participant)
        .select_related("offer", "offer__organisation")
        .order_by("registered_at", "pk")
    )
    attended: dict[int, list[str]] = {}
    for registration_id, starts_at in (
        _unscoped(Attendance)
        .filter(registration__participant=participant, present=True)
        .values_list("registration_id", "date__starts_at")
        .order_by("date__starts_at")
    ):
        attended.setdefault(registration_id, []).append(starts_at)
    return [
        {
            "offer": registration.offer.title_text("de"),
            "organiser": str(registration.offer.organisation),
            "status": registration.status,
            "registered_at": registration.registered_at,
            "cancelled_at": registration.cancelled_at,
            "dates_attended": attended.get(registration.pk, []),
        }
        for registration in registrations
    ]


def discard_printed(participant_ids: list[int]) -> None:
    """Delete the certificates and check-in lists made while these people were registered.

    Both print the person's name; they must not outlive the erasure (a check-in list
    of one of their dates goes too, and is simply printed again if needed).
    """
    registrations = list(
        _unscoped(Registration)
        .filter(participant_id__in=participant_ids)
        .values_list("pk", "offer_id")
    )
    discard_downloads(Registration, [pk for pk, _offer in registrations])
    dates = OfferDate.objects.filter(offer_id__in={offer for _pk, offer in registrations})
    discard_downloads(OfferDate, list(dates.values_list("pk", flat=True)))


def erase(participant, by) -> None:
    discard_printed([participant.pk])
    cleared = (
        _unscoped(Registration)
        .filter(participant=participant)
        .exclude(email="", phone="")
        .update(email="", phone="")
    )
    log_action(
        "learning.registrations.erased", actor=by, subject=participant, data={"cleared": cleared}
    )


def anonymise(participant_ids: list[int]) -> None:
    if participant_ids:
        discard_printed(participant_ids)
        _unscoped(Registration).filter(participant_id__in=participant_ids).update(
            name=ANONYMISED_NAME, email="", phone=""
        )


def anonymise_past_public_registrations(now=None) -> int:
    """Clear the details of residents' registrations for offers over since the retention time."""
    cutoff = (now or timezone.now()) - PUBLIC_RETENTION
    last_end = (
        OfferDate.objects.filter(offer=OuterRef("offer"))
        .values("offer")
        .annotate(last=Max("ends_at"))
        .values("last")
    )
    with transaction.atomic():
        count = (
            _unscoped(Registration)
            .filter(source=RegistrationSource.PUBLIC)
            .exclude(name=ANONYMISED_NAME)
            .annotate(last_end=Subquery(last_end))
            .filter(last_end__lt=cutoff)
            .update(name=ANONYMISED_NAME, email="", phone="")
        )
        if count:
            log_action("learning.registrations.anonymised", data={"count": count})
    return count


def export_sections() -> list[Exporter]:
    """The registrations section of the export (``offers/person.py`` offers it to people)."""
    section = rights.export_section(
        "learning",
        registration_rows,
        title=_("Courses and events"),
        labels={
            "offer": _("offer"),
            "organiser": _("organising organisation"),
            "status": _("status"),
            "registered_at": _("registered at"),
            "cancelled_at": _("cancelled at"),
            "dates_attended": _("dates attended"),
        },
        choices={"status": dict(RegistrationStatus.choices)},
    )
    return [section]
