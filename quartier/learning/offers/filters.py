"""The public calendar's filters (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.learning.models import Audience, Offer, OfferKind
from quartier.learning.offers.forms import LANGUAGE_CHOICES
from quartier.places.models import Quarter


class CalendarFilter(django_filters.FilterSet):
    """Kind, a language of instruction, quarter and audience; every field optional, and an
    unknown value is ignored (the other fields still apply)."""

    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("offer", "Kind"), choices=OfferKind.choices, empty_label=_("All kinds")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        method="filter_language",
        choices=LANGUAGE_CHOICES,
        empty_label=_("All languages"),
    )
    quarter = django_filters.ChoiceFilter(
        label=_("Quarter"), field_name="quarter__slug", empty_label=_("All quarters")
    )
    audience = django_filters.ChoiceFilter(
        label=_("For"),
        method="filter_audience",
        choices=Audience.choices,
        empty_label=_("All audiences"),
    )

    class Meta:
        model = Offer
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["quarter"].extra["choices"] = list(
            Quarter.objects.order_by("name").values_list("slug", "name")
        )

    def filter_language(self, offers, name, value):
        # The codes are a JSON list: the quoted code matches one whole entry.
        return offers.filter(languages__icontains=f'"{value}"')

    def filter_audience(self, offers, name, value):
        # An offer for everyone is also for each audience.
        return offers.filter(Q(audience=value) | Q(audience=Audience.EVERYONE))
