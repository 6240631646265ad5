"""Founders and funding advice, on-site consulting.

Founders, their advice and applications, and consultations are the advising
organisation's records: their managers are scoped to it (django-scopes), like
other personal data. Funding programmes are a shared catalogue loaded from data
(``load-funding``).
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from quartier.accounts.models import Organisation
from quartier.lib.languages import in_language
from quartier.multilingual.fields import MultilingualField

__all__ = [
    "ApplicationOutcome",
    "Consultation",
    "ConsultationTopic",
    "Founder",
    "FounderStage",
    "FundingAdvice",
    "FundingApplication",
    "FundingKind",
    "FundingProgramme",
    "PremisesKind",
]


# -- Funding catalogue ----------------------------------------------------------


class FundingKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    ADVICE = "advice", _("Advice funding")
    TRAINING_SUBSIDY = "training", _("Training subsidy")


class FundingProgramme(models.Model):
    """One funding programme of the catalogue (data, loaded by ``load-funding``)."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=FundingKind.choices)
    eligibility = MultilingualField(
        _("who may apply"), blank=True, multiline=True, help_text=_("Text per language code.")
    )
    descriptions = MultilingualField(
        _("description"), blank=True, multiline=True, help_text=_("Text per language code.")
    )
    link = models.URLField(_("link"), blank=True)
    active = models.BooleanField(_("offered at present"), default=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def description(self, language: str | None = None) -> str:
        return in_language(self.descriptions or {}, language)

    def who_may_apply(self, language: str | None = None) -> str:
        return in_language(self.eligibility or {}, language)


# -- Founders ---------------------------------------------------------------------


class FounderStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    FOUNDING = "founding", _("Founding")
    FOUNDED = "founded", _("Founded")
    GIVEN_UP = "given_up", _("Given up")


class PremisesKind(models.TextChoices):
    NONE = "", _("No premises needed")
    SHOP = "shop", _("Shop")
    GASTRONOMY = "gastronomy", _("Restaurant or café")
    WORKSHOP = "workshop", _("Workshop")
    OFFICE = "office", _("Office")
    STUDIO = "studio", _("Studio")
    STORAGE = "storage", _("Storage")
    OTHER = "other", pgettext_lazy("premises", "Other")


class Founder(models.Model):
    """A person planning a business: a programme participant, or just a name and contact."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    participant = models.ForeignKey(
        "people.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="founder_records",
        verbose_name=_("participant"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes.")
    )
    business_idea = models.TextField(_("business idea"))
    sector = models.ForeignKey(
        "economy.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    premises_kind = models.CharField(
        _("premises needed"), max_length=12, choices=PremisesKind.choices, blank=True
    )
    premises_area = models.PositiveIntegerField(
        _("area needed (m²)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=FounderStage.choices, default=FounderStage.IDEA
    )
    business = models.ForeignKey(
        "economy.Business",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("business founded"),
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("advisor"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("founder")
        verbose_name_plural = _("founders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | ~Q(name=""),
                name="founder_is_participant_or_named",
            ),
        ]

    def __str__(self) -> str:
        if self.participant_id:
            return f"{self.participant.given_name} {self.participant.family_name}"
        return self.name

    @property
    def display_name(self) -> str:
        """The founder's name; reads the participant when there is one (select it along)."""
        return str(self)


class FundingAdvice(models.Model):
    """Advice given to a founder, with the programmes discussed."""

    founder = models.ForeignKey(
        Founder, on_delete=models.CASCADE, related_name="advice", verbose_name=_("founder")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("advisor"),
    )
    programmes = models.ManyToManyField(
        FundingProgramme, blank=True, related_name="+", verbose_name=_("programmes discussed")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedManager(organisation="founder__organisation")

    class Meta:
        verbose_name = _("funding advice")
        verbose_name_plural = _("funding advice")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return str(_("Advice on {date}").format(date=self.date.isoformat()))


class ApplicationOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FundingApplication(models.Model):
    """An application a founder made to a programme, and what became of it."""

    founder = models.ForeignKey(
        Founder, on_delete=models.CASCADE, related_name="applications", verbose_name=_("founder")
    )
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("programme"),
    )
    applied_on = models.DateField(_("applied on"), default=timezone.localdate)
    amount_requested = models.DecimalField(
        _("amount asked for (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ApplicationOutcome.choices,
        default=ApplicationOutcome.PENDING,
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    amount_granted = models.DecimalField(
        _("amount granted (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    objects = ScopedManager(organisation="founder__organisation")

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-applied_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme} ({self.get_outcome_display()})"


# -- On-site consulting -------------------------------------------------------------


class ConsultationTopic(models.TextChoices):
    STAFFING = "staffing", _("Staffing")
    TRAINING = "training", _("Readiness to train")
    FUNDING = "funding", _("Funding")
    ONLINE = "online", _("Online visibility and social media")
    PREMISES = "premises", _("Premises")
    LICENCES = "licences", _("Licences and permits")
    INTERCULTURAL = "intercultural", _("Intercultural questions")
    OTHER = "other", pgettext_lazy("consultation topic", "Other")


class Consultation(models.Model):
    """An on-site consultation (Vor-Ort-Beratung) of a business by an advisor.

    The business is shared programme-wide; the consultation and its notes belong
    to the advisor's organisation and are invisible to any other.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    business = models.ForeignKey(
        "economy.Business",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("business"),
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("advisor"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    # A list of ConsultationTopic codes; ``advice.consultations`` validates it.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    result = models.TextField(_("result"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("follow-up done on"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = ScopedManager(organisation="organisation")

    class Meta:
        verbose_name = _("on-site consultation")
        verbose_name_plural = _("on-site consultations")
        ordering = ["-date", "-pk"]
        indexes = [
            # "My follow-ups": an advisor's open follow-ups, soonest first.
            models.Index(
                fields=["advisor", "follow_up_done_on", "follow_up_on"],
                name="consultation_follow_ups",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Consultation on {date}").format(date=self.date.isoformat()))

    def topic_labels(self) -> list[str]:
        labels = dict(ConsultationTopic.choices)
        return [str(labels.get(code, code)) for code in self.topics]
