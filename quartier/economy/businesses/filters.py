"""The business register's and the public directory's filters (django-filter)."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.economy.models import Business, Sector
from quartier.lib.languages import language_choices
from quartier.lib.search import trigram_searchable, unindexed
from quartier.places.models import Neighbourhood, Quarter


def alphabetical(businesses: QuerySet[Business], query: str = "") -> QuerySet[Business]:
    """``businesses`` by name and id, the register's order (keyset pages end in the id).

    Searched by a word of three letters or more (``query``), the name is ordered
    through ``unindexed()``: PostgreSQL then takes the matches from the trigram index
    ``business_search_trgm`` and sorts only them, instead of walking ``business_name``
    until 50 match, which reads most of the register when the matches share the start
    of their names (``lib.search.unindexed``).
    """
    if trigram_searchable(query):
        return businesses.order_by(unindexed("name").asc(), "pk")
    return businesses.order_by("name", "pk")


# The yes/no filters: GET parameter → boolean field of the business.
YES_NO_FIELDS = {
    "trains": "trains",
    "hiring": "interest_in_hiring",
    "training": "interest_in_training",
    "supported": "supported",
}


def _yes_no_any(label):
    return django_filters.ChoiceFilter(
        label=label,
        method="filter_yes_no",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        empty_label=_("Any"),
    )


def _sector_filter(empty_label):
    return django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label=empty_label,
    )


def _filter_languages(businesses, name, value):
    return businesses.filter(languages__icontains=f'"{value}"')


class BusinessFilter(django_filters.FilterSet):
    """The register's filters: words in name, street, postcode or slug; sector, quarter,
    neighbourhood, status, a language spoken and the yes/no facts."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_words", max_length=100)
    sector = _sector_filter(_("Any"))
    quarter = django_filters.ModelChoiceFilter(
        label=_("Quarter"),
        field_name="neighbourhood__quarter",
        queryset=Quarter.objects.all(),
        to_field_name="slug",
        empty_label=_("Any"),
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.all(),
        to_field_name="slug",
        empty_label=_("Any"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Business.Status.choices, empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language spoken"), method="filter_language", empty_label=_("Any")
    )
    trains = _yes_no_any(_("Trains apprentices"))
    hiring = _yes_no_any(_("Interested in hiring"))
    training = _yes_no_any(_("Interested in training"))
    supported = _yes_no_any(_("Supported SME (advised on site)"))

    class Meta:
        model = Business
        fields: list[str] = []

    def __init__(self, *args, supported: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["language"].extra["choices"] = language_choices()
        if not supported:
            del self.filters["supported"]
        self.form.fields["sector"].label_from_instance = lambda sector: sector.name()

    def filter_words(self, businesses, name, value):
        for word in value.split():
            businesses = businesses.filter(
                Q(name__icontains=word)
                | Q(street__icontains=word)
                | Q(postcode__startswith=word)
                | Q(slug__icontains=word)
            )
        return businesses

    def filter_language(self, businesses, name, value):
        return _filter_languages(businesses, name, value)

    def filter_yes_no(self, businesses, name, value):
        return businesses.filter(**{YES_NO_FIELDS[name]: value == "yes"})


class DirectoryFilter(django_filters.FilterSet):
    """The public directory's filters: sector and a language spoken."""

    sector = _sector_filter(_("All sectors"))
    language = django_filters.ChoiceFilter(
        label=_("Language spoken"), method="filter_language", empty_label=_("All languages")
    )

    class Meta:
        model = Business
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["language"].extra["choices"] = language_choices()
        self.form.fields["sector"].label_from_instance = lambda sector: sector.name()

    def filter_language(self, businesses, name, value):
        return _filter_languages(businesses, name, value)
