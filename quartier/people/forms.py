from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.lib.countries import STATELESS, country_choices
from quartier.lib.languages import language_choices, ui_language_choices
from quartier.lib.searchable import (
    SearchableSelect,
    SearchableSelectMultiple,
    country_terms,
    language_terms,
)
from quartier.people.consent import CURRENT_WORDING
from quartier.people.entry import ENTRY_FIELDS, SPECIAL_CATEGORIES, entry_data_errors
from quartier.people.intake import PERSONAL_FIELDS
from quartier.people.models import (
    INFORMATION_ONLY,
    Consent,
    ContactChannel,
    EntryData,
    Participant,
    Project,
    Purpose,
    ShortContact,
)

OLDEST_BIRTH_DATE = date(1900, 1, 1)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _choices_once(field: forms.ModelChoiceField) -> forms.ModelChoiceField:
    """Read the options once: without an empty label, the widget reads them twice."""
    field.widget.choices = [choice for choice in field.choices]  # noqa: C416 (len() would count)
    return field


def _organisation_field(organisations: list[int]) -> forms.ModelChoiceField:
    return _choices_once(
        forms.ModelChoiceField(
            label=_("Organisation"),
            queryset=Organisation.objects.filter(pk__in=organisations),
            empty_label=None,
        )
    )


def _project_field() -> forms.ModelChoiceField:
    return _choices_once(
        forms.ModelChoiceField(
            label=_("Project"),
            queryset=Project.objects.all(),
            empty_label=None,
            error_messages={"required": _("Choose the project the person takes part in.")},
        )
    )


class OrganisationChoiceMixin:
    """An organisation field only for people who work for more than one organisation."""

    def setup_organisation(self, organisations: list[int]) -> None:
        self.organisations = organisations
        if len(organisations) > 1:
            self.fields = {"organisation": _organisation_field(organisations), **self.fields}

    def chosen_organisation(self) -> Organisation:
        chosen = self.cleaned_data.get("organisation")
        if chosen is not None:
            return chosen
        return Organisation.objects.get(pk=self.organisations[0])


