"""Quarters, neighbourhoods, contact points and their opening hours.

All of it is data from a site pack (``places/sitepack.py``); nothing here names a city.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.accounts.models import Organisation
from quartier.lib.languages import in_language
from quartier.multilingual.fields import MultilingualField


class Weekday(models.IntegerChoices):
    MONDAY = 0, pgettext_lazy("weekday", "Monday")
    TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
    THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
    FRIDAY = 4, pgettext_lazy("weekday", "Friday")
    SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
    SUNDAY = 6, pgettext_lazy("weekday", "Sunday")


class SitePack(models.Model):
    """The site pack last loaded: the programme's city, time zone, holidays and description.

    There is exactly one row (id 1), written by ``load_site_pack``.
    """

    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=200)
    time_zone = models.CharField(_("time zone"), max_length=64)
    holiday_country = models.CharField(_("holiday country"), max_length=3)
    holiday_subdivision = models.CharField(_("holiday subdivision"), max_length=10, blank=True)
    description = MultilingualField(
        _("programme description"),
        multiline=True,
        any_language=True,
        default=dict,
        help_text=_("One text per language code; German is the fallback."),
    )
    # The programme's logo and browser icon (SVG or PNG) from the pack's [branding]
    # table; empty for Quartier's own (static/quartier/logo.svg and favicon.svg).
    logo = models.BinaryField(_("logo"), blank=True, default=b"")
    logo_type = models.CharField(_("logo type"), max_length=20, blank=True)
    favicon = models.BinaryField(_("browser icon"), blank=True, default=b"")
    favicon_type = models.CharField(_("browser icon type"), max_length=20, blank=True)
    source = models.CharField(_("loaded from"), max_length=500, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        verbose_name = _("site pack")
        verbose_name_plural = _("site packs")
        constraints = [
            # A site runs one programme: the loader always writes row 1.
            models.CheckConstraint(condition=models.Q(id=1), name="sitepack_single_row"),
        ]

    def __str__(self) -> str:
        return self.name

    def description_text(self) -> str:
        return in_language(self.description)


class Quarter(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    quarter = models.ForeignKey(
        Quarter,
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
        verbose_name=_("quarter"),
    )

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """A postcode and the one neighbourhood it is counted in (reporting by place)."""

    code = models.CharField(_("postcode"), max_length=10, unique=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("neighbourhood"),
    )

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ContactPoint(models.Model):
    """A place where residents are received: an office, a counselling centre, a learning spot."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_points",
        verbose_name=_("organisation"),
    )
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=200)
    location = models.CharField(
        _("building, floor, room"),
        max_length=200,
        blank=True,
        help_text=_("How to find the room once in the building."),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        help_text=_("Language codes such as de, ar, kmr."),
    )
    note = MultilingualField(
        _("note"),
        any_language=True,
        default=dict,
        blank=True,
        help_text=_('One text per language code, e.g. "and by appointment".'),
    )

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def note_text(self) -> str:
        return in_language(self.note)


class OpeningHours(models.Model):
    contact_point = models.ForeignKey(
        ContactPoint,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("contact point"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")),
                name="openinghours_opens_before_closes",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__lte=6), name="openinghours_weekday_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"
