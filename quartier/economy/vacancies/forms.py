"""Forms of the vacancies part: vacancies and training places, their language requirements."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.economy.businesses.picker import BusinessPicker
from quartier.economy.models import Business, Vacancy
from quartier.lib.languages import language_choices
from quartier.lib.widgets import DateInput
from quartier.people.models import Participant
from quartier.people.pickers import ParticipantPicker, participant_choices


class VacancyForm(forms.ModelForm):
    business = forms.ModelChoiceField(
        label=_("Business"),
        queryset=Business.objects.none(),
        to_field_name="slug",
        widget=BusinessPicker(key="slug", url_name="economy:vacancy-business-pick"),
        error_messages={
            "invalid_choice": _("Choose one of the businesses you may enter vacancies for.")
        },
    )
    title = Vacancy._meta.get_field("titles").formfield()
    description = Vacancy._meta.get_field("descriptions").formfield()
    filled_by = forms.ModelChoiceField(
        label=_("Filled by participant"),
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=ParticipantPicker,
        help_text=_("The participant's code, from the person's page; only when filled."),
        error_messages={"invalid_choice": _("No participant of your organisation has this code.")},
    )

    class Meta:
        model = Vacancy
        fields = [
            "kind",
            "hours_per_week",
            "starts_on",
            "closes_on",
            "pay_min",
            "pay_max",
            "pay_period",
            "status",
            "filled_by",
            "published",
        ]
        widgets = {"starts_on": DateInput, "closes_on": DateInput}

    def __init__(self, *args, user, businesses=None, staff=True, **kwargs):
        super().__init__(*args, **kwargs)
        if businesses is None:
            del self.fields["business"]
        else:
            self.fields["business"].queryset = businesses
        if staff:
            self.fields["filled_by"].queryset = participant_choices()
            self.fields["filled_by"].widget.for_user(user)
        else:
            del self.fields["filled_by"]
        if self.instance.pk:
            self.initial["title"] = self.instance.titles
            self.initial["description"] = self.instance.descriptions
            if self.instance.filled_by_id and "filled_by" in self.fields:
                self.initial["filled_by"] = self.instance.filled_by.public_id

    def values(self) -> dict:
        """The cleaned data as the service takes it."""
        data = self.cleaned_data
        values = {field: data[field] for field in self.Meta.fields if field in data}
        values["titles"] = data["title"]
        values["descriptions"] = data["description"]
        return values

    def _post_clean(self):
        # The service validates and saves; the model instance is not touched here.
        pass


class RequirementLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    level = forms.ChoiceField(
        label=_("Level (CEFR)"),
        choices=[(level, level) for level in ("A1", "A2", "B1", "B2", "C1", "C2")]
        + [("native", _("Native language"))],
    )
    required = forms.BooleanField(
        label=_("Required"),
        required=False,
        initial=True,
        help_text=_(
            "Untick when the language is welcome but not a condition. Matching never "
            "proposes anyone below a required level."
        ),
    )
