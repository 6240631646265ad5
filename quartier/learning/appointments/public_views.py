"""Public appointment booking, without an account, in any of the site's languages.

Contact point → free slots of the next weeks → the resident's details → the
resident's own page (reached through an unguessable token in their e-mail), where
they cancel or answer a proposed time. Plain forms, POST-redirect-GET.
"""

from datetime import UTC, datetime
from itertools import groupby

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import PUBLIC, allow
from quartier.accounts.audit import log_action
from quartier.learning.appointments import services as appointments
from quartier.learning.appointments import slots
from quartier.learning.appointments.feed import (
    counsellor_ics,
    feed_appointments,
    user_for_feed_token,
)
from quartier.learning.appointments.forms import BookingForm, RequestForm
from quartier.learning.appointments.models import appointment_for_token
from quartier.learning.models import Appointment, AppointmentStatus
from quartier.lib.public_forms import STATUS_TOO_MANY, TOO_MANY, limit_public_form
from quartier.places.directory import current_site_pack, site_calendar
from quartier.places.models import ContactPoint, OpeningHours


def _points():
    """Contact points that take appointments (they belong to an organisation)."""
    return (
        ContactPoint.objects.filter(organisation__isnull=False)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
        )
    )


def _point(slug: str) -> ContactPoint:
    return get_object_or_404(_points(), slug=slug)


def _slot_start(request: HttpRequest) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(request.GET.get("at", "")), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


@allow(PUBLIC)
def appointments_start(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/appointments/start.html", {"points": list(_points())})


@allow(PUBLIC)
def appointment_slots(request: HttpRequest, slug: str) -> HttpResponse:
    point = _point(slug)
    calendar = site_calendar(current_site_pack())
    zone = calendar.zone
    free = slots.slots_for(point, calendar=calendar)
    days = [
        {"day": day, "slots": [(slot, slot.start.astimezone(zone)) for slot in day_slots]}
        for day, day_slots in groupby(free, key=lambda slot: slot.start.astimezone(zone).date())
    ]
    return render(
        request,
        "learning/appointments/slots.html",
        {"point": point, "days": days, "zone": zone},
    )


@allow(PUBLIC)
@limit_public_form("learning.appointment-book")
def appointment_book(request: HttpRequest, slug: str) -> HttpResponse:
    point = _point(slug)
    start = _slot_start(request)
    slot = slots.find_slot(point, start) if start is not None else None
    if slot is None:
        messages.error(request, _("This time was just taken. Please choose another one."))
        return redirect("learning-public:appointment-slots", slug=point.slug)
    form = BookingForm(request.POST or None)
    if request.limited:
        form.add_error(None, TOO_MANY)
    elif request.method == "POST" and form.is_valid():
        try:
            appointment = appointments.book_appointment(
                point, slot.start, language=get_language(), **form.cleaned_data
            )
        except appointments.AppointmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Your appointment is booked."))
            return redirect("learning-public:appointment-manage", token=appointment.token)
    zone = site_calendar(current_site_pack()).zone
    return render(
        request,
        "learning/appointments/book.html",
        {"point": point, "form": form, "slot": slot, "start": slot.start.astimezone(zone)},
        status=STATUS_TOO_MANY if request.limited else 200,
    )


@allow(PUBLIC)
@limit_public_form("learning.appointment-request")
def appointment_request(request: HttpRequest, slug: str) -> HttpResponse:
    point = _point(slug)
    form = RequestForm(request.POST or None)
    if request.limited:
        form.add_error(None, TOO_MANY)
    elif request.method == "POST" and form.is_valid():
        try:
            appointment = appointments.request_individual(
                point, language=get_language(), **form.cleaned_data
            )
        except appointments.AppointmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. We will get in touch with you."))
            return redirect("learning-public:appointment-manage", token=appointment.token)
    return render(
        request,
        "learning/appointments/request.html",
        {"point": point, "form": form},
        status=STATUS_TOO_MANY if request.limited else 200,
    )


def _by_token(token: str) -> Appointment:
    """The appointment of a resident's link; 404 for a wrong or expired token."""
    queryset = Appointment.objects.with_scopes_disabled().select_related("contact_point")
    appointment = appointment_for_token(token, queryset)
    if appointment is None:
        raise Http404
    return appointment


def _manage_page(request: HttpRequest, appointment: Appointment, status: int = 200) -> HttpResponse:
    zone = site_calendar(current_site_pack()).zone
    return render(
        request,
        "learning/appointments/manage.html",
        {
            "appointment": appointment,
            "start": appointment.start.astimezone(zone) if appointment.start else None,
            "proposed": appointment.status == AppointmentStatus.PROPOSED,
        },
        status=status,
    )


def _refuse_too_many(request: HttpRequest, appointment: Appointment) -> HttpResponse:
    messages.error(request, TOO_MANY)
    return _manage_page(request, appointment, status=STATUS_TOO_MANY)


@allow(PUBLIC)
def appointment_manage(request: HttpRequest, token: str) -> HttpResponse:
    return _manage_page(request, _by_token(token))


@allow(PUBLIC)
@require_POST
@limit_public_form("learning.appointment-manage", email_field=None)
def appointment_cancel_by_resident(request: HttpRequest, token: str) -> HttpResponse:
    appointment = _by_token(token)
    if request.limited:
        return _refuse_too_many(request, appointment)
    try:
        appointments.cancel_appointment(appointment)
    except appointments.AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your appointment is cancelled."))
    return redirect("learning-public:appointment-manage", token=token)


@allow(PUBLIC)
@require_POST
@limit_public_form("learning.appointment-manage", email_field=None)
def appointment_respond(request: HttpRequest, token: str) -> HttpResponse:
    appointment = _by_token(token)
    if request.limited:
        return _refuse_too_many(request, appointment)
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Please accept or decline the proposed time."))
        return redirect("learning-public:appointment-manage", token=token)
    try:
        appointments.respond_to_proposal(appointment, accept=answer == "accept")
    except appointments.AppointmentError as error:
        messages.error(request, str(error))
    else:
        if answer == "accept":
            messages.success(request, _("Thank you. Your appointment is confirmed."))
        else:
            messages.success(request, _("You have declined the proposed time."))
    return redirect("learning-public:appointment-manage", token=token)


@allow(PUBLIC)
def appointments_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A counsellor's confirmed appointments as iCalendar; the token is the only key."""
    user = user_for_feed_token(token)
    if user is None:
        raise Http404
    appointments_list = feed_appointments(user)
    log_action("learning.appointment.feed_read", actor=user, data={"count": len(appointments_list)})
    response = HttpResponse(
        counsellor_ics(user, appointments_list), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response
