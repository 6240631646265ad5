"""Offers, dates and registrations over the API, with the rules of the pages.

Published offers with their dates and free places are public. Registrations
are read and written by staff with a token, with exactly the rules and messages
of the staff pages: the offer's managers see all registrations, other staff
their own organisation's participants; staff register participants of their
own organisation by the participant's id.
"""

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.audit import log_action
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import Pages
from quartier.learning.models import Offer, OfferDate, Registration, RegistrationStatus
from quartier.learning.offers import attendance, registrations
from quartier.learning.offers import services as offers
from quartier.learning.offers.access import OFFER_MANAGERS, OFFER_STAFF
from quartier.learning.offers.registrations import RegistrationError
from quartier.people.models import Participant

router = Router(tags=["learning: offers"])


class DateOut(Schema):
    id: UUID = Field(alias="code")
    starts_at: datetime
    ends_at: datetime
    room: str
    cancelled: bool


class OfferOut(Schema):
    id: UUID = Field(alias="code")
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    audience: str
    organisation: str = Field(alias="organisation.slug")
    contact_point: str | None = Field(None, alias="contact_point.slug")
    room: str
    online_url: str
    capacity: int | None
    free_places: int | None
    waiting: int = Field(alias="waiting_count")
    languages: list[str]
    cost: Decimal
    cost_note: str
    registration_open: bool
    dates: list[DateOut]
    # The ESCO skills the offer teaches, by URI.
    skills: list[str]

    @staticmethod
    def resolve_free_places(offer) -> int | None:
        return offers.free_places(offer)

    @staticmethod
    def resolve_skills(offer) -> list[str]:
        return sorted(concept.uri for concept in offer.skills.all())

    @staticmethod
    def resolve_dates(offer) -> list[OfferDate]:
        return offer.all_dates


class RegistrationOut(Schema):
    id: UUID = Field(alias="code")
    status: str
    waiting_position: int | None = Field(None, alias="position")
    source: str
    name: str
    participant: UUID | None = Field(None, alias="participant.public_id")
    language: str
    registered_at: datetime


class RegistrationIn(Schema):
    participant: UUID


def _published():
    return (
        offers.with_places(Offer.objects.filter(published=True))
        .select_related("organisation", "contact_point")
        .prefetch_related(
            Prefetch(
                "dates", queryset=OfferDate.objects.order_by("starts_at"), to_attr="all_dates"
            ),
            "skills",
        )
    )


@router.get(
    "/offers",
    response={200: list[OfferOut], **errors(422)},
    auth=None,
    summary="Published offers with their dates and free places",
)
@paginate(Pages)
def list_offers(request, kind: str = ""):
    queryset = _published()
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-created_at", "-pk")


@router.get(
    "/offers/{code}",
    response={200: OfferOut, **errors(404, 422)},
    auth=None,
    summary="One published offer",
)
def get_offer(request, code: UUID):
    offer = _published().filter(code=code).first()
    if offer is None:
        raise HttpError(404, "Not found.")
    return offer


def _visible_offer(user, code: UUID) -> Offer:
    try:
        return offers.get_offer(user, code)
    except Http404:
        raise HttpError(404, "Not found.") from None


@router.get(
    "/offers/{code}/registrations",
    response={200: list[RegistrationOut], **errors(401, 403, 404, 422)},
    auth=TokenAccess(OFFER_STAFF),
    summary="Registrations of an offer that I may see (the read is audited)",
)
@paginate(Pages)
def list_registrations(request, code: UUID):
    offer = _visible_offer(request.auth, code)
    rows = (
        registrations.registrations_visible_to(request.auth, offer)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("participant")
        .order_by("registered_at", "pk")
    )
    log_action(
        "learning.registrations.viewed",
        actor=request.auth,
        subject=offer,
        data={"offer": str(offer.code), "via": "api"},
    )
    return rows


@router.post(
    "/offers/{code}/registrations",
    response={201: RegistrationOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(OFFER_STAFF),
    summary="Register a participant of my organisation",
)
def create_registration(request, code: UUID, payload: RegistrationIn):
    offer = _visible_offer(request.auth, code)
    # The token's scope: the people of the organisations where the user registers.
    participant = Participant.objects.filter(
        public_id=payload.participant, anonymised_at=None
    ).first()
    if participant is None:
        raise HttpError(404, "Participant not found.")
    try:
        registration = registrations.register(offer, request.auth, participant=participant)
    except RegistrationError as error:
        raise HttpError(422, str(error)) from None
    return Status(201, registration)


@router.post(
    "/registrations/{code}/cancel",
    response={200: RegistrationOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(OFFER_STAFF),
    summary="Cancel a registration (the first person waiting moves up)",
)
def cancel_registration(request, code: UUID):
    try:
        registration = registrations.get_registration(request.auth, code)
    except Http404:
        raise HttpError(404, "Not found.") from None
    try:
        registrations.cancel(registration, request.auth)
    except RegistrationError as error:
        raise HttpError(422, str(error)) from None
    return (
        Registration.objects.with_scopes_disabled()
        .select_related("participant")
        .get(pk=registration.pk)
    )


class AttendanceIn(Schema):
    registration: UUID
    present: bool = True


class AttendanceOut(Schema):
    registration: UUID = Field(alias="registration.code")
    date: UUID = Field(alias="date.code")
    present: bool
    recorded_at: datetime


@router.post(
    "/dates/{code}/attendance",
    response={200: AttendanceOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(OFFER_MANAGERS),
    summary="Check a person in (or out) at a date of an offer I manage",
)
def record_attendance(request, code: UUID, payload: AttendanceIn):
    offer_date = (
        OfferDate.objects.select_related("offer", "offer__organisation").filter(code=code).first()
    )
    if offer_date is None or not offers.can_manage(offer_date.offer, request.auth):
        raise HttpError(404, "Not found.")
    registration = (
        registrations.registrations_visible_to(request.auth, offer_date.offer)
        .filter(code=payload.registration, status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None:
        raise HttpError(422, "Nobody with a place in this offer has this registration id.")
    return attendance.set_attendance(registration, offer_date, payload.present, request.auth)