class ParticipantForm(forms.ModelForm):
    """The person's own data, at intake and later."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 8}, terms=language_terms),
        help_text=_(
            "Type a few letters in any language to find one; choose as many as apply "
            "(in the plain list, with the Ctrl key, ⌘ on a Mac)."
        ),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        help_text=_("Counselling, letters and the consent sheet use this language if possible."),
        widget=SearchableSelect(terms=language_terms),
    )
    citizenships = forms.MultipleChoiceField(
        label=_("Citizenships"),
        required=False,
        widget=SearchableSelectMultiple(attrs={"size": 8}, terms=country_terms),
        help_text=_(
            "Type a few letters in any language to find one; choose as many as apply "
            "(in the plain list, with the Ctrl key, ⌘ on a Mac)."
        ),
    )

    class Meta:
        model = Participant
        fields = list(PERSONAL_FIELDS)
        widgets = {
            "date_of_birth": DateInput,
            "gender": forms.RadioSelect,
            "given_name": forms.TextInput(attrs={"autocomplete": "off", "dir": "auto"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "off", "dir": "auto"}),
            "name_latin": forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].required = True
        self.fields["languages"].choices = language_choices()
        self.fields["preferred_language"].choices = language_choices()
        self.fields["citizenships"].choices = country_choices()

    def clean_date_of_birth(self) -> date:
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        if born < OLDEST_BIRTH_DATE:
            raise forms.ValidationError(_("Check the year of birth."))
        return born

    def clean_postcode(self) -> str:
        return "".join(self.cleaned_data["postcode"].split())

    def clean_citizenships(self) -> list[str]:
        codes = self.cleaned_data["citizenships"]
        if STATELESS in codes and len(codes) > 1:
            raise forms.ValidationError(
                _("A stateless person has no other citizenship; choose one or the other.")
            )
        return codes

    def clean(self) -> dict:
        data = super().clean()
        channel = data.get("preferred_channel")
        if channel == ContactChannel.EMAIL and not data.get("email"):
            self.add_error("email", _("Enter an e-mail address to be contacted by e-mail."))
        phone_channels = (ContactChannel.PHONE, ContactChannel.SMS, ContactChannel.MESSENGER)
        if channel in phone_channels and not data.get("phone"):
            self.add_error("phone", _("Enter a phone number for this way of contact."))
        if channel == ContactChannel.POST and not (data.get("street") and data.get("postcode")):
            self.add_error("street", _("Enter the address to be contacted by letter."))
        # The preferred language is one the person speaks.
        preferred = data.get("preferred_language")
        if preferred and preferred not in data.get("languages", []):
            data["languages"] = [preferred, *data.get("languages", [])]
        return data

    def participant_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PERSONAL_FIELDS}


class IntakeForm(OrganisationChoiceMixin, ParticipantForm):
    entry_date = forms.DateField(
        label=_("Date of entry"),
        widget=DateInput,
        help_text=_("The day the person joined the project; the ESF+ data are as of this day."),
    )
    different_person = forms.BooleanField(
        label=_("I have checked: this is a different person"),
        required=False,
    )

    field_order = ["project", "entry_date"]

    def __init__(self, *args, organisations: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"project": _project_field(), **self.fields}
        self.fields["entry_date"].initial = timezone.localdate
        self.setup_organisation(organisations)

    def clean_entry_date(self) -> date:
        entry_date = self.cleaned_data["entry_date"]
        if entry_date > timezone.localdate():
            raise forms.ValidationError(_("The date of entry cannot be in the future."))
        return entry_date

    def clean(self) -> dict:
        data = super().clean()
        project, entry_date = data.get("project"), data.get("entry_date")
        if project and entry_date and not project.starts_on <= entry_date <= project.ends_on:
            self.add_error(
                "entry_date",
                _("The project runs from %(start)s to %(end)s; the date of entry must lie within.")
                % {"start": project.starts_on, "end": project.ends_on},
            )
        return data


class EntryDataForm(forms.ModelForm):
    class Meta:
        model = EntryData
        fields = list(ENTRY_FIELDS)
        widgets = {
            "entry_date": DateInput,
            "unemployed_since": DateInput,
            "employment_status": forms.RadioSelect,
            "registration": forms.RadioSelect,
            "foreign_background": forms.RadioSelect,
            "disability": forms.RadioSelect,
            "minority": forms.RadioSelect,
            "housing_exclusion": forms.RadioSelect,
        }
        help_texts = {
            "employment_status": _("Exactly one, as of the date of entry."),
            "unemployed_since": _(
                "Required for unemployed people; over 12 months counts as long-term unemployed."
            ),
            "isced": _("The highest school or vocational qualification, with foreign ones."),
            "disability": _("A special category of personal data: optional; “no answer” is fine."),
            "minority": _("A special category of personal data: optional; “no answer” is fine."),
        }

    def __init__(self, *args, special_categories: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not special_categories:
            for name in SPECIAL_CATEGORIES:
                del self.fields[name]
        not_yet = [("", _("Not recorded yet"))]
        for name in ("employment_status", "registration"):
            field = self.fields[name]
            field.choices = not_yet + [c for c in field.choices if c[0]]
        self.fields["isced"].choices = not_yet + [c for c in self.fields["isced"].choices if c[0]]

    def clean(self) -> dict:
        data = super().clean()
        values = {name: data.get(name) for name in self.fields}
        for name, message in entry_data_errors(values).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


# The purposes a sheet asks consent for: every purpose but the information notices.
CONSENT_PURPOSES = [
    (code, label) for code, label in Purpose.choices if code not in INFORMATION_ONLY
]


class ConsentForm(forms.Form):
    """One sheet: the information notice and every purpose the person agreed to, ticked.

    ``live`` are the person's records not withdrawn: a purpose given already (other
    than a handover, which names a new organisation each time) is shown as given, not
    as a box, and refused if posted anyway; the notice, once given, is shown with
    its date. All ticked records share one language of the wording and are recorded
    together by ``consent.record_consents``.
    """

    notice = forms.BooleanField(
        label=_("The person has received the ESF monitoring notice"),
        required=False,
        help_text=_("Information about a processing required by law; not a consent."),
    )
    purpose = forms.MultipleChoiceField(
        label=_("Consents given"),
        choices=CONSENT_PURPOSES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of the wording"),
        help_text=_("The language the person read or heard the text in."),
    )
    recipient = forms.ModelChoiceField(
        label=_("Organisation the case is passed to"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only for passing the case to another organisation."),
    )

    def __init__(self, *args, participant: Participant, live: list[Consent], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = ui_language_choices()
        codes = dict(ui_language_choices())
        if participant.preferred_language in codes:
            self.fields["language"].initial = participant.preferred_language
        self.fields["recipient"].queryset = Organisation.objects.exclude(
            pk=participant.organisation_id
        ).exclude(kind=OrganisationKind.BUSINESS)
        self.given = {c.purpose: c for c in live if c.purpose != Purpose.HANDOVER}
        self.notices = [c for c in live if c.purpose in INFORMATION_ONLY]
        if self.notices:
            del self.fields["notice"]
        self.fields["purpose"].widget.choices = [
            (code, label) for code, label in CONSENT_PURPOSES if code not in self.given
        ]
        version = CURRENT_WORDING[Purpose.COUNSELLING]
        self.fields["purpose"].help_text = _("Recorded with the current wording, version %s.") % (
            version
        )

    def clean(self) -> dict:
        data = super().clean()
        purposes, recipient = data.get("purpose") or [], data.get("recipient")
        if "purpose" not in self.errors:
            if any(purpose in self.given for purpose in purposes):
                self.add_error(
                    "purpose", _("This has already been recorded and not withdrawn; see the list.")
                )
            elif not purposes and not data.get("notice"):
                self.add_error(
                    "purpose", _("Tick the consents the person gave, or the notice they received.")
                )
        if Purpose.HANDOVER in purposes and recipient is None:
            self.add_error("recipient", _("Choose the organisation the case is passed to."))
        if Purpose.HANDOVER not in purposes and recipient is not None:
            self.add_error("recipient", _("Only a handover names another organisation."))
        return data


class ShortContactForm(OrganisationChoiceMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of contact"), choices=ShortContact.Kind.choices, widget=forms.RadioSelect
    )
    date = forms.DateField(label=_("Date"), widget=DateInput)
    language = forms.ChoiceField(label=_("Language"))
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=500,
        initial=1,
        help_text=_("Count a group at an information stand as one contact of several people."),
    )

    def __init__(self, *args, organisations: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"project": _project_field(), **self.fields}
        self.fields["language"].choices = language_choices()
        self.fields["date"].initial = timezone.localdate
        self.setup_organisation(organisations)

    def clean_date(self) -> date:
        on = self.cleaned_data["date"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return on
