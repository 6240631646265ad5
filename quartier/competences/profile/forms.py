"""Forms of the competence profile pages; the services do the writing and the rules.

The part forms are plain forms whose fields come from the models, so that an
edit form never changes the object before the service compares old and new.
"""

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from quartier.competences.profile import skills as skill_services
from quartier.competences.profile.models import (
    EvidenceLevel,
    Experience,
    InformalCompetence,
    LanguageSkill,
    Qualification,
    SkillLevel,
    SkillSource,
)
from quartier.competences.profile.qualifications import FIELDS as QUALIFICATION_FIELDS
from quartier.esco.models import Concept, Label, normalise
from quartier.lib.countries import country_choices
from quartier.lib.languages import language_choices
from quartier.lib.searchable import SearchableSelect, country_terms, language_terms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthInput(forms.DateInput):
    """A month picker; the browser sends YYYY-MM, which the field reads as the 1st."""

    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class MonthField(forms.DateField):
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    widget = MonthInput


class ConceptField(forms.CharField):
    """An ESCO concept typed by its name in any language; an unknown name gets suggestions."""

    def __init__(self, *, kind: str, **kwargs):
        self.kind = kind
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Concept):
            return value.label(get_language() or "de")
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = (
            Label.objects.filter(normalised=normalise(text), concept__kind=self.kind)
            .select_related("concept")
            .order_by("kind", "concept_id")
            .first()
        )
        if match is not None:
            return match.concept
        language = get_language() or "de"
        candidates = skill_services.search_concepts(text, language, kind=self.kind, limit=5)
        if candidates:
            names = "; ".join(concept.label(language) for concept in candidates)
            raise forms.ValidationError(
                _("No ESCO entry has exactly this name. Did you mean: %(names)s?")
                % {"names": names}
            )
        raise forms.ValidationError(_("No ESCO entry has this name."))


class PartForm(forms.Form):
    """Fields generated from ``model`` for ``field_names``; declared fields take precedence."""

    model: type
    field_names: tuple[str, ...]
    widgets: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        generated = fields_for_model(self.model, fields=self.field_names, widgets=self.widgets)
        declared = self.fields
        self.fields = {name: declared.get(name) or generated[name] for name in self.field_names}
        self.fields.update({n: f for n, f in declared.items() if n not in self.field_names})

    @classmethod
    def initial_from(cls, part) -> dict:
        return {name: getattr(part, name) for name in cls.field_names}

    def part_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.field_names}


class QualificationForm(PartForm):
    model = Qualification
    field_names = QUALIFICATION_FIELDS
    widgets = {
        "title_original": forms.TextInput(attrs={"dir": "auto"}),
        "recognition_decided_on": DateInput(),
    }

    country = forms.ChoiceField(
        label=_("Country"), required=False, widget=SearchableSelect(terms=country_terms)
    )
    original_language = forms.ChoiceField(
        label=_("Language of the certificate"),
        required=False,
        widget=SearchableSelect(terms=language_terms),
    )
    reference_occupation = ConceptField(
        kind=Concept.Kind.OCCUPATION,
        label=_("German reference occupation (ESCO)"),
        help_text=_("Type the occupation's name; Quartier looks it up in ESCO."),
    )
    evidence = forms.FileField(
        label=_("Evidence document"),
        required=False,
        help_text=_("PDF, JPEG or PNG; it must really be what its name says."),
    )
    remove_evidence = forms.BooleanField(label=_("Remove the evidence document"), required=False)

    def __init__(self, *args, has_evidence: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "–"), *country_choices()]
        self.fields["original_language"].choices = [("", "–"), *language_choices()]
        if not has_evidence:
            del self.fields["remove_evidence"]


class LanguageForm(PartForm):
    model = LanguageSkill
    field_names = (
        "language",
        "understanding",
        "speaking",
        "writing",
        "certificate",
        "certificate_year",
    )
    language = forms.ChoiceField(label=_("Language"), widget=SearchableSelect(terms=language_terms))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()


class ExperienceForm(PartForm):
    model = Experience
    field_names = (
        "title",
        "occupation",
        "setting",
        "formal",
        "employer",
        "country",
        "started_on",
        "ended_on",
        "description",
    )
    widgets = {
        "title": forms.TextInput(attrs={"dir": "auto"}),
        "employer": forms.TextInput(attrs={"dir": "auto"}),
        "description": forms.Textarea(attrs={"dir": "auto", "rows": 4}),
    }
    occupation = ConceptField(
        kind=Concept.Kind.OCCUPATION,
        label=_("Occupation (ESCO)"),
        help_text=_("Type the occupation's name; Quartier looks it up in ESCO."),
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, widget=SearchableSelect(terms=country_terms)
    )
    started_on = MonthField(label=_("From"), required=False, help_text=_("Month and year."))
    ended_on = MonthField(label=_("Until"), required=False, help_text=_("Empty while it goes on."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "–"), *country_choices()]


class InformalForm(PartForm):
    model = InformalCompetence
    field_names = (
        "field",
        "activity",
        "competence",
        "self_assessment",
        "counsellor_assessment",
        "evidence_level",
    )
    widgets = {
        "activity": forms.Textarea(attrs={"dir": "auto", "rows": 3}),
        "competence": forms.Textarea(attrs={"dir": "auto", "rows": 3}),
    }


HOURS_MESSAGE = _("Hours per week must be between 1 and 60.")


class SummaryForm(forms.Form):
    """The summary, and what the person looks for: matching reads the hours and the date."""

    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 4}),
        help_text=_("A few sentences on the person's strengths and aims."),
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week wanted"),
        required=False,
        min_value=1,
        max_value=60,
        max_digits=4,
        decimal_places=1,
        help_text=_("Empty: not said. Matching prefers vacancies within five hours of it."),
        error_messages={
            "invalid": HOURS_MESSAGE,
            "min_value": HOURS_MESSAGE,
            "max_value": HOURS_MESSAGE,
            "max_digits": HOURS_MESSAGE,
            "max_decimal_places": _("Give the hours with at most one decimal, e.g. 19.5."),
        },
    )
    available_from = forms.DateField(
        label=_("Available from"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: available now. A vacancy starting earlier counts a little against it."),
    )


class SkillForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), required=False)
    evidence_level = forms.ChoiceField(label=_("Evidence"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", "–"), *SkillLevel.choices]
        self.fields["evidence_level"].choices = EvidenceLevel.choices


class SkillSearchForm(forms.Form):
    q = forms.CharField(label=_("Search ESCO"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Skills and occupations")), *Concept.Kind.choices],
    )


class SuggestForm(forms.Form):
    text = forms.CharField(
        label=_("What the person did, in their own words"),
        max_length=4000,
        widget=forms.Textarea(attrs={"dir": "auto", "rows": 4}),
        help_text=_("Any of the seven languages."),
    )


class AddSkillsForm(forms.Form):
    concepts = forms.TypedMultipleChoiceField(
        label=_("Skills and occupations"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    source = forms.ChoiceField(label=_("Source"), choices=SkillSource.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ids are checked against the taxonomy in clean_concepts, not against a fixed list.
        self.fields["concepts"].valid_value = lambda value: str(value).isdigit()

    def clean_concepts(self) -> list[Concept]:
        concepts = skill_services.concepts_by_id(self.cleaned_data["concepts"])
        if not concepts:
            raise forms.ValidationError(_("Choose at least one skill or occupation."))
        return concepts
