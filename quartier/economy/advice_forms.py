"""Forms of the advice part: founders, funding advice, consultations, vacancies."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.economy.models import (
    Business,
    ConsultationTopic,
    Founder,
    FundingApplication,
    FundingProgramme,
    Sector,
    Vacancy,
    VacancyKind,
)
from quartier.lib.languages import language_choices
from quartier.people.models import Participant


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _participants():
    """The people a request may name: the scope of the view's access (founders: advising
    organisations; vacancies: those of their editors)."""
    return Participant.objects.all()


class LanguagesField(forms.MultipleChoiceField):
    widget = forms.SelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=language_choices, required=False, **kwargs)


class FounderForm(forms.ModelForm):
    participant = forms.ModelChoiceField(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=forms.HiddenInput,
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = _participants()
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
        label=_("Business"), queryset=Business.objects.all(), to_field_name="slug"
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


class VacancyForm(forms.ModelForm):
    business = forms.ModelChoiceField(
        label=_("Business"), queryset=Business.objects.none(), to_field_name="slug"
    )
    title = Vacancy._meta.get_field("titles").formfield()
    description = Vacancy._meta.get_field("descriptions").formfield()
    filled_by = forms.ModelChoiceField(
        label=_("Filled by participant"),
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=forms.TextInput,
        help_text=_("The participant's code, from the person's page; only when filled."),
        error_messages={"invalid_choice": _("No participant of your organisation has this code.")},
    )

    class Meta:
        model = Vacancy
        fields = [
            "kind",
            "hours_per_week",
            "starts_on",
            "pay_min",
            "pay_max",
            "pay_period",
            "status",
            "filled_by",
            "published",
        ]
        widgets = {"starts_on": DateInput}

    def __init__(self, *args, businesses=None, staff=True, **kwargs):
        super().__init__(*args, **kwargs)
        if businesses is None:
            del self.fields["business"]
        else:
            self.fields["business"].queryset = businesses
        if staff:
            self.fields["filled_by"].queryset = _participants()
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


class PublicVacancyFilter(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds"))] + VacancyKind.choices, required=False
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label=_("All sectors"),
        required=False,
    )
    occupation = forms.TypedChoiceField(label=_("Occupation"), coerce=int, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, occupations=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].choices = [("", _("All occupations")), *occupations]
        self.fields["language"].choices = [("", _("Any language")), *languages]
        self.fields["language"].help_text = _("Vacancies that ask for this language.")
