"""The network page's filters (django-filter)."""

from datetime import date

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.economy.models import Cooperation, CooperationKind, Sector
from quartier.economy.network.cooperation import active_between, touching_sector
from quartier.lib.widgets import DateInput


class PeriodForm(forms.Form):
    """Refuses a period that ends before it starts or spans more than twenty years; the
    period is then left out (the other filters still apply) and the message shown."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        message = None
        if start and end and end < start:
            message = _("The end of the period lies before its start.")
        elif start and end and end.year - start.year > 20:
            message = _("Choose a period of at most twenty years.")
        if message:
            data.pop("start")
            data.pop("end")
            raise forms.ValidationError(message)
        return data


class NetworkFilter(django_filters.FilterSet):
    """The relations active in a period, of a kind, touching a business of a sector.

    ``by`` filters nothing: it chooses the counts table's periods (``count_per``). The
    counts table reads ``without_period()``, the same relations over every period."""

    start = django_filters.DateFilter(
        label=_("Active from"), method="filter_start", widget=DateInput()
    )
    end = django_filters.DateFilter(
        label=_("Active until"), method="filter_end", widget=DateInput()
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=CooperationKind.choices,
        empty_label=pgettext_lazy("filter", "All kinds"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        method="filter_sector",
        empty_label=pgettext_lazy("filter", "All sectors"),
    )
    by = django_filters.ChoiceFilter(
        label=_("Count per"),
        method="filter_nothing",
        choices=[("quarter", _("Quarter-year")), ("year", _("Year"))],
        empty_label=None,
    )

    class Meta:
        model = Cooperation
        fields: list[str] = []
        form = PeriodForm

    def __init__(self, *args, sectors: list[Sector], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["sector"].extra["choices"] = [(s.slug, s.name()) for s in sectors]

    def chosen(self, name: str):
        """A valid value of the form, or None."""
        self.form.is_valid()
        return self.form.cleaned_data.get(name) or None

    @property
    def period(self) -> tuple[date | None, date | None]:
        return self.chosen("start"), self.chosen("end")

    @property
    def count_per(self) -> str:
        return self.chosen("by") or "quarter"

    def without_period(self) -> QuerySet[Cooperation]:
        queryset = self.queryset.all()
        for name in ("kind", "sector"):
            queryset = self.filters[name].filter(queryset, self.chosen(name))
        return queryset

    def filter_start(self, relations, name, value):
        return relations.filter(active_between(value, None))

    def filter_end(self, relations, name, value):
        return relations.filter(active_between(None, value))

    def filter_sector(self, relations, name, value):
        return relations.filter(touching_sector(value))

    def filter_nothing(self, relations, name, value):
        return relations
