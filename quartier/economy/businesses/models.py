"""Businesses, contact persons, sectors, the path to training, training alliances."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Organisation
from quartier.lib.languages import in_language
from quartier.multilingual.fields import MultilingualField

__all__ = [
    "AlliancePart",
    "Business",
    "ContactPerson",
    "LegalForm",
    "Sector",
    "SizeClass",
    "TrainingAlliance",
    "TrainingStep",
    "TrainingStepKind",
    "size_class_for",
]


class Sector(models.Model):
    """A branch of the local economy; the list is configurable, names in every language."""

    slug = models.SlugField(_("short name"), unique=True)
    names = MultilingualField(_("names"), max_length=200, help_text=_("Name per language code."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return in_language(self.names, language) or self.slug


class LegalForm(models.TextChoices):
    SOLE_TRADER = "sole", _("Sole trader")
    GBR = "gbr", _("GbR (civil-law partnership)")
    UG = "ug", _("UG (limited liability)")
    GMBH = "gmbh", _("GmbH")
    EK = "ek", _("e.K. (registered merchant)")
    EG = "eg", _("eG (cooperative)")
    EV = "ev", _("e.V. (registered association)")
    OTHER = "other", pgettext_lazy("legal form", "Other")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 staff)")
    SMALL = "small", _("Small (fewer than 50 staff)")
    MEDIUM = "medium", _("Medium (fewer than 250 staff)")
    LARGE = "large", _("Large (250 staff or more)")


def size_class_for(staff_count: int | None) -> str:
    """The size class of a business with ``staff_count`` people working there."""
    if staff_count is None:
        return ""
    if staff_count < 10:
        return SizeClass.MICRO
    if staff_count < 50:
        return SizeClass.SMALL
    if staff_count < 250:
        return SizeClass.MEDIUM
    return SizeClass.LARGE


class Business(models.Model):
    """A business of the quarter. Shared programme-wide: no organisation scoping."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("business status", "Planned")
        FOUNDING = "founding", pgettext_lazy("business status", "Being founded")
        ACTIVE = "active", pgettext_lazy("business status", "Active")
        CLOSED = "closed", pgettext_lazy("business status", "Closed")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business",
        limit_choices_to={"kind": "business"},
        verbose_name=_("login organisation"),
        help_text=_("The business's own organisation, whose employer users edit this profile."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=10, choices=LegalForm.choices, blank=True
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="businesses",
        verbose_name=_("sector"),
    )
    staff_count = models.PositiveIntegerField(_("number of staff"), null=True, blank=True)
    size_class = models.CharField(
        _("size class"),
        max_length=10,
        choices=SizeClass.choices,
        blank=True,
        help_text=_("Derived from the number of staff when that is given."),
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="businesses",
        verbose_name=_("neighbourhood"),
        help_text=_("Derived from the postcode."),
    )
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("Language codes.")
    )
    migrant_economy = models.BooleanField(
        _("migrant economy"),
        null=True,
        blank=True,
        help_text=_("Self-declared by the business; optional."),
    )
    founded = models.DateField(_("founded"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    website = models.URLField(_("website"), blank=True)
    social_media = models.JSONField(
        _("social media"), default=dict, blank=True, help_text=_("Address per platform.")
    )
    opening_hours = models.TextField(_("opening hours"), blank=True)
    trains = models.BooleanField(_("trains apprentices"), default=False)
    trainer_aptitude_holder = models.CharField(
        _("holder of the trainer aptitude (AEVO)"), max_length=200, blank=True
    )
    interest_in_hiring = models.BooleanField(_("interested in hiring"), default=False)
    interest_in_training = models.BooleanField(_("interested in training"), default=False)
    listed_publicly = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("Only with the business's agreement."),
    )
    listed_since = models.DateField(_("agreed to the listing on"), null=True, blank=True)
    description = MultilingualField(
        _("public description"),
        blank=True,
        multiline=True,
        help_text=_("Text per language code."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("business")
        verbose_name_plural = _("businesses")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["status", "name"]),
            # The register, alphabetically and paged by cursor (``business_list``): its
            # first 50 read from here rather than every business sorted by name.
            models.Index(fields=["name", "id"], name="business_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        first = " ".join(part for part in (self.street, self.house_number) if part)
        second = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (first, second) if part)

    @property
    def quarter(self):
        return self.neighbourhood.quarter if self.neighbourhood_id else None

    def public_description(self, language: str | None = None) -> str:
        return in_language(self.description or {}, language)

    def clean(self):
        if self.organisation_id and self.organisation.kind != "business":
            raise ValidationError(
                {"organisation": _("Only an organisation of the kind business can own it.")}
            )


class ContactPerson(models.Model):
    """Someone to talk to at a business. Personal data: reads and writes are audited."""

    business = models.ForeignKey(
        Business,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("business"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(pgettext_lazy("job title", "role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class TrainingStepKind(models.TextChoices):
    """The path to becoming a training company, in order."""

    INTEREST = "interest", _("Interest in training")
    AEVO_COURSE = "aevo_course", _("Trainer aptitude course started")
    TRAINER_QUALIFIED = "qualified", _("Trainer qualified (AEVO)")
    CHAMBER_APPROVED = "approved", _("Approved as a training company by the chamber")
    FIRST_APPRENTICE = "apprentice", _("First apprentice started")


STEP_ORDER = [kind.value for kind in TrainingStepKind]


class TrainingStep(models.Model):
    """One dated step of a business's path to training; each step at most once."""

    business = models.ForeignKey(
        Business,
        on_delete=models.CASCADE,
        related_name="training_steps",
        verbose_name=_("business"),
    )
    kind = models.CharField(_("step"), max_length=12, choices=TrainingStepKind.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("training path step")
        verbose_name_plural = _("training path steps")
        ordering = ["business", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["business", "kind"], name="economy_step_once"),
        ]

    def __str__(self) -> str:
        return f"{self.business} – {self.get_kind_display()}"

    @property
    def position(self) -> int:
        return STEP_ORDER.index(self.kind)


class TrainingAlliance(models.Model):
    """Verbundausbildung: several businesses sharing one apprentice's training."""

    occupation = models.ForeignKey(
        "esco.Concept",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "occupation"},
        verbose_name=_("occupation"),
    )
    occupation_label = models.CharField(
        _("occupation (as written)"),
        max_length=200,
        blank=True,
        help_text=_("Used when no ESCO occupation is chosen."),
    )
    lead_business = models.ForeignKey(
        Business,
        on_delete=models.PROTECT,
        related_name="led_alliances",
        verbose_name=_("lead business"),
    )
    apprentice_label = models.CharField(
        _("apprentice"),
        max_length=200,
        blank=True,
        help_text=_("A name or a label such as “apprentice 2026”."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training alliance")
        verbose_name_plural = _("training alliances")
        ordering = ["-start", "id"]

    def __str__(self) -> str:
        return f"{self.occupation_name} ({self.lead_business})"

    @property
    def occupation_name(self) -> str:
        if self.occupation_id:
            return self.occupation.label(get_language() or "de")
        return self.occupation_label


class AlliancePart(models.Model):
    """The part of the training one business of an alliance covers."""

    alliance = models.ForeignKey(
        TrainingAlliance,
        on_delete=models.CASCADE,
        related_name="parts",
        verbose_name=_("training alliance"),
    )
    business = models.ForeignKey(
        Business,
        on_delete=models.PROTECT,
        related_name="alliance_parts",
        verbose_name=_("business"),
    )
    covers = models.CharField(_("part of the training covered"), max_length=300, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)

    class Meta:
        verbose_name = _("part of an alliance")
        verbose_name_plural = _("parts of alliances")
        ordering = ["alliance", "id"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "business"], name="economy_part_once"),
        ]

    def __str__(self) -> str:
        return f"{self.business}: {self.covers}"
