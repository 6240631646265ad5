"""Offers of the learning place and the quarter: dates, registrations, waiting lists, attendance.

Offers and their dates are public information (when published). Registrations
and attendance are personal data: their managers are scoped to the organisation
that runs the offer (django-scopes). Counsellors who registered their own
participants, and businesses that registered their staff, read them through the
explicit queries in ``quartier.learning.offers.registrations``. Writes go through the
services there and in ``services.py`` and ``attendance.py``, which audit them.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation
from quartier.lib.languages import in_language
from quartier.multilingual.fields import MultilingualField

__all__ = [
    "Attendance",
    "Audience",
    "Offer",
    "OfferDate",
    "OfferKind",
    "Registration",
    "RegistrationSource",
    "RegistrationStatus",
]


class OfferKind(models.TextChoices):
    COURSE = "course", _("Course or qualification")
    TASTER = "taster", _("Taster training")
    TABLE = "table", _("Neighbourhood table")
    EVENT = "event", _("Quarter event")
    BUSINESS = "business", _("Small-group format for businesses")
    INFO = "info", _("Information session")
    AEVO = "aevo", _("Trainer aptitude preparation")


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    BUSINESSES = "businesses", _("Businesses")
    EVERYONE = "everyone", _("Everyone")


class Offer(models.Model):
    """A course, training, table or event, with one or many dates and one capacity."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organising organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OfferKind.choices)
    title = MultilingualField(
        _("title"),
        max_length=200,
        help_text=_("One text per language code; German is the fallback."),
    )
    description = MultilingualField(
        _("description"),
        blank=True,
        multiline=True,
        help_text=_("One text per language code; German is the fallback."),
    )
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE
    )
    contact_point = models.ForeignKey(
        "places.ContactPoint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("place"),
    )
    room = models.CharField(_("room"), max_length=200, blank=True)
    online_url = models.URLField(
        _("online at"), blank=True, help_text=_("The link for an offer held online.")
    )
    # Where the contact point's postcode is counted; set by ``offers.save_offer``
    # so that the public calendar filters by quarter in one join.
    quarter = models.ForeignKey(
        "places.Quarter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("quarter"),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "For all dates together; a course's registrations count for every date. "
            "Empty: no limit."
        ),
    )
    languages = models.JSONField(
        _("languages of instruction"), default=list, help_text=_("Language codes such as de, ar.")
    )
    cost = models.DecimalField(_("cost (EUR)"), max_digits=8, decimal_places=2, default=0)
    cost_note = models.CharField(_("note on the cost"), max_length=200, blank=True)
    published = models.BooleanField(_("published"), default=False)
    # What the offer teaches, as ESCO skills: matching names the offer beside a
    # missing essential skill, and the skill-gap report counts skills no offer teaches.
    skills = models.ManyToManyField(
        "esco.Concept",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "skill"},
        verbose_name=_("skills taught (ESCO)"),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="offer_capacity_positive",
            ),
            models.CheckConstraint(condition=Q(cost__gte=0), name="offer_cost_not_negative"),
        ]
        indexes = [
            # The public calendar: published offers, filtered by kind.
            models.Index(fields=["published", "kind"], name="offer_published_kind"),
            # The staff list: an organisation's offers.
            models.Index(fields=["organisation", "created_at"], name="offer_org_created"),
        ]

    def __str__(self) -> str:
        return self.title_text()

    def title_text(self, language: str | None = None) -> str:
        return in_language(self.title, language)

    def description_text(self, language: str | None = None) -> str:
        return in_language(self.description, language)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and self.contact_point_id is None

    @property
    def is_free(self) -> bool:
        return not self.cost


class OfferDate(models.Model):
    """One date of an offer; a course has many, an event one."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="dates", verbose_name=_("offer")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(
        _("room"), max_length=200, blank=True, help_text=_("Only if not the offer's room.")
    )
    cancelled = models.BooleanField(pgettext_lazy("offer date", "cancelled"), default=False)

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="offerdate_ends_after_start"
            ),
        ]
        indexes = [
            # Upcoming dates of the published offers (public calendar and feed).
            models.Index(fields=["starts_at", "offer"], name="offerdate_start"),
        ]

    def __str__(self) -> str:
        return f"{self.offer} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def room_text(self) -> str:
        """Needs the offer loaded."""
        return self.room or self.offer.room


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class RegistrationSource(models.TextChoices):
    STAFF = "staff", _("By staff for a participant")
    PUBLIC = "public", _("By the person on the public site")
    BUSINESS = "business", _("By a business for its staff")


ACTIVE = ~Q(status=RegistrationStatus.CANCELLED)


class Registration(models.Model):
    """A place (or a place on the waiting list) in an offer, for one person.

    ``position`` orders the waiting list: set while waiting, empty otherwise. It
    keeps gaps when people move up or cancel; the rank shown is computed.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("offer")
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    position = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    source = models.CharField(_("registered"), max_length=10, choices=RegistrationSource.choices)
    participant = models.ForeignKey(
        "people.Participant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("participant"),
    )
    business = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("business"),
    )
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = ScopedManager(organisation="offer__organisation")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            # Nobody twice: the same participant, e-mail, phone or business staff
            # member holds at most one live registration per offer.
            models.UniqueConstraint(
                fields=["offer", "participant"],
                condition=ACTIVE & Q(participant__isnull=False),
                name="registration_one_per_participant",
            ),
            models.UniqueConstraint(
                "offer",
                Lower("email"),
                condition=ACTIVE & ~Q(email=""),
                name="registration_one_per_email",
            ),
            models.UniqueConstraint(
                "offer",
                "phone",
                condition=ACTIVE & ~Q(phone="") & Q(source="public"),
                name="registration_one_per_phone",
            ),
            models.UniqueConstraint(
                "offer",
                "business",
                Lower("name"),
                condition=ACTIVE & Q(business__isnull=False),
                name="registration_one_per_business_name",
            ),
            # Waiting-list positions never repeat within an offer.
            models.UniqueConstraint(
                fields=["offer", "position"],
                condition=Q(status=RegistrationStatus.WAITING),
                name="registration_unique_waiting_position",
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.WAITING, position__isnull=False)
                | (~Q(status=RegistrationStatus.WAITING) & Q(position__isnull=True)),
                name="registration_position_only_when_waiting",
            ),
        ]
        indexes = [
            # Counting confirmed places and the waiting list of an offer.
            models.Index(fields=["offer", "status"], name="registration_offer_status"),
            # Reporting, "offers of the learning place" (reporting.measures._learning_offers):
            # the registrations made in a period, with their offer and status.
            models.Index(
                fields=["registered_at", "offer"],
                include=["status"],
                name="registration_made",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class Attendance(models.Model):
    """Whether a registered person came to one date. No row: not checked in (yet)."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("registration"),
    )
    date = models.ForeignKey(
        OfferDate, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("date")
    )
    present = models.BooleanField(_("present"), default=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ScopedManager(organisation="registration__offer__organisation")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["date__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "date"], name="attendance_once"),
        ]
        indexes = [
            # Reporting, those present at the dates of a period (reporting.measures
            # ``_attendance``): the attendances checked in as present, by date, with
            # their registration, read from the index alone.
            models.Index(
                fields=["date", "registration"],
                condition=Q(present=True),
                name="attendance_present",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration.name} {self.date}"
