"""The audit log's filters (django-filter)."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import AuditEntry, User


class DateRangeForm(forms.Form):
    """A filter form with ``date_from`` and ``date_to``: the start may not be after the end."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return cleaned


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


class AuditFilter(django_filters.FilterSet):
    """The audit log's filters: a person's reference, who, the start of an action code, days."""

    person = django_filters.UUIDFilter(
        label=_("Person (reference number)"),
        method="filter_person",
        help_text=_("The reference number shown on the person's page."),
    )
    actor = django_filters.ModelChoiceFilter(label=_("Who"), queryset=User.objects.none())
    code = django_filters.CharFilter(
        label=_("Action"),
        method="filter_code",
        max_length=100,
        help_text=_("The start of an action code, e.g. “accounts.login”."),
    )
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []
        form = DateRangeForm

    def __init__(self, *args, actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if actors is not None:
            self.filters["actor"].queryset = actors
            self.form.fields["actor"].queryset = actors

    def filter_person(self, entries, name, value):
        return entries.filter(person=str(value))

    def filter_code(self, entries, name, value):
        return entries.filter(code__startswith=value.strip())

    def filter_from(self, entries, name, value):
        return entries.filter(created_at__gte=day_start(value))

    def filter_to(self, entries, name, value):
        return entries.filter(created_at__lt=day_start(value + timedelta(days=1)))
