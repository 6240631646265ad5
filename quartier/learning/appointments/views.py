"""Staff pages for appointments, counsellor availability, the calendar feed and visits.

For counsellors and learning coordinators (``APPOINTMENT_STAFF``) of the organisation
that runs the contact point; other organisations' appointments answer 404.
"""

from datetime import UTC, datetime, time, timedelta
from itertools import groupby

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import allow
from quartier.accounts.audit import log_action
from quartier.accounts.models import Membership, User
from quartier.learning.appointments import feed, slots, visits
from quartier.learning.appointments import services as appointments
from quartier.learning.appointments.access import APPOINTMENT_ROLES, APPOINTMENT_STAFF
from quartier.learning.appointments.filters import REASSIGN, AppointmentFilter, VisitUsageFilter
from quartier.learning.appointments.forms import (
    AvailabilityForm,
    OutcomeForm,
    ProposeForm,
    VisitForm,
)
from quartier.learning.appointments.services import AppointmentError
from quartier.learning.models import (
    Appointment,
    Availability,
    FeedToken,
    Visit,
    VisitKind,
)
from quartier.lib.keyset import keyset_page
from quartier.lib.languages import language_name
from quartier.people.intake import view_participant
from quartier.people.models import Participant
from quartier.places.directory import current_site_pack, site_calendar
from quartier.places.models import ContactPoint, OpeningHours

PAGE_SIZE = 50
# Free times offered on a person's booking page (the next ones first).
PERSON_SLOTS = 40


def _orgs(user) -> list[int]:
    """The organisations whose places and counsellors the user works with: the scope
    of every view here, needed by name for the records that are not scoped."""
    return APPOINTMENT_STAFF.organisations(user)


def _get_appointment(user, code) -> Appointment:
    """The appointment if the user's organisation runs it (the scope); 404 otherwise."""
    return get_object_or_404(
        Appointment.objects.select_related("contact_point", "counsellor"), public_id=code
    )


def _points(user):
    return ContactPoint.objects.filter(organisation_id__in=_orgs(user)).order_by("name")


def _detail(appointment: Appointment) -> HttpResponse:
    return redirect("learning:appointment-detail", code=appointment.public_id)


# -- Appointments ---------------------------------------------------------------


@allow(APPOINTMENT_STAFF)
def appointment_list(request: HttpRequest) -> HttpResponse:
    """Open requests first by default; filter by status and place (``AppointmentFilter``)."""
    to_reassign = appointments.needs_new_counsellor(_orgs(request.user))
    appointment_filter = AppointmentFilter(
        request.GET,
        queryset=Appointment.objects.select_related("contact_point", "counsellor"),
        points=list(_points(request.user)),
        to_reassign=to_reassign,
    )
    rows = appointment_filter.qs.order_by("start", "created_at", "pk")
    page = keyset_page(rows, request.GET.get("cursor"), per_page=PAGE_SIZE)
    zone = site_calendar(current_site_pack()).zone
    return render(
        request,
        "learning/appointments/staff_list.html",
        {
            "page": page,
            "form": appointment_filter.form,
            "zone": zone,
            "to_reassign": len(to_reassign),
            "reassign": REASSIGN,
        },
    )


@allow(APPOINTMENT_STAFF)
def appointment_detail(request: HttpRequest, code) -> HttpResponse:
    appointment = _get_appointment(request.user, code)
    log_action("learning.appointment.viewed", actor=request.user, subject=appointment)
    counsellors = User.objects.filter(
        pk__in=[u.pk for u in appointments.counsellors_for(appointment.contact_point)]
    )
    propose_form = ProposeForm(
        counsellors=counsellors,
        initial={"counsellor": appointment.counsellor_id or request.user.pk},
    )
    zone = site_calendar(current_site_pack()).zone
    return render(
        request,
        "learning/appointments/staff_detail.html",
        {
            "appointment": appointment,
            "propose_form": propose_form,
            "outcome_form": OutcomeForm(),
            "language": language_name(appointment.language),
            "zone": zone,
            "can_close": appointment.start is not None and appointment.start <= timezone.now(),
        },
    )


