from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.reporting.targets import TARGET_LABELS


class TargetsForm(forms.Form):
    """One number per indicator for one period; an empty field has no target."""

    def __init__(self, *args, initial_targets: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in TARGET_LABELS.items():
            self.fields[code] = forms.IntegerField(
                label=f"{code} – {label}",
                min_value=0,
                max_value=10_000_000,
                required=False,
                initial=initial_targets.get(code),
            )

    def targets(self) -> dict[str, int | None]:
        return {code: self.cleaned_data.get(code) for code in TARGET_LABELS}


class ProjectForm(forms.Form):
    """Which project the page is about (``?project=``)."""

    project = forms.ChoiceField(label=_("Project"))

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.slug, p.name) for p in projects]


class ProjectPeriodForm(ProjectForm):
    """Which project and period the page is about (``?project=&period=``)."""

    period = forms.CharField(
        label=_("Period"),
        max_length=30,
        help_text=_("For example phase, 2026, 2026-H1, 2026-Q3 or 2026-05."),
    )
