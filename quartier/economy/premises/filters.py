"""The public premises page's filter (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.economy.models import Unit, UnitUse


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