@allow(APPOINTMENT_STAFF)
@require_POST
def appointment_confirm(request: HttpRequest, code) -> HttpResponse:
    appointment = _get_appointment(request.user, code)
    try:
        appointments.confirm_appointment(appointment, request.user)
    except AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The appointment is confirmed; the resident is told."))
    return _detail(appointment)


@allow(APPOINTMENT_STAFF)
def appointment_propose(request: HttpRequest, code) -> HttpResponse:
    appointment = _get_appointment(request.user, code)
    counsellors = User.objects.filter(
        pk__in=[u.pk for u in appointments.counsellors_for(appointment.contact_point)]
    )
    form = ProposeForm(request.POST or None, counsellors=counsellors)
    if request.method == "POST" and form.is_valid():
        zone = site_calendar(current_site_pack()).zone
        start = form.cleaned_data["start"].replace(tzinfo=None).replace(tzinfo=zone)
        try:
            appointments.propose_time(
                appointment, request.user, start, counsellor=form.cleaned_data["counsellor"]
            )
        except AppointmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The new time is proposed; the resident is told."))
            return _detail(appointment)
    return render(
        request,
        "learning/appointments/staff_propose.html",
        {"appointment": appointment, "form": form},
    )


@allow(APPOINTMENT_STAFF)
@require_POST
def appointment_cancel(request: HttpRequest, code) -> HttpResponse:
    appointment = _get_appointment(request.user, code)
    try:
        appointments.cancel_appointment(appointment, request.user)
    except AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The appointment is cancelled; the resident is told."))
    return _detail(appointment)


@allow(APPOINTMENT_STAFF)
@require_POST
def appointment_outcome(request: HttpRequest, code) -> HttpResponse:
    appointment = _get_appointment(request.user, code)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose done or did not come."))
        return _detail(appointment)
    try:
        appointments.record_outcome(appointment, request.user, form.cleaned_data["status"])
    except AppointmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The outcome is recorded."))
    return _detail(appointment)


# -- Availability ---------------------------------------------------------------


def _staff_users(user):
    ids = Membership.objects.filter(
        organisation_id__in=_orgs(user), role__in=APPOINTMENT_ROLES
    ).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("email")


