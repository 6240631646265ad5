"""The vacancy lists' filters (django-filter): the staff list and the public list."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.economy.models import Sector, Vacancy, VacancyKind, VacancyStatus

ALL_STATUSES = "all"


class VacancyFilter(django_filters.FilterSet):
    """The staff list's filters: status (open unless asked), kind and a business's slug.

    Each parameter stands alone: one with an unknown value filters nothing (``qs`` applies
    the valid fields only)."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[(ALL_STATUSES, _("All")), *VacancyStatus.choices],
        empty_label=None,
    )
    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("vacancy", "Kind"),
        choices=VacancyKind.choices,
        empty_label=_("All kinds"),
    )
    business = django_filters.CharFilter(field_name="business__slug", widget=forms.HiddenInput)

    class Meta:
        model = Vacancy
        fields: list[str] = []

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        data.setdefault("status", VacancyStatus.OPEN)
        super().__init__(data, *args, **kwargs)

    def filter_status(self, vacancies, name, value):
        return vacancies if value == ALL_STATUSES else vacancies.filter(status=value)


class PublicVacancyFilter(django_filters.FilterSet):
    """The public list's filters: kind, sector, occupation and a language asked for; the
    occupations and languages are those of the published vacancies."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=VacancyKind.choices, empty_label=_("All kinds")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="business__sector",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label=_("All sectors"),
    )
    occupation = django_filters.TypedChoiceFilter(
        label=_("Occupation"), field_name="occupation_id", coerce=int
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="languages__language",
        empty_label=_("Any language"),
        help_text=_("Vacancies that ask for this language."),
    )

    class Meta:
        model = Vacancy
        fields: list[str] = []

    def __init__(self, *args, occupations=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["occupation"].extra["choices"] = [("", _("All occupations")), *occupations]
        self.filters["language"].extra["choices"] = list(languages)
