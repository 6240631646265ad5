"""Forms of the cooperation network pages."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.economy.models import (
    Business,
    CooperationKind,
)
from quartier.lib.pickers import Picker
from quartier.lib.widgets import DateInput


def party_businesses() -> QuerySet[Business]:
    """The businesses a relation may name: those not closed."""
    return Business.objects.exclude(status=Business.Status.CLOSED)


def party_organisations() -> QuerySet[Organisation]:
    """The organisations a relation may name: the programme's, not businesses' logins."""
    return Organisation.objects.exclude(kind=OrganisationKind.BUSINESS)


def party_choices() -> list:
    """Businesses and the programme's organisations as ``b:<id>``/``o:<id>``: two queries."""
    businesses = party_businesses().only("id", "name")
    organisations = party_organisations().only("id", "name")
    return [
        ("", "—"),
        (_("Businesses"), [(f"b:{b.pk}", b.name) for b in businesses]),
        (_("Organisations"), [(f"o:{o.pk}", o.name) for o in organisations]),
    ]


def party_from(value: str) -> Business | Organisation | None:
    """The party ``b:<id>``/``o:<id>`` names, if a relation may name it."""
    kind, _sep, pk = value.partition(":")
    if not pk.isdigit():
        return None
    if kind == "b":
        return party_businesses().filter(pk=int(pk)).first()
    if kind == "o":
        return party_organisations().filter(pk=int(pk)).first()
    return None


class CooperationForm(forms.Form):
    first = forms.ChoiceField(label=_("First party"), widget=Picker("economy:party-pick"))
    second = forms.ChoiceField(label=_("Second party"), widget=Picker("economy:party-pick"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CooperationKind.choices)
    since = forms.DateField(label=_("Since"), widget=DateInput())
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty while it lasts."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = party_choices()
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices

    def clean_first(self):
        return self._party("first")

    def clean_second(self):
        return self._party("second")

    def _party(self, name: str):
        party = party_from(self.cleaned_data[name])
        if party is None:
            raise forms.ValidationError(_("Choose a business or an organisation."))
        return party


class EndForm(forms.Form):
    until = forms.DateField(label=_("Ended on"), widget=DateInput())
