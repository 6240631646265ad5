"""The employers' candidate list's filters (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from quartier.competences.employers import services as employers
from quartier.competences.employers.models import LIVE_REQUEST_STATUSES, ContactRequest
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


LIVE_REQUESTS = "live"
ALL_REQUESTS = "all"


class ContactRequestFilter(django_filters.FilterSet):
    """The counsellors' list of contact requests: those not answered yet unless asked
    (``?show=all``, the older link, still shows all), or one status."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[
            (LIVE_REQUESTS, _("Not answered yet")),
            (ALL_REQUESTS, _("All")),
            *ContactRequest.Status.choices,
        ],
        empty_label=None,
    )

    class Meta:
        model = ContactRequest
        fields: list[str] = []

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        data.setdefault("status", ALL_REQUESTS if data.get("show") == "all" else LIVE_REQUESTS)
        super().__init__(data, *args, **kwargs)

    def filter_status(self, requests, name, value):
        if value == LIVE_REQUESTS:
            return requests.filter(status__in=LIVE_REQUEST_STATUSES)
        if value == ALL_REQUESTS:
            return requests
        return requests.filter(status=value)

    @property
    def shows_all(self) -> bool:
        self.form.is_valid()
        return self.form.cleaned_data.get("status") == ALL_REQUESTS
