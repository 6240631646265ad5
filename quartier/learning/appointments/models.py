"""Appointments at the contact points and visits to the learning place.

Bookable slots are computed (``appointments/slots.py``), never stored: a booking is an
``Appointment`` row. A slot is never booked twice: ``appointment_one_active_per_counsellor``
refuses a second active appointment of a counsellor at the same start, and the booking
service locks the candidate counsellors' user rows while it checks overlaps
(``appointments/services.py``). Writes go through the services, which audit them.
"""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation
from quartier.places.models import ContactPoint, Weekday

__all__ = [
    "ACTIVE_STATUSES",
    "Appointment",
    "AppointmentStatus",
    "Availability",
    "FeedToken",
    "Visit",
    "VisitKind",
]


class Availability(models.Model):
    """When a counsellor takes appointments at a contact point, week by week."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="appointment_availability",
        verbose_name=_("counsellor"),
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.CASCADE,
        related_name="availability",
        verbose_name=_("contact point"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["contact_point", "weekday", "starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts__lt=models.F("ends")), name="availability_starts_before_ends"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="availability_weekday_valid"),
        ]
        indexes = [
            # Slot computation reads a contact point's availability for a date range.
            models.Index(fields=["contact_point", "weekday"], name="availability_point_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class AppointmentStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("appointment status", "Requested")
    CONFIRMED = "confirmed", pgettext_lazy("appointment status", "Confirmed")
    PROPOSED = "proposed", pgettext_lazy("appointment status", "Other time proposed")
    CANCELLED = "cancelled", pgettext_lazy("appointment status", "Cancelled")
    DONE = "done", pgettext_lazy("appointment status", "Done")
    NO_SHOW = "no_show", pgettext_lazy("appointment status", "Did not come")


# An appointment in one of these states holds its time.
ACTIVE_STATUSES = (
    AppointmentStatus.REQUESTED,
    AppointmentStatus.CONFIRMED,
    AppointmentStatus.PROPOSED,
)


# The resident's links live this long after the appointment (or after a request that never
# got a time): long enough to look up a past appointment, short enough not to last for ever.
APPOINTMENT_LINK_DAYS = 60
TOKEN_SALT = "quartier.learning.appointment-link"


def new_appointment_token() -> str:
    """Kept for migration 0001 only; tokens are derived now (`Appointment.token`)."""
    return secrets.token_urlsafe(24)


class Appointment(models.Model):
    """A resident's appointment at a contact point, or a request for one outside the slots."""

    # The resident's links (cancel, accept a proposal) carry `token`, derived from this.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("contact point"),
    )
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.REQUESTED,
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    outside_hours = models.BooleanField(
        _("individual appointment"),
        default=False,
        help_text=_("Asked for outside the bookable times; see the preferred times."),
    )
    preferred_times = models.CharField(_("preferred times"), max_length=300, blank=True)
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participant"),
    )
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["start", "pk"]
        constraints = [
            # A SLOT IS NEVER BOOKED TWICE: one active appointment per counsellor and start.
            models.UniqueConstraint(
                fields=["counsellor", "start"],
                condition=Q(status__in=["requested", "confirmed", "proposed"]),
                name="appointment_one_active_per_counsellor",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__gt=models.F("start")),
                name="appointment_ends_after_start",
            ),
        ]
        indexes = [
            # Free slots: a contact point's active appointments in a date range.
            models.Index(fields=["contact_point", "start"], name="appointment_point_start"),
            # Reminders: confirmed appointments starting soon, not yet reminded.
            models.Index(fields=["status", "start"], name="appointment_status_start"),
            # The staff list: the organisation's appointments in a state, by start.
            models.Index(
                fields=["organisation", "status", "start"], name="appointment_org_status_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_point} {self.start or '—'}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def token(self) -> str:
        """The resident's key to this appointment: derived with the secret key (HMAC), so
        nothing that grants access is stored; checked by `appointment_for_token`."""
        return f"{self.public_id.hex}-{_token_mac(self.public_id.hex)}"

    @property
    def link_expires_at(self):
        return (self.end or self.created_at) + timedelta(days=APPOINTMENT_LINK_DAYS)

    def short_name(self) -> str:
        """First name and initial of the last name: what a calendar feed may show."""
        parts = self.name.split()
        if len(parts) < 2:
            return parts[0] if parts else ""
        return f"{parts[0]} {parts[-1][0]}."


class FeedToken(models.Model):
    """A counsellor's secret calendar-feed address. Only its hash is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="appointment_feed_token",
        verbose_name=_("user"),
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return f"{self.hint}…"


class VisitKind(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    APPOINTMENT = "appointment", pgettext_lazy("visit kind", "Appointment")
    SELF_LEARNING = "self_learning", _("Self-learning at a computer")


class Visit(models.Model):
    """One visit to a contact point (the learning place), recorded for reporting its use."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.PROTECT, related_name="visits", verbose_name=_("place")
    )
    at = models.DateTimeField(_("date and time"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=15, choices=VisitKind.choices)
    people = models.PositiveSmallIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("More than one for a group that came together."),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participant"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(people__gte=1), name="visit_at_least_one_person"),
        ]
        indexes = [
            # The usage overview: a contact point's visits by month.
            models.Index(fields=["contact_point", "at"], name="visit_point_at"),
            # The visits page: the organisation's visits of today, latest first.
            models.Index(fields=["organisation", "-at"], name="visit_org_at"),
        ]

    def __str__(self) -> str:
        return f"{self.contact_point} {self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


def _token_mac(public_hex: str) -> str:
    return salted_hmac(TOKEN_SALT, public_hex, algorithm="sha256").hexdigest()[:32]


def appointment_for_token(token: str, queryset=None) -> "Appointment | None":
    """The appointment whose resident's link carries ``token``; None for a wrong or expired
    token. Unscoped: the token is the right to see it."""
    public_hex, _dash, mac = token.partition("-")
    if len(public_hex) != 32 or not constant_time_compare(_token_mac(public_hex), mac):
        return None
    try:
        public_id = uuid.UUID(hex=public_hex)
    except ValueError:
        return None
    queryset = queryset if queryset is not None else Appointment.objects.with_scopes_disabled()
    appointment = queryset.filter(public_id=public_id).first()
    if appointment is None or appointment.link_expires_at < timezone.now():
        return None
    return appointment
