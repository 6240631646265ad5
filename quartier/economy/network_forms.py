"""Forms of the cooperation network and the premises pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.economy.businesses_picker import BusinessPicker
from quartier.economy.models import (
    Business,
    CooperationKind,
    House,
    Sector,
    Unit,
    UnitStatus,
    UnitUse,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NetworkFilterForm(forms.Form):
    start = forms.DateField(label=_("Active from"), required=False, widget=DATE)
    end = forms.DateField(label=_("Active until"), required=False, widget=DATE)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All kinds")), *CooperationKind.choices],
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    by = forms.ChoiceField(
        label=_("Count per"),
        required=False,
        choices=[("quarter", _("Quarter-year")), ("year", _("Year"))],
    )

    def __init__(self, *args, sectors: list[Sector], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [
            ("", pgettext_lazy("filter", "All sectors")),
            *((sector.slug, sector.name()) for sector in sectors),
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period lies before its start."))
        if data.get("start") and data.get("end") and data["end"].year - data["start"].year > 20:
            raise forms.ValidationError(_("Choose a period of at most twenty years."))
        return data


def party_choices() -> list:
    """Businesses and the programme's organisations as ``b:<id>``/``o:<id>``: two queries."""
    businesses = Business.objects.exclude(status=Business.Status.CLOSED).only("id", "name")
    organisations = Organisation.objects.exclude(kind=OrganisationKind.BUSINESS).only("id", "name")
    return [
        ("", "—"),
        (_("Businesses"), [(f"b:{b.pk}", b.name) for b in businesses]),
        (_("Organisations"), [(f"o:{o.pk}", o.name) for o in organisations]),
    ]


def party_from(value: str):
    kind, _sep, pk = value.partition(":")
    model = {"b": Business, "o": Organisation}.get(kind)
    if model is None or not pk.isdigit():
        return None
    return model.objects.filter(pk=int(pk)).first()


class CooperationForm(forms.Form):
    first = forms.ChoiceField(label=_("First party"))
    second = forms.ChoiceField(label=_("Second party"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CooperationKind.choices)
    since = forms.DateField(label=_("Since"), widget=DATE)
    until = forms.DateField(
        label=_("Until"), required=False, widget=DATE, help_text=_("Leave empty while it lasts.")
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
    until = forms.DateField(label=_("Ended on"), widget=DATE)


class PremisesFilterForm(forms.Form):
    block = forms.ChoiceField(label=_("Block"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All statuses")), *UnitStatus.choices],
    )
    use = forms.ChoiceField(
        label=_("Intended use"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All uses")), *UnitUse.choices],
    )

    def __init__(self, *args, blocks: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [
            ("", pgettext_lazy("filter", "All blocks")),
            *((block, block) for block in blocks),
        ]


class HouseForm(forms.ModelForm):
    class Meta:
        model = House
        fields = [
            "name",
            "street",
            "house_number",
            "postcode",
            "city",
            "block",
            "year_built",
            "owner_note",
            "position",
        ]


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["floor", "label", "area", "intended_use", "status", "rent_note", "advertised"]


class PublicPremisesFilterForm(forms.Form):
    use = forms.ChoiceField(
        label=_("Intended use"),
        required=False,
        choices=[("", pgettext_lazy("filter", "All uses"))]
        + [choice for choice in UnitUse.choices if choice[0] != UnitUse.HOUSING],
    )


class LetForm(forms.Form):
    business = forms.ModelChoiceField(
        label=_("Tenant"),
        queryset=Business.objects.exclude(status=Business.Status.CLOSED).only("id", "name"),
        widget=BusinessPicker(open_only=True),
    )
    since = forms.DateField(label=_("Moves in on"), widget=DATE)
    supported = forms.BooleanField(
        label=_("Supported by the programme"),
        required=False,
        help_text=_("The programme advised the business or helped it to move in."),
    )
    new_to_quarter = forms.ChoiceField(
        label=_("New to the quarter"),
        required=False,
        choices=[
            ("", _("Decide from the recorded tenancies")),
            ("yes", _("Yes")),
            ("no", _("No, it had premises here before")),
        ],
    )

    def clean_new_to_quarter(self):
        return {"yes": True, "no": False}.get(self.cleaned_data["new_to_quarter"])


class VacateForm(forms.Form):
    until = forms.DateField(label=_("Tenancy ended on"), widget=DATE)
    status = forms.ChoiceField(
        label=_("The unit is now"),
        choices=[
            (UnitStatus.VACANT, UnitStatus.VACANT.label),
            (UnitStatus.RESERVED, UnitStatus.RESERVED.label),
            (UnitStatus.RENOVATION, UnitStatus.RENOVATION.label),
        ],
    )
