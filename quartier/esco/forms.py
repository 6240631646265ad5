from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.esco.models import Concept


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Occupation or skill"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("occupations and skills")), *Concept.Kind.choices],
    )


class SuggestForm(forms.Form):
    text = forms.CharField(
        label=_("What the person did, in their own words"),
        help_text=_("Any language. The text is only used for this suggestion and is not stored."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 3:
            raise forms.ValidationError(_("Please describe the activity in a few words."))
        return text
