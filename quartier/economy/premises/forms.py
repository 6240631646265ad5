"""Forms of the premises pages: houses, units, letting and vacating."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.economy.businesses.picker import BusinessPicker
from quartier.economy.models import Business, House, Unit, UnitStatus
from quartier.lib.widgets import DateInput


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


class LetForm(forms.Form):
    business = forms.ModelChoiceField(
        label=_("Tenant"),
        queryset=Business.objects.exclude(status=Business.Status.CLOSED).only("id", "name"),
        widget=BusinessPicker(open_only=True),
    )
    since = forms.DateField(label=_("Moves in on"), widget=DateInput())
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
    until = forms.DateField(label=_("Tenancy ended on"), widget=DateInput())
    status = forms.ChoiceField(
        label=_("The unit is now"),
        choices=[
            (UnitStatus.VACANT, UnitStatus.VACANT.label),
            (UnitStatus.RESERVED, UnitStatus.RESERVED.label),
            (UnitStatus.RENOVATION, UnitStatus.RENOVATION.label),
        ],
    )
