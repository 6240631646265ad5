"""The appointment list's and the visit overview's filters (django-filter).

Both offer as places only the contact points of the user's organisations, read once
by the view and handed in as a list: the select and the check of a slug share that
one query, so a slug of another organisation's point is refused like any bad value.
A bad value is dropped with its field's message, as if it had not been given: its
default applies and the form shows it, and the other filters still apply.
"""

from collections.abc import Sequence
from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.learning.models import ACTIVE_STATUSES, Appointment, AppointmentStatus, Visit
from quartier.places.models import ContactPoint

OPEN = "open"
ALL = "all"
# Coming appointments of people who no longer take appointments here.
REASSIGN = "reassign"
TODAY = "today"


def _place_choices(points: Sequence[ContactPoint]) -> list[tuple[str, str]]:
    return [(point.slug, point.name) for point in points]


def _fall_back(form: forms.Form, defaults: dict[str, object]) -> forms.Form:
    """Validate ``form``; a field in error (or left empty where that means nothing) takes
    its default, both for filtering (``cleaned_data``) and for what the form shows (its
    data), and keeps its message, so the page never shows one choice and applies another."""
    form.is_valid()
    for name, default in defaults.items():
        if name in form.errors or form.cleaned_data.get(name) is None:
            form.cleaned_data[name] = default
            form.data[name] = str(default)
    return form


class AppointmentFilter(django_filters.FilterSet):
    """The staff list's status (open requests by default) and contact point."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[
            (OPEN, _("Open (requested, proposed, confirmed)")),
            (ALL, _("All")),
            (REASSIGN, _("To reassign (counsellor no longer here)")),
            *AppointmentStatus.choices,
        ],
        empty_label=None,
    )
    place = django_filters.ChoiceFilter(
        label=_("Contact point"), field_name="contact_point__slug", empty_label=_("All")
    )
    day = django_filters.ChoiceFilter(
        label=_("Day"), method="filter_day", choices=[(TODAY, _("Today"))], empty_label=_("Any day")
    )

    class Meta:
        model = Appointment
        fields: list[str] = []

    def __init__(
        self, data, *args, points: Sequence[ContactPoint], to_reassign: Sequence[int], **kwargs
    ):
        # Without a status the list shows the open requests; an empty one shows all.
        data = data.copy()
        data.setdefault("status", OPEN)
        super().__init__(data, *args, **kwargs)
        self.filters["place"].extra["choices"] = _place_choices(points)
        self.to_reassign = to_reassign

    @property
    def form(self):
        if not hasattr(self, "_form"):
            _fall_back(super().form, {"status": OPEN, "place": "", "day": ""})
        return self._form

    def filter_day(self, rows, name, value):
        """Appointments starting today, from midnight to midnight in the programme's time."""
        if value != TODAY:
            return rows
        midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time()))
        return rows.filter(start__gte=midnight, start__lt=midnight + timedelta(days=1))

    def filter_status(self, rows, name, value):
        if value == OPEN:
            return rows.filter(status__in=ACTIVE_STATUSES)
        if value == REASSIGN:
            return rows.filter(pk__in=self.to_reassign)
        if value in AppointmentStatus.values:
            return rows.filter(status=value)
        return rows


class YearFilter(django_filters.Filter):
    """A whole year (the form's field is an ``IntegerField``)."""

    field_class = forms.IntegerField


class VisitUsageFilter(django_filters.FilterSet):
    """The visit overview's year and place.

    ``year`` is navigation, not a filter: it picks which year's months the table shows
    and always has one (this year without it, or when it is bad). It is declared here
    so that the form validates it like the place. The overview is one aggregate
    (``visits.usage_by_month``), not this FilterSet's ``qs``: the view hands it
    ``year_shown`` and ``place_shown``, the values that passed the form.
    """

    year = YearFilter(label=_("Year"), method="navigation", widget=forms.Select)
    place = django_filters.ChoiceFilter(
        label=_("Place"), field_name="contact_point__slug", empty_label=_("All")
    )

    class Meta:
        model = Visit
        fields: list[str] = []

    def __init__(self, data, *args, points: Sequence[ContactPoint], this_year: int, **kwargs):
        data = data.copy()
        data.setdefault("year", str(this_year))
        super().__init__(data, *args, **kwargs)
        self.this_year = this_year
        self.filters["place"].extra["choices"] = _place_choices(points)
        self.filters["year"].extra.update(min_value=2000, max_value=this_year + 1)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = _fall_back(super().form, {"year": self.this_year, "place": ""})
            # The select offers the last three years, and the one shown if it is older.
            years = list(range(self.this_year - 2, self.this_year + 1))
            if form.cleaned_data["year"] not in years:
                years.insert(0, form.cleaned_data["year"])
            form.fields["year"].widget.choices = [(year, year) for year in years]
        return self._form

    @property
    def year_shown(self) -> int:
        """The year whose months the overview shows."""
        return self.form.cleaned_data["year"]

    @property
    def place_shown(self) -> str | None:
        """The slug of the place the overview counts, or None for all of them."""
        return self.form.cleaned_data.get("place") or None

    def navigation(self, rows, name, value):
        """The year filters no rows (see the class's docstring)."""
        return rows