@allow(APPOINTMENT_STAFF)
def availability(request: HttpRequest) -> HttpResponse:
    form = AvailabilityForm(
        request.POST or None,
        users=_staff_users(request.user),
        contact_points=_points(request.user),
        initial={"user": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        entry = appointments.add_availability(request.user, **form.cleaned_data)
        messages.success(request, _("The availability is saved."))
        return redirect(f"{request.path}#availability-{entry.pk}")
    rows = (
        Availability.objects.filter(contact_point__organisation_id__in=_orgs(request.user))
        .select_related("user", "contact_point")
        .order_by("contact_point__name", "weekday", "starts", "pk")
    )
    return render(request, "learning/appointments/availability.html", {"form": form, "rows": rows})


@allow(APPOINTMENT_STAFF)
@require_POST
def availability_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        Availability.objects.filter(contact_point__organisation_id__in=_orgs(request.user)), pk=pk
    )
    appointments.remove_availability(entry, request.user)
    messages.success(request, _("The availability is removed."))
    return redirect("learning:availability")


# -- Calendar feed ----------------------------------------------------------------


@allow(APPOINTMENT_STAFF)
def feed_token(request: HttpRequest) -> HttpResponse:
    """Create, replace or remove the user's secret calendar address (shown once)."""
    url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            feed.revoke_feed_token(request.user)
            messages.success(request, _("The calendar address is switched off."))
            return redirect("learning:feed-token")
        raw = feed.rotate_feed_token(request.user)
        url = feed.feed_url(raw)
    token = FeedToken.objects.filter(user=request.user).first()
    return render(request, "learning/appointments/feed_token.html", {"token": token, "url": url})


# -- Visits ------------------------------------------------------------------------


@allow(APPOINTMENT_STAFF)
def visit_list(request: HttpRequest) -> HttpResponse:
    """A short form to record a visit, and today's visits."""
    form = VisitForm(request.POST or None, contact_points=_points(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visits.record_visit(request.user, **data)
        except visits.VisitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The visit is recorded."))
            return redirect("learning:visits")
    zone = site_calendar(current_site_pack()).zone
    today = timezone.now().astimezone(zone).date()
    start = datetime.combine(today, time.min, tzinfo=zone)
    today_visits = (
        Visit.objects.filter(at__gte=start)
        .filter(at__lt=start + timedelta(days=1))
        .select_related("contact_point")
        .order_by("-at", "-pk")
    )
    return render(
        request,
        "learning/visits/visits.html",
        {"form": form, "visits": today_visits, "zone": zone, "today": today},
    )


@allow(APPOINTMENT_STAFF)
def visit_usage(request: HttpRequest) -> HttpResponse:
    """Visits and people per month and kind, for one year (SQL aggregates)."""
    zone = site_calendar(current_site_pack()).zone
    usage_filter = VisitUsageFilter(
        request.GET,
        points=list(_points(request.user)),
        this_year=timezone.now().astimezone(zone).year,
    )
    year = usage_filter.year_shown
    rows = visits.usage_by_month(_orgs(request.user), year, zone, usage_filter.place_shown)
    return render(
        request,
        "learning/visits/usage.html",
        {"rows": rows, "kinds": VisitKind.choices, "year": year, "form": usage_filter.form},
    )


# -- Booking for a person, from the person page -----------------------------------


@allow(APPOINTMENT_STAFF)
def person_book(request: HttpRequest, code) -> HttpResponse:
    """Book a free time at one of the user's places for a person of their organisation.

    The person (the request's scope under ``APPOINTMENT_STAFF``, else 404) is linked to
    the appointment and their name, contact and language are taken from the record: the
    same service as the public booking (``book_appointment``), with the user as actor.
    """
    participant = get_object_or_404(Participant.objects.filter(anonymised_at=None), public_id=code)
    points = list(
        _points(request.user).prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
        )
    )
    chosen = request.POST.get("point") or request.GET.get("point")
    point = next((p for p in points if p.slug == chosen), points[0] if len(points) == 1 else None)
    calendar = site_calendar(current_site_pack())
    if request.method == "POST":
        try:
            start = datetime.fromtimestamp(int(request.POST.get("at", "")), tz=UTC)
        except (ValueError, OverflowError, OSError):
            start = None
        if point is None or start is None:
            messages.error(request, _("Choose a place and a free time."))
            return redirect(request.path)
        try:
            appointment = appointments.book_appointment(
                point,
                start,
                name=str(participant),
                email=participant.email,
                phone=participant.phone,
                language=participant.preferred_language or "de",
                participant=participant,
                actor=request.user,
            )
        except AppointmentError as error:
            messages.error(request, str(error))
            return redirect(f"{request.path}?point={point.slug}")
        messages.success(request, _("The appointment is booked."))
        return _detail(appointment)
    view_participant(participant, request.user)
    free = slots.slots_for(point, calendar=calendar)[:PERSON_SLOTS] if point else []
    zone = calendar.zone
    days = [
        {"day": day, "slots": [(slot, slot.start.astimezone(zone)) for slot in day_slots]}
        for day, day_slots in groupby(free, key=lambda slot: slot.start.astimezone(zone).date())
    ]
    return render(
        request,
        "learning/appointments/person_book.html",
        {
            "participant": participant,
            "person_url": reverse("people:detail", kwargs={"code": participant.public_id}),
            "points": points,
            "point": point,
            "days": days,
            "no_contact": not (participant.email or participant.phone),
        },
    )
