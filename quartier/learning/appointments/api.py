"""Appointments and visits over the API (``/api/v1/learning/``), with the rules of the pages.

Public: the free slots of a contact point and booking one. Staff (counsellors and
learning coordinators, token): their organisations' appointments, confirm, propose,
cancel; visits list and record.
"""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from django.utils import translation
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.pagination import paginate

from quartier.accounts.models import User
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.api.pagination import CursorPages
from quartier.learning.appointments import services as appointments
from quartier.learning.appointments import slots, visits
from quartier.learning.appointments.access import APPOINTMENT_STAFF
from quartier.learning.appointments.services import AppointmentError
from quartier.learning.models import ACTIVE_STATUSES, Appointment, Visit, VisitKind
from quartier.lib.public_forms import limit_public_api
from quartier.places.models import ContactPoint

router = Router(tags=["appointments"])

MAX_SLOT_RANGE_DAYS = 62


class SlotRange(Schema):
    from_: date | None = Field(None, alias="from")
    to: date | None = None


class SlotOut(Schema):
    start: datetime
    end: datetime


class BookingIn(Schema):
    contact_point: str
    start: datetime
    name: str = Field(min_length=1, max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    language: str = Field("de", max_length=10)
    topic: str = Field("", max_length=300)
    note: str = Field("", max_length=2000)


class BookingOut(Schema):
    id: UUID = Field(alias="public_id")
    contact_point: str = Field(alias="contact_point.slug")
    start: datetime | None
    end: datetime | None
    status: str


class AppointmentOut(BookingOut):
    counsellor: str | None = Field(None, alias="counsellor.email")
    name: str
    email: str
    phone: str
    language: str
    topic: str
    outside_hours: bool
    preferred_times: str


class ProposeIn(Schema):
    start: datetime
    counsellor: str | None = Field(None, description="E-mail of the counsellor; default: as is")


class VisitIn(Schema):
    contact_point: str
    kind: VisitKind
    at: datetime | None = None
    people: int = Field(1, ge=1, le=200)
    language: str = Field("", max_length=10)
    duration_minutes: int | None = Field(None, ge=1, le=720)


class VisitOut(Schema):
    contact_point: str = Field(alias="contact_point.slug")
    at: datetime
    kind: str
    people: int
    language: str
    duration_minutes: int | None


def _point(slug: str) -> ContactPoint:
    point = (
        ContactPoint.objects.filter(organisation__isnull=False)
        .prefetch_related("opening_hours")
        .filter(slug=slug)
        .first()
    )
    if point is None:
        raise HttpError(404, "Not found.")
    return point


# Not paginated: computed, not stored, and bounded by the range (at most 62 days).
@router.get(
    "/contact-points/{slug}/slots",
    response={200: list[SlotOut], **errors(404, 422)},
    auth=None,
    summary="Free appointment slots of a contact point (public)",
)
def list_slots(request, slug: str, filters: Query[SlotRange]):
    from_, to = filters.from_, filters.to
    if from_ and to and to < from_:
        raise HttpError(422, "“to” must not be before “from”.")
    if from_ and to and (to - from_) > timedelta(days=MAX_SLOT_RANGE_DAYS):
        raise HttpError(422, f"Ask for at most {MAX_SLOT_RANGE_DAYS} days at a time.")
    point = _point(slug)
    return [
        {"start": s.start.astimezone(UTC), "end": s.end.astimezone(UTC)}
        for s in slots.slots_for(point, from_, to)
    ]


@router.post(
    "/appointments",
    response={201: BookingOut, **errors(400, 404, 422, 429)},
    auth=None,
    summary="Book a free slot (public); errors are in the booking's language",
)
# The booking page's limits and counters: per client address and per e-mail address.
@decorate_view(limit_public_api("learning.appointment-book", languages=appointments.language_codes))
def book(request, payload: BookingIn):
    point = _point(payload.contact_point)
    language = payload.language if payload.language in appointments.language_codes() else "de"
    with translation.override(language):
        if payload.start.tzinfo is None:
            raise HttpError(422, "Give the start with a time zone, e.g. 2026-11-25T10:00+01:00.")
        try:
            appointment = appointments.book_appointment(
                point,
                payload.start,
                name=payload.name,
                email=payload.email,
                phone=payload.phone,
                language=payload.language,
                topic=payload.topic,
                note=payload.note,
            )
        except AppointmentError as error:
            raise HttpError(422, str(error)) from None
    return Status(201, appointment)


@router.get(
    "/appointments",
    response={200: list[AppointmentOut], **errors(401, 403, 422)},
    auth=TokenAccess(APPOINTMENT_STAFF),
    summary="Appointments of my organisations' contact points",
)
@paginate(CursorPages)
def list_appointments(request, status: str = "open"):
    # The token's scope: the appointments of the organisations where the user works
    # with appointments (as on the staff pages).
    rows = Appointment.objects.select_related("contact_point", "counsellor")
    if status == "open":
        rows = rows.filter(status__in=ACTIVE_STATUSES)
    elif status != "all":
        rows = rows.filter(status=status)
    return rows.order_by("start", "created_at", "pk")


def _appointment(code: UUID) -> Appointment:
    appointment = (
        Appointment.objects.select_related("contact_point", "counsellor")
        .filter(public_id=code)
        .first()
    )
    if appointment is None:
        raise HttpError(404, "Not found.")
    return appointment


def _act(action, *args, **kwargs) -> Appointment:
    try:
        return action(*args, **kwargs)
    except AppointmentError as error:
        raise HttpError(422, str(error)) from None


@router.post(
    "/appointments/{code}/confirm",
    response={200: AppointmentOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(APPOINTMENT_STAFF),
    summary="Confirm a requested appointment",
)
def confirm(request, code: UUID):
    appointment = _appointment(code)
    return _act(appointments.confirm_appointment, appointment, request.auth)


@router.post(
    "/appointments/{code}/propose",
    response={200: AppointmentOut, **errors(400, 401, 403, 404, 422)},
    auth=TokenAccess(APPOINTMENT_STAFF),
    summary="Propose another time; the resident accepts or declines by e-mail",
)
def propose(request, code: UUID, payload: ProposeIn):
    appointment = _appointment(code)
    counsellor = None
    if payload.counsellor:
        counsellor = User.objects.filter(email__iexact=payload.counsellor).first()
        if counsellor is None:
            raise HttpError(422, "No such counsellor.")
    if payload.start.tzinfo is None:
        raise HttpError(422, "Give the start with a time zone, e.g. 2026-11-25T10:00+01:00.")
    return _act(
        appointments.propose_time, appointment, request.auth, payload.start, counsellor=counsellor
    )


@router.post(
    "/appointments/{code}/cancel",
    response={200: AppointmentOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(APPOINTMENT_STAFF),
    summary="Cancel an appointment; the resident is told",
)
def cancel(request, code: UUID):
    appointment = _appointment(code)
    return _act(appointments.cancel_appointment, appointment, request.auth)


@router.get(
    "/visits",
    response={200: list[VisitOut], **errors(401, 403, 422)},
    auth=TokenAccess(APPOINTMENT_STAFF),
    summary="Recorded visits of my organisations' places, newest first",
)
@paginate(CursorPages, page_size=100)
def list_visits(request):
    return Visit.objects.select_related("contact_point").order_by("-at", "-pk")


@router.post(
    "/visits",
    response={201: VisitOut, **errors(400, 401, 403, 422)},
    auth=TokenAccess(APPOINTMENT_STAFF),
    summary="Record a visit",
)
def create_visit(request, payload: VisitIn):
    point = ContactPoint.objects.filter(slug=payload.contact_point).first()
    if point is None:
        raise HttpError(422, "No such contact point.")
    try:
        visit = visits.record_visit(
            request.auth, contact_point=point, **payload.dict(exclude={"contact_point"})
        )
    except visits.VisitError as error:
        raise HttpError(422, str(error)) from None
    return Status(201, visit)
