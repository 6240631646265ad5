"""Forms of the employer view and of answering contact requests."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.competences.employers.contact_requests import CONTACT_MAX, MESSAGE_MAX


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you offer (job, training place, trial day) and why this profile."),
    )
    contact = forms.CharField(
        label=_("How to reach you"),
        max_length=CONTACT_MAX,
        help_text=_("A name and a phone number or e-mail address; passed on to the person."),
    )


class AnswerForm(forms.Form):
    decision = forms.TypedChoiceField(
        label=_("The person's answer"),
        choices=[("yes", _("Agrees to the contact")), ("no", _("Does not want the contact"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer to the employer"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown to the employer as written. Only what the person agreed to share, "
            "e.g. “She will call you this week.”"
        ),
    )
