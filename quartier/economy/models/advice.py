"""Founders and funding advice, on-site consulting, vacancies and training places.

Founders, their advice and applications, and consultations are the advising
organisation's records: their managers are scoped to it (django-scopes), like
other personal data. Funding programmes are a shared catalogue loaded from data
(``load-funding``). Vacancies belong to a business and are shared programme-wide
like businesses; an employer edits only its own business's vacancies.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
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
    "PayPeriod",
    "PremisesKind",
    "Vacancy",
    "VacancyKind",
    "VacancyLanguage",
    "VacancySkill",
    "VacancyStatus",
]

language_code = RegexValidator(r"^[a-z]{2,3}$", _("Enter a language code such as de or kmr."))


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
    # A list of ConsultationTopic codes; ``advice_consultations`` validates it.
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


# -- Vacancies and training places ----------------------------------------------------


class VacancyKind(models.TextChoices):
    JOB = "job", _("Job")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    INTERNSHIP = "internship", _("Internship")
    MINI_JOB = "minijob", _("Mini-job")
    VOLUNTEER = "volunteer", _("Volunteering")


class VacancyStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("vacancy status", "Open")
    FILLED = "filled", _("Filled")
    WITHDRAWN = "withdrawn", pgettext_lazy("vacancy status", "Withdrawn")


class PayPeriod(models.TextChoices):
    HOUR = "hour", _("per hour")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


class Vacancy(models.Model):
    """A vacancy or training place of a business. Shared programme-wide like the business."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    business = models.ForeignKey(
        "economy.Business",
        on_delete=models.CASCADE,
        related_name="vacancies",
        verbose_name=_("business"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=VacancyKind.choices)
    titles = MultilingualField(_("title"), max_length=200, help_text=_("Text per language code."))
    descriptions = MultilingualField(
        _("description"), blank=True, multiline=True, help_text=_("Text per language code.")
    )
    occupation = models.ForeignKey(
        "esco.Concept",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
        verbose_name=_("occupation (ESCO)"),
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    pay_min = models.DecimalField(
        _("pay from (EUR)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    pay_max = models.DecimalField(
        _("pay up to (EUR)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    pay_period = models.CharField(
        _("pay period"), max_length=5, choices=PayPeriod.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    filled_by = models.ForeignKey(
        "people.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filled by participant"),
    )
    filled_on = models.DateField(_("filled on"), null=True, blank=True)
    published = models.BooleanField(
        _("published on the public site"), default=False, help_text=_("Only while open.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_by_business = models.BooleanField(_("entered by the business"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("vacancy or training place")
        verbose_name_plural = _("vacancies and training places")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True)
                | Q(pay_max__isnull=True)
                | Q(pay_max__gte=models.F("pay_min")),
                name="vacancy_pay_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(filled_by__isnull=True) | Q(status="filled"),
                name="vacancy_filled_by_only_when_filled",
            ),
        ]
        indexes = [
            # The public list: published open vacancies, newest first.
            models.Index(fields=["published", "status", "-created_at"], name="vacancy_public"),
        ]

    def __str__(self) -> str:
        return self.title()

    def title(self, language: str | None = None) -> str:
        return in_language(self.titles or {}, language)

    def description(self, language: str | None = None) -> str:
        return in_language(self.descriptions or {}, language)

    @property
    def is_public(self) -> bool:
        return self.published and self.status == VacancyStatus.OPEN


class VacancySkill(models.Model):
    """A skill a vacancy asks for: required, or nice to have."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="skills", verbose_name=_("vacancy")
    )
    concept = models.ForeignKey(
        "esco.Concept",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": "skill"},
        verbose_name=_("skill"),
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("skill asked for")
        verbose_name_plural = _("skills asked for")
        ordering = ["-required", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "concept"], name="vacancy_skill_once")
        ]

    def __str__(self) -> str:
        return str(self.concept)


class VacancyLanguage(models.Model):
    """A language the vacancy asks for, with the CEFR level needed."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="languages", verbose_name=_("vacancy")
    )
    language = models.CharField(_("language"), max_length=3, validators=[language_code])
    level = models.CharField(
        _("level (CEFR)"),
        max_length=6,
        choices=[
            ("A1", "A1"),
            ("A2", "A2"),
            ("B1", "B1"),
            ("B2", "B2"),
            ("C1", "C1"),
            ("C2", "C2"),
            ("native", _("Native language")),
        ],
    )

    class Meta:
        verbose_name = _("language asked for")
        verbose_name_plural = _("languages asked for")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "language"], name="vacancy_language_once")
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"
