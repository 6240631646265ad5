"""Premises: houses, their units, tenancies and settlements (businesses moving in).

Shared programme-wide like the business register: no organisation scoping.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "House",
    "Settlement",
    "Tenancy",
    "Unit",
    "UnitStatus",
    "UnitUse",
]


class House(models.Model):
    """A building with commercial units, e.g. one of the houses of a block being renewed."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("Name or number used in the programme.")
    )
    street = models.CharField(_("street"), max_length=200)
    house_number = models.CharField(_("house number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    block = models.CharField(
        _("block"), max_length=100, blank=True, help_text=_("The block it belongs to, if any.")
    )
    year_built = models.PositiveIntegerField(_("year built"), null=True, blank=True)
    owner_note = models.CharField(_("owner"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("house")
        verbose_name_plural = _("houses")
        ordering = ["block", "position", "street", "house_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "house_number", "postcode"], name="economy_house_address_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        second = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (f"{self.street} {self.house_number}", second) if part)


class UnitUse(models.TextChoices):
    RETAIL = "retail", _("Retail")
    GASTRONOMY = "gastronomy", _("Gastronomy")
    OFFICE = "office", _("Office")
    WORKSHOP = "workshop", _("Workshop")
    STUDIO = "studio", _("Studio")
    PRACTICE = "practice", _("Practice")
    STORAGE = "storage", _("Storage")
    HOUSING = "housing", _("Housing")
    OTHER = "other", pgettext_lazy("intended use", "Other")


class UnitStatus(models.TextChoices):
    VACANT = "vacant", _("Vacant")
    RESERVED = "reserved", _("Reserved")
    LET = "let", _("Let")
    RENOVATION = "renovation", _("Under renovation")


class Unit(models.Model):
    """A commercial (or other) unit on one floor of a house."""

    house = models.ForeignKey(
        House, on_delete=models.CASCADE, related_name="units", verbose_name=_("house")
    )
    floor = models.SmallIntegerField(
        _("floor"), default=0, help_text=_("−1 basement, 0 ground floor, 1 first floor …")
    )
    label = models.CharField(_("unit"), max_length=50)
    area = models.DecimalField(
        _("area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    intended_use = models.CharField(
        _("intended use"), max_length=12, choices=UnitUse.choices, default=UnitUse.RETAIL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=UnitStatus.choices, default=UnitStatus.VACANT
    )
    rent_note = models.CharField(_("rent"), max_length=200, blank=True)
    advertised = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("While vacant, with the owner's agreement."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["house", "-floor", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["house", "label"], name="economy_unit_label_once")
        ]
        # The overview and the API filter vacant units.
        indexes = [models.Index(fields=["status"], name="economy_unit_status")]

    def __str__(self) -> str:
        return f"{self.house} · {self.label}"


class Tenancy(models.Model):
    """A business renting a unit from ``since``; ``until`` empty while it lasts."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="tenancies", verbose_name=_("unit")
    )
    business = models.ForeignKey(
        "economy.Business",
        on_delete=models.PROTECT,
        related_name="tenancies",
        verbose_name=_("tenant"),
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")
        ordering = ["unit", "-since", "id"]
        constraints = [
            # One current tenant per unit; let_unit ends the previous tenancy first.
            models.UniqueConstraint(
                fields=["unit"], condition=Q(until__isnull=True), name="economy_one_current_tenant"
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="economy_tenancy_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.business} · {self.unit}"


class Settlement(models.Model):
    """A business moving into a unit: what the programme reports as a new settlement."""

    business = models.ForeignKey(
        "economy.Business",
        on_delete=models.CASCADE,
        related_name="settlements",
        verbose_name=_("business"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="settlements", verbose_name=_("unit")
    )
    date = models.DateField(_("moved in on"))
    new_to_quarter = models.BooleanField(
        _("new to the quarter"), default=True, help_text=_("It had no premises here before.")
    )
    supported = models.BooleanField(
        _("supported by the programme"), default=False, help_text=_("Advised or helped to move.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return f"{self.business} · {self.unit} ({self.date})"
