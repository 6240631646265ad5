"""Forms for offers, dates and registrations (staff, public and business)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Organisation
from quartier.learning.models import Offer
from quartier.lib.public_forms import HoneypotForm
from quartier.places.models import ContactPoint

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class OfferForm(forms.ModelForm):
    """The offer; title and description have one input per language (German required)."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of instruction"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    online_url = forms.URLField(
        label=_("Online at"),
        required=False,
        assume_scheme="https",
        help_text=_("The link for an offer held online."),
    )

    class Meta:
        model = Offer
        fields = [
            "kind",
            "title",
            "description",
            "audience",
            "contact_point",
            "room",
            "online_url",
            "capacity",
            "cost",
            "cost_note",
            "published",
            "registration_open",
        ]

    def __init__(self, *args, organisations: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_point"].queryset = ContactPoint.objects.order_by("name")
        if organisations and len(organisations) > 1:
            # Only asked of someone who organises for several organisations.
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Organising organisation"),
                queryset=Organisation.objects.filter(pk__in=organisations),
            )
            self.order_fields(["organisation"])
        if self.instance.pk:
            self.fields["languages"].initial = self.instance.languages

    def offer_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields["languages"] = list(data["languages"])
        return fields


class DateForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    room = forms.CharField(
        label=_("Room"),
        max_length=200,
        required=False,
        help_text=_("Only if not the offer's room."),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A date must end after it starts."))
        return data


class ParticipantsForm(forms.Form):
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants
        self.fields["participants"].label_from_instance = lambda p: (
            f"{p.family_name}, {p.given_name}"
        )


class BusinessStaffForm(forms.Form):
    names = forms.CharField(
        label=_("Names of your staff"),
        help_text=_("One name per line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_names(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if not names:
            raise forms.ValidationError(_("Give at least one name."))
        if any(len(name) > 300 for name in names):
            raise forms.ValidationError(_("A name may have at most 300 characters."))
        return names


class PublicRegistrationForm(HoneypotForm):
    """A resident registers without an account: name, a way to reach them, their language."""

    name = forms.CharField(label=_("Your name"), max_length=300)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    language = forms.ChoiceField(
        label=_("Language for our messages to you"), choices=LANGUAGE_CHOICES
    )
    privacy = forms.BooleanField(
        label=_(
            "I agree that the organiser keeps my name and contact details to run this offer, "
            "and deletes them afterwards."
        )
    )

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.has_error("email"):
            raise forms.ValidationError(_("Please give an e-mail address or a phone number."))
        return data
