"""The employers' candidate list's filters (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from quartier.competences.employers import services as employers
from quartier.competences.profile.models import CompetenceProfile
from quartier.lib.languages import language_choices
from quartier.places.models import Quarter


class CandidateFilter(django_filters.FilterSet):
    """A skill or occupation, a language spoken, a quarter: narrowed by
    ``services.filter_candidates``, the rule the API shares."""

    q = django_filters.CharFilter(
        label=_("Skill or occupation"),
        max_length=100,
        help_text=_("For example: cook, care, Verkauf."),
    )
    language = django_filters.ChoiceFilter(label=_("Speaks"), empty_label=_("Any language"))
    quarter = django_filters.ModelChoiceFilter(label=_("Quarter"), queryset=Quarter.objects.all())

    class Meta:
        model = CompetenceProfile
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["language"].extra["choices"] = language_choices()

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return employers.filter_candidates(
            queryset,
            text=data["q"].strip(),
            language=data["language"],
            quarter=data["quarter"].pk if data["quarter"] else None,
        )
