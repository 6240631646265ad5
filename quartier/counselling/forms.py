"""Forms of the counselling pages; the services in this app do the writing and the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.counselling.models import (
    MAX_CONTACT_MINUTES,
    Agency,
    CaseStatus,
    ContactChannel,
    ExitSituation,
    GoalKind,
    GoalStatus,
    Improvement,
    ReferralOutcome,
    ReferralTarget,
    ShareKind,
    Topic,
)
from quartier.lib.languages import LANGUAGE_CODES, language_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class YesNoField(forms.TypedChoiceField):
    """A required yes/no answer as radio buttons (a checkbox cannot say "not answered")."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda value: value == "yes",
            widget=forms.RadioSelect,
            **kwargs,
        )


class OpenCaseForm(forms.Form):
    counsellor = forms.ModelChoiceField(
        label=_("Responsible counsellor"), queryset=None, empty_label=None
    )
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors
        self.fields["opened_on"].initial = timezone.localdate()


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(value, label) for value, label in CaseStatus.choices if value != "closed"],
        help_text=_("A case is closed by recording the exit."),
    )
    counsellor = forms.ModelChoiceField(
        label=_("Responsible counsellor"), queryset=None, empty_label=None
    )

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors


class ContactForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=MAX_CONTACT_MINUTES
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=ContactChannel.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Language used"), choices=language_choices)
    interpreter = forms.BooleanField(label=_("An interpreter was present"), required=False)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    next_step = forms.CharField(label=_("Agreed next step"), max_length=300, required=False)
    next_step_due = forms.DateField(label=_("Next step due on"), widget=DateInput(), required=False)

    def __init__(self, *args, language: str = "de", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["language"].initial = language if language in LANGUAGE_CODES else "de"


class GoalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Goal"), choices=GoalKind.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReferralForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Referred to"), choices=ReferralTarget.choices, widget=forms.RadioSelect
    )
    agency = forms.ChoiceField(
        label=_("Agency"),
        choices=[("", _("– only for a referral to an agency –")), *Agency.choices],
        required=False,
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_("Which vacancy, course or office, and what for."),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        target, agency = data.get("target"), data.get("agency")
        if target == ReferralTarget.AGENCY and not agency:
            self.add_error("agency", _("Choose the agency."))
        if target and target != ReferralTarget.AGENCY and agency:
            self.add_error("agency", _("An agency is only named for a referral to an agency."))
        return data


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ReferralOutcome.choices, widget=forms.RadioSelect
    )
    outcome_on = forms.DateField(
        label=_("Outcome known on"),
        widget=DateInput(),
        required=False,
        help_text=_("Today if left empty."),
    )


class ExitForm(forms.Form):
    exit_date = forms.DateField(label=_("Exit date"), widget=DateInput())
    situation = forms.ChoiceField(
        label=_("Situation within 4 weeks after exit"),
        choices=ExitSituation.choices,
        widget=forms.RadioSelect,
        help_text=_("One answer: job searching and employment exclude each other."),
    )
    qualification_gained = forms.BooleanField(label=_("Gained a qualification"), required=False)
    certificate = forms.CharField(label=_("Certificate"), max_length=200, required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exit_date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("qualification_gained"):
            for name in ("certificate", "issuer"):
                if not data.get(name, "").strip():
                    self.add_error(name, _("Name the certificate and who issued it."))
        elif data.get("certificate") or data.get("issuer"):
            self.add_error(
                "qualification_gained",
                _("A certificate is only recorded when a qualification was gained."),
            )
        return data


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    in_employment = YesNoField(label=_("In employment, including self-employment"))
    improved_situation = forms.ChoiceField(
        label=_("Improved labour-market situation"),
        choices=[(Improvement.YES, _("Yes")), (Improvement.NO, _("No"))],
        widget=forms.RadioSelect,
        help_text=_("Asked because the person was employed at entry."),
    )

    def __init__(self, *args, employed_at_entry: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()
        if not employed_at_entry:
            del self.fields["improved_situation"]


class ShareForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Share or hand over"),
        choices=ShareKind.choices,
        widget=forms.RadioSelect,
        initial=ShareKind.SHARE,
    )

    def __init__(self, *args, holder_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(pk=holder_id).exclude(
            kind=OrganisationKind.BUSINESS
        )
