"""The founder and consultation lists' filters (django-filter)."""

from datetime import timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.economy.models import Consultation, Founder, FounderStage


class FounderFilter(django_filters.FilterSet):
    """The founder list's stage; an unknown stage filters nothing."""

    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=FounderStage.choices, empty_label=_("All stages")
    )

    class Meta:
        model = Founder
        fields: list[str] = []


class ConsultationFilter(django_filters.FilterSet):
    """The consultation list's business (its slug), set by the link on the business page;
    it has no field of its own on the list, so it travels hidden."""

    business = django_filters.CharFilter(field_name="business__slug", widget=forms.HiddenInput)

    class Meta:
        model = Consultation
        fields: list[str] = []


DUE_THIS_WEEK = "week"


class FollowUpFilter(django_filters.FilterSet):
    """The advisor's follow-ups: all still to do, or those due by the end of this week
    (overdue included), the start page's number."""

    due = django_filters.ChoiceFilter(
        label=_("Due"),
        method="filter_due",
        choices=[(DUE_THIS_WEEK, _("By the end of this week"))],
        empty_label=_("Any time"),
    )

    class Meta:
        model = Consultation
        fields: list[str] = []

    def filter_due(self, consultations, name, value):
        today = timezone.localdate()
        # Weeks start on Monday, as in the programme's calendar.
        sunday = today + timedelta(days=6 - today.weekday())
        return consultations.filter(follow_up_on__lte=sunday)
