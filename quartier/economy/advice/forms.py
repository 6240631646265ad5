"""Forms of the advice part: founders, funding advice, consultations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.economy.businesses.picker import BusinessPicker
from quartier.economy.models import (
    Business,
    ConsultationTopic,
    Founder,
    FundingApplication,
    FundingProgramme,
)
from quartier.lib.languages import language_choices
from quartier.lib.widgets import DateInput
from quartier.people.models import Participant
from quartier.people.pickers import ParticipantPicker, participant_choices


class LanguagesField(forms.MultipleChoiceField):
    widget = forms.SelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=language_choices, required=False, **kwargs)


class FounderForm(forms.ModelForm):
    participant = forms.ModelChoiceField(
        label=_("Participant"),
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=ParticipantPicker,
    )
    languages = LanguagesField(label=_("Languages"))

    class Meta:
        model = Founder
        fields = [
            "participant",
            "name",
            "email",
            "phone",
            "languages",
            "business_idea",
            "sector",
            "premises_kind",
            "premises_area",
            "stage",
            "business",
        ]
        widgets = {"business_idea": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participant_choices()
        self.fields["participant"].widget.for_user(user)
        if self.instance.participant_id:
            # The hidden field carries the public code, never the primary key.
            self.initial["participant"] = self.instance.participant.public_id
        self.fields["name"].help_text = _("Not needed when the founder is a participant.")

    def clean(self):
        data = super().clean()
        if not data.get("participant") and not (data.get("name") or "").strip():
            self.add_error("name", _("Give the founder's name."))
        return data


class AdviceForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes discussed"),
        queryset=FundingProgramme.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = ["programme", "applied_on", "amount_requested"]
        widgets = {"applied_on": DateInput}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = ["outcome", "decided_on", "amount_granted"]
        widgets = {"decided_on": DateInput}


class ConsultationForm(forms.Form):
    business = forms.ModelChoiceField(
        label=_("Business"),
        queryset=Business.objects.all(),
        to_field_name="slug",
        widget=BusinessPicker(key="slug"),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=ConsultationTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    result = forms.CharField(
        label=_("Result"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    next_steps = forms.CharField(
        label=_("Agreed next steps"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        widget=DateInput,
        required=False,
        help_text=_("The consultation then appears on your follow-up list."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["business"]
