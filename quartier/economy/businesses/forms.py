"""Forms of the business register, training path and alliance pages; the services write."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.economy.businesses.picker import BusinessPicker
from quartier.economy.businesses.register import EDITOR_ONLY_FIELDS, FIELDS
from quartier.economy.models import Business, ContactPerson, Sector, TrainingStepKind
from quartier.esco.picker import OccupationPicker, curated_occupations
from quartier.lib.languages import LANGUAGE_CODES, language_choices
from quartier.lib.widgets import DateInput


class SocialMediaField(forms.CharField):
    """One "platform address" pair a line, e.g. ``instagram https://…``."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, dict):
            return "\n".join(f"{platform} {url}" for platform, url in value.items())
        return value

    def to_python(self, value):
        text = super().to_python(value)
        result = {}
        validator = forms.URLField(assume_scheme="https")
        for line in text.splitlines():
            if not line.strip():
                continue
            platform, _sep, url = line.strip().partition(" ")
            if not url.strip():
                raise forms.ValidationError(
                    _(
                        "Write the platform and its address on each line, e.g. “instagram https://…”."
                    )
                )
            result[platform.strip().lower()] = validator.clean(url.strip())
        return result


MIGRANT_CHOICES = [("", _("Not said")), ("yes", _("Yes")), ("no", _("No"))]


class BusinessForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken in the business"),
        required=False,
        choices=language_choices,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    migrant_economy = forms.TypedChoiceField(
        label=_("Migrant economy"),
        required=False,
        choices=MIGRANT_CHOICES,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        help_text=_("Only as the business itself says; optional."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    social_media = SocialMediaField(
        label=_("Social media"),
        required=False,
        help_text=_("One platform and its address a line."),
    )

    class Meta:
        model = Business
        fields = list(FIELDS)
        widgets = {
            "founded": DateInput(),
            "listed_since": DateInput(),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, editor: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["migrant_economy"] = {True: "yes", False: "no"}.get(
                self.instance.migrant_economy, ""
            )
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Left empty, it is made from the name.")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.BUSINESS
        )
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["sector"].label_from_instance = lambda sector: sector.name()
        self.fields["size_class"].help_text = _(
            "Derived from the number of staff when that is given."
        )
        self.fields["listed_since"].help_text = _("Filled in with today when left empty.")
        if not editor:
            for name in EDITOR_ONLY_FIELDS:
                del self.fields[name]

    def clean_migrant_economy(self):
        value = self.cleaned_data.get("migrant_economy")
        return value if value in (True, False) else None

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        return slug


def migrant_value(value) -> str:
    return {True: "yes", False: "no"}.get(value, "")


class ContactForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        choices=language_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = ContactPerson
        fields = ["name", "role", "phone", "email", "languages"]


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=TrainingStepKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class AllianceForm(forms.Form):
    lead_business = forms.ModelChoiceField(
        label=_("Lead business"),
        queryset=Business.objects.exclude(status="closed"),
        widget=BusinessPicker(open_only=True),
    )
    occupation = forms.ModelChoiceField(
        label=_("Occupation (ESCO)"),
        required=False,
        queryset=None,
        empty_label=_("None chosen"),
        widget=OccupationPicker,
    )
    occupation_label = forms.CharField(
        label=_("Occupation (as written)"),
        required=False,
        max_length=200,
        help_text=_("When the occupation is not in the list."),
    )
    apprentice_label = forms.CharField(
        label=_("Apprentice"),
        required=False,
        max_length=200,
        help_text=_("A name or a label such as “apprentice 2026”."),
    )
    start = forms.DateField(label=_("Start"), widget=DateInput())
    end = forms.DateField(label=_("End"), required=False, widget=DateInput())
    covers = forms.CharField(
        label=_("Part the lead business covers"), required=False, max_length=300
    )
    months = forms.IntegerField(label=_("Months"), required=False, min_value=1, max_value=48)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = curated_occupations().prefetch_related("labels")
        language = get_language() or settings.LANGUAGE_CODE
        self.fields["occupation"].label_from_instance = lambda concept: concept.label(language)


class PartForm(forms.Form):
    business = forms.ModelChoiceField(
        label=pgettext_lazy("alliance part", "Business"),
        queryset=Business.objects.exclude(status="closed"),
        widget=BusinessPicker(open_only=True),
    )
    covers = forms.CharField(label=_("Part of the training covered"), required=False)
    months = forms.IntegerField(label=_("Months"), required=False, min_value=1, max_value=48)


__all__ = [
    "AllianceForm",
    "BusinessForm",
    "ContactForm",
    "LANGUAGE_CODES",
    "PartForm",
    "StepForm",
    "migrant_value",
]
