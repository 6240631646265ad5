"""Appointments as iCalendar (RFC 5545): the resident's .ics and the counsellor's secret feed.

The counsellor's feed is read by calendar programs without a session, often synced
to a cloud calendar, so it shows as little as possible: the summary is
"Appointment: <first name> <initial>." and the topic; never the full name, e-mail,
phone or note. The feed address carries a secret token of which only the hash is
stored (like API tokens); rotating it makes the old address answer 404.
"""

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from quartier.accounts.audit import log_action
from quartier.accounts.models import User, hash_token
from quartier.learning.appointments.access import APPOINTMENT_STAFF
from quartier.learning.models import Appointment, AppointmentStatus, FeedToken

FEED_PREFIX = "qf_"
# Past appointments stay in the feed for a while so the calendar keeps its history.
FEED_HISTORY = timedelta(days=90)


def _address(point) -> str:
    return ", ".join(
        part for part in (point.location, point.street, f"{point.postcode} {point.city}") if part
    )


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Quartier//appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def resident_ics(appointment: Appointment) -> bytes:
    """The resident's own appointment, in the active language (call inside their language)."""
    calendar = _calendar(_("Appointment"))
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{appointment.public_id}@quartier")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end)
    event.add(
        "summary",
        _("Appointment at %(place)s") % {"place": appointment.contact_point.name},
    )
    event.add("location", _address(appointment.contact_point))
    event.add(
        "status", "CONFIRMED" if appointment.status == AppointmentStatus.CONFIRMED else "TENTATIVE"
    )
    event.add("url", manage_url(appointment))
    calendar.add_component(event)
    return calendar.to_ical()


def manage_url(appointment: Appointment) -> str:
    """The resident's page (status, cancel, answer a proposal), in the active language."""
    path = reverse("learning-public:appointment-manage", kwargs={"token": appointment.token})
    return settings.SITE_URL + path


def counsellor_ics(user: User, appointments: Iterable[Appointment]) -> bytes:
    calendar = _calendar(_("My appointments"))
    for appointment in appointments:
        event = Event()
        event.add("uid", f"{appointment.public_id}@quartier")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", appointment.start)
        event.add("dtend", appointment.end)
        summary = _("Appointment: %(name)s") % {"name": appointment.short_name()}
        if appointment.topic:
            summary = f"{summary} – {appointment.topic}"
        event.add("summary", summary)
        event.add(
            "location", f"{appointment.contact_point.name}, {_address(appointment.contact_point)}"
        )
        event.add("status", "CONFIRMED")
        path = reverse("learning:appointment-detail", kwargs={"code": appointment.public_id})
        event.add("url", settings.SITE_URL + path)
        calendar.add_component(event)
    return calendar.to_ical()


def feed_appointments(user: User) -> list[Appointment]:
    """The user's confirmed appointments, recent and coming, at the organisations where
    they take appointments now (a removed member's feed goes empty). Two queries."""
    return list(
        Appointment.objects.with_scopes_disabled()
        .filter(
            organisation_id__in=APPOINTMENT_STAFF.organisations(user),
            counsellor=user,
            status=AppointmentStatus.CONFIRMED,
            start__gte=timezone.now() - FEED_HISTORY,
        )
        .select_related("contact_point")
        .order_by("start", "pk")
    )


def rotate_feed_token(user: User) -> str:
    """Create or replace the user's feed token; returns the raw token (shown once)."""
    raw = FEED_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token, _created = FeedToken.objects.update_or_create(
            user=user,
            defaults={"digest": hash_token(raw), "hint": raw[:8], "created_at": timezone.now()},
        )
        log_action("learning.feed_token.rotated", actor=user, subject=token)
    return raw


def revoke_feed_token(user: User) -> None:
    with transaction.atomic():
        deleted, _rows = FeedToken.objects.filter(user=user).delete()
        if deleted:
            log_action("learning.feed_token.revoked", actor=user)


def user_for_feed_token(raw: str) -> User | None:
    token = (
        FeedToken.objects.select_related("user")
        .filter(digest=hash_token(raw), user__is_active=True)
        .first()
    )
    return token.user if token else None


def feed_url(raw: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        path = reverse("learning-public:appointments-feed", kwargs={"token": raw})
    return settings.SITE_URL + path
