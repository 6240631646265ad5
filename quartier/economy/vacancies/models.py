"""Vacancies and training places of a business, with the skills and languages they ask for.

Vacancies belong to a business and are shared programme-wide like businesses; an employer
edits only its own business's vacancies.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.lib.languages import in_language
from quartier.lib.model_fields import IdArrayField
from quartier.multilingual.fields import MultilingualField

__all__ = [
    "PayPeriod",
    "Vacancy",
    "VacancyKind",
    "VacancyLanguage",
    "VacancySkill",
    "VacancyStatus",
]

language_code = RegexValidator(r"^[a-z]{2,3}$", _("Enter a language code such as de or kmr."))


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
    closes_on = models.DateField(
        _("apply by"),
        null=True,
        blank=True,
        help_text=_("After this day the vacancy is no longer proposed to anyone."),
    )
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
    # Copies of the skills asked for (required, optional), written by
    # ``services.set_skills`` with the rows: matching selects vacancies by them through
    # a GIN index on PostgreSQL. ``VacancySkill`` stays the record.
    skill_ids = IdArrayField()
    optional_skill_ids = IdArrayField()

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
            # The staff list: filtered by status (open unless asked), newest first.
            models.Index(fields=["status", "-created_at"], name="vacancy_status_created"),
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
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Untick when the language is welcome but not a condition."),
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
