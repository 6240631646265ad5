"""The filters of "My cases" (django-filter): what is due and when, status, whose, a name.

"Due" reads the date of what "What is due" names: the follow-up's date for follow-ups,
the next step's for next steps, and the sooner of both for any. The filters narrow the
queryset before its keyset pages are cut, so the cursor pages keep them (the links
carry the filter parameters along). A value that is not valid filters nothing; the
others still apply.
"""

from datetime import date, timedelta

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.counselling.models import Case, CaseStatus
from quartier.lib.search import search_key

OVERDUE = "overdue"
THIS_WEEK = "week"
FOLLOW_UPS = "follow-up"
NEXT_STEPS = "next-step"
MINE = "mine"
EVERYONE = "all"


def end_of_week(today: date) -> date:
    """The Sunday of today's week (weeks start on Monday, as in the programme's calendar)."""
    return today + timedelta(days=6 - today.weekday())


class MyCasesFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        max_length=100,
        help_text=_("In any script; accents and capitals do not matter."),
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("What is due"),
        method="filter_nothing",
        choices=[(FOLLOW_UPS, _("Follow-ups")), (NEXT_STEPS, _("Next steps"))],
        empty_label=_("Any"),
    )
    due = django_filters.ChoiceFilter(
        label=_("Due"),
        method="filter_nothing",
        choices=[(OVERDUE, _("Overdue")), (THIS_WEEK, _("By the end of this week"))],
        empty_label=_("Any time"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CaseStatus.choices, empty_label=_("Any")
    )
    whose = django_filters.ChoiceFilter(
        label=_("Whose cases"),
        method="filter_nothing",
        choices=[(MINE, _("Mine")), (EVERYONE, _("Everyone's in my organisation"))],
        empty_label=None,
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, data, *args, user, **kwargs):
        data = data.copy()
        data.setdefault("whose", MINE)
        super().__init__(data, *args, **kwargs)
        self.user = user

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        cases = super().filter_queryset(queryset)
        chosen = self.form.cleaned_data
        if chosen.get("whose") != EVERYONE:
            cases = cases.filter(counsellor=self.user)
        kind = chosen.get("kind")
        due_field = "due"
        if kind == FOLLOW_UPS:
            cases, due_field = cases.filter(follow_up_due__isnull=False), "follow_up_due"
        elif kind == NEXT_STEPS:
            cases = cases.filter(~Q(status=CaseStatus.CLOSED), next_step_due__isnull=False)
            due_field = "next_step_due"
        today = timezone.localdate()
        if chosen.get("due") == OVERDUE:
            cases = cases.filter(**{f"{due_field}__lt": today})
        elif chosen.get("due") == THIS_WEEK:
            cases = cases.filter(**{f"{due_field}__lte": end_of_week(today)})
        return cases

    def filter_name(self, cases, name, value):
        # The participant search's key (``lib.search``), with its trigram index on PostgreSQL.
        for word in search_key(value).split():
            cases = cases.filter(participant__search_key__contains=word)
        return cases

    def filter_nothing(self, cases, name, value):
        """Applied together in ``filter_queryset``: "due" depends on "what is due"."""
        return cases
