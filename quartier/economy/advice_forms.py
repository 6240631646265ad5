"""Forms of the advice part: founders, funding advice, consultations, vacancies."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from quartier.economy.businesses_picker import BusinessPicker
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
from quartier.people.pickers import ParticipantPicker

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "de"]


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


class VacancyForm(forms.ModelForm):
    business = forms.ModelChoiceField(
        label=_("Business"), queryset=Business.objects.none(), to_field_name="slug"
    )
    title = forms.CharField(label=_("Title (German)"), max_length=200)
    description = forms.CharField(
        label=_("Description (German)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
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
        for code, name in settings.LANGUAGES:
            if code == "de":
                continue
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=200,
                required=False,
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
        if staff:
            self.fields["filled_by"].queryset = _participants()
        else:
            del self.fields["filled_by"]
        if self.instance.pk:
            titles, descriptions = self.instance.titles, self.instance.descriptions
            self.initial["title"] = titles.get("de", "")
            self.initial["description"] = descriptions.get("de", "")
            for code in TRANSLATED:
                self.initial[f"title_{code}"] = titles.get(code, "")
                self.initial[f"description_{code}"] = descriptions.get(code, "")
            if self.instance.filled_by_id and "filled_by" in self.fields:
                self.initial["filled_by"] = self.instance.filled_by.public_id

    def values(self) -> dict:
        """The cleaned data as the service takes it."""
        data = self.cleaned_data
        values = {field: data[field] for field in self.Meta.fields if field in data}
        values["titles"] = {"de": data["title"]} | {
            code: data[f"title_{code}"] for code in TRANSLATED if data.get(f"title_{code}")
        }
        values["descriptions"] = {"de": data["description"]} | {
            code: data[f"description_{code}"]
            for code in TRANSLATED
            if data.get(f"description_{code}")
        }
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
