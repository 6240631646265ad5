"""The founder and consultation lists' filters (django-filter)."""

import django_filters
from django import forms
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
