"""The participant list's filters (django-filter), with those other apps contribute."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.lib.languages import language_choices
from quartier.lib.search import search_key, trigram_searchable, unindexed
from quartier.people import listing
from quartier.people.entry import COMPLETE, overdue_cutoff
from quartier.people.models import Participant
from quartier.places.models import Quarter


def alphabetical(people: QuerySet[Participant], query: str = "") -> QuerySet[Participant]:
    """``people`` by family name, given name and id: the order of every list of people,
    which keyset pages need to end in a unique column.

    Searched by a word the trigram index can use (``query``), the family name is
    ordered through ``unindexed()``: the same order, but PostgreSQL takes the matches
    from the trigram index and sorts only them, rather than walking the alphabetical
    index ``participant_org_name`` until 50 match (see ``lib.search.unindexed``).
    A shorter word matches people all over the alphabet, and the walk finds them fast.
    """
    if trigram_searchable(query):
        return people.order_by(unindexed("family_name").asc(), "given_name", "pk")
    return people.order_by("family_name", "given_name", "pk")


class EntryStatus:
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    OVERDUE = "overdue"
    # Incomplete, and the four weeks after the entry date not yet over.
    DUE = "due"
    CHOICES = [
        ("", _("Any")),
        (COMPLETE, _("Complete")),
        (INCOMPLETE, _("Incomplete")),
        (DUE, _("Incomplete, deadline not yet passed")),
        (OVERDUE, _("Overdue")),
    ]


class ContributedFilter(django_filters.Filter):
    """A filter another app contributes to the participant list, with its own form field."""

    def __init__(self, contributed: listing.ParticipantFilter, user) -> None:
        super().__init__(field_name=contributed.name)
        self.contributed = contributed
        self.user = user

    @property
    def field(self) -> forms.Field:
        if not hasattr(self, "_field"):
            self._field = self.contributed.field(self.user)
        return self._field

    def filter(self, qs, value):
        if value in (None, "", [], ()):
            return qs
        return self.contributed.apply(qs, value, self.user)


class ParticipantFilter(django_filters.FilterSet):
    """The participant list's filters: name in any script, quarter, language, entry data,
    and the filters other apps contribute (``people.listing``: case status, goal, …)."""

    q = django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        max_length=100,
        help_text=_("In any script; accents and capitals do not matter."),
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )
    quarter = django_filters.ModelChoiceFilter(
        label=_("Quarter"), queryset=Quarter.objects.all(), empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        label=_("Preferred language"), field_name="preferred_language", empty_label=_("Any")
    )
    entry = django_filters.ChoiceFilter(
        label=_("ESF+ entry data"),
        method="filter_entry",
        choices=EntryStatus.CHOICES[1:],
        empty_label=EntryStatus.CHOICES[0][1],
    )

    class Meta:
        model = Participant
        fields: list[str] = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["language"].extra["choices"] = language_choices()
        # Filters that other apps contribute (case status, goal, counsellor …).
        for contributed in listing.filters():
            self.filters[contributed.name] = ContributedFilter(contributed, user)

    def filter_name(self, people, name, value):
        for word in search_key(value).split():
            people = people.filter(search_key__contains=word)
        return people

    def filter_entry(self, people, name, value):
        if value == EntryStatus.COMPLETE:
            return people.filter(COMPLETE)
        if value == EntryStatus.INCOMPLETE:
            return people.exclude(COMPLETE)
        if value == EntryStatus.OVERDUE:
            return people.exclude(COMPLETE).filter(entry__entry_date__lt=overdue_cutoff())
        if value == EntryStatus.DUE:
            return people.exclude(COMPLETE).filter(entry__entry_date__gte=overdue_cutoff())
        return people
