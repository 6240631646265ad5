"""Forms of the appointment and visit pages; the services do the writing and the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.learning.models import AppointmentStatus, VisitKind
from quartier.lib.languages import language_choices
from quartier.lib.public_forms import HoneypotForm
from quartier.places.models import Weekday


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class BookingForm(HoneypotForm):
    """A resident's details for a slot; no account needed."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("We send the confirmation and a link to cancel to this address."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    topic = forms.CharField(
        label=_("What would you like to talk about?"), max_length=300, required=False
    )
    note = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(_("Please enter an e-mail address or a phone number."))
        return data


class RequestForm(BookingForm):
    """An individual appointment outside the bookable times."""

    preferred_times = forms.CharField(
        label=_("Which days and times suit you?"),
        max_length=300,
        help_text=_("For example: Mondays after 4 pm, or any morning next week."),
    )

    field_order = ["name", "email", "phone", "preferred_times", "topic", "note"]


class ProposeForm(forms.Form):
    start = forms.DateTimeField(label=_("Proposed date and time"), widget=DateTimeInput())
    counsellor = forms.ModelChoiceField(label=_("Counsellor"), queryset=None, empty_label=None)

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (AppointmentStatus.DONE, AppointmentStatus.DONE.label),
            (AppointmentStatus.NO_SHOW, AppointmentStatus.NO_SHOW.label),
        ],
    )


class AvailabilityForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Counsellor"), queryset=None, empty_label=None)
    contact_point = forms.ModelChoiceField(
        label=_("Contact point"), queryset=None, empty_label=None
    )
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    starts = forms.TimeField(label=_("From"), widget=TimeInput())
    ends = forms.TimeField(label=_("Until"), widget=TimeInput())
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), widget=DateInput(), required=False)

    def __init__(self, *args, users, contact_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["contact_point"].queryset = contact_points
        self.fields["valid_from"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["starts"] >= data["ends"]:
            self.add_error("ends", _("The end must be after the start."))
        if (
            data.get("valid_from")
            and data.get("valid_until")
            and data["valid_until"] < data["valid_from"]
        ):
            self.add_error("valid_until", _("This date is before the start date."))
        return data


class VisitForm(forms.Form):
    contact_point = forms.ModelChoiceField(label=_("Place"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Kind of visit"), choices=VisitKind.choices)
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=200, initial=1)
    # Choices are set per form: named in the language of whoever fills it in.
    language = forms.ChoiceField(label=_("Language"), required=False)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=720, required=False
    )
    at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())

    def __init__(self, *args, contact_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *language_choices()]
        self.fields["contact_point"].queryset = contact_points
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)
