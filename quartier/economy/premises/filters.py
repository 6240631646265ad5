"""The public premises page's filter (django-filter)."""

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.economy.models import House, Unit, UnitStatus, UnitUse


class PublicPremisesFilter(django_filters.FilterSet):
    """The intended use of the advertised units; housing is never advertised."""

    use = django_filters.ChoiceFilter(
        label=_("Intended use"),
        field_name="intended_use",
        choices=[choice for choice in UnitUse.choices if choice[0] != UnitUse.HOUSING],
        empty_label=pgettext_lazy("filter", "All uses"),
    )

    class Meta:
        model = Unit
        fields: list[str] = []


class PremisesFilter(django_filters.FilterSet):
    """The staff page's filters: the houses of a block, and the units of a status and use.

    It filters houses: a status or use keeps the houses that have such a unit, and
    ``units()`` gives the units each house then shows. Without either, every house of the
    block is shown, also one without units."""

    block = django_filters.ChoiceFilter(
        label=_("Block"), empty_label=pgettext_lazy("filter", "All blocks")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_units",
        choices=UnitStatus.choices,
        empty_label=pgettext_lazy("filter", "All statuses"),
    )
    use = django_filters.ChoiceFilter(
        label=_("Intended use"),
        method="filter_units",
        choices=UnitUse.choices,
        empty_label=pgettext_lazy("filter", "All uses"),
    )

    class Meta:
        model = House
        fields: list[str] = []

    # GET parameter → field of the unit.
    UNIT_FIELDS = {"status": "status", "use": "intended_use"}

    def __init__(self, *args, blocks: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["block"].extra["choices"] = [(block, block) for block in blocks]

    def unit_conditions(self) -> dict[str, str]:
        """The valid status and use as unit fields (an invalid value is left out)."""
        if not self.form.is_bound:
            return {}
        self.form.is_valid()  # cleaned_data then holds the valid fields only
        chosen = self.form.cleaned_data
        return {field: chosen[name] for name, field in self.UNIT_FIELDS.items() if chosen.get(name)}

    def units(self) -> QuerySet[Unit]:
        """The units to show in the filtered houses."""
        return Unit.objects.filter(**self.unit_conditions())

    def filter_queryset(self, queryset):
        houses = super().filter_queryset(queryset)
        if self.unit_conditions():
            # Status and use together: a house needs one unit that has both.
            houses = houses.filter(Exists(self.units().filter(house=OuterRef("pk"))))
        return houses

    def filter_units(self, houses, name, value):
        return houses  # status and use are applied together in filter_queryset
