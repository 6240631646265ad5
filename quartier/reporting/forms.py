from datetime import date

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quartier.people.models import Project
from quartier.reporting.periods import PeriodError, parse
from quartier.reporting.targets import ESF_PREFIX, TARGET_GROUPS, TARGET_LABELS


class TargetsForm(forms.Form):
    """One number per indicator for one period; an empty field has no target.

    The ESF+ indicators and every success measure's counts, in ``TARGET_GROUPS``'
    order; ``groups()`` gives the page its fieldsets.
    """

    def __init__(self, *args, initial_targets: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in TARGET_LABELS.items():
            self.fields[code] = forms.IntegerField(
                # An ESF+ code is part of the indicator's name; a measure's is not.
                label=f"{code} – {label}" if code.startswith(ESF_PREFIX) else str(label),
                min_value=0,
                max_value=10_000_000,
                required=False,
                initial=initial_targets.get(code),
            )

    def groups(self) -> list[tuple[str | Promise, list[forms.BoundField]]]:
        return [(title, [self[code] for code, _label in codes]) for title, codes in TARGET_GROUPS]

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
    """Which project and period the page is about (``?project=&period=``).

    Offers the periods a grant application sets targets for: the funding phase, and
    each year of it with its halves and quarters (also those still ahead). A period
    named in the address (``?period=2026-05``) is offered too, and one that names no
    period is left to the caller's ``periods.parse``, which says what is wrong.
    """

    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args, projects: list[Project], today: date, **kwargs):
        super().__init__(*args, projects=projects, **kwargs)
        offered: dict[str, str] = {}
        for project in projects:
            for key in _target_keys(project):
                offered.setdefault(key, parse(key, today=today, project=project).label)
        asked = self.data.get("period", "") if self.is_bound else ""
        if asked and asked not in offered:
            try:
                offered = {asked: parse(asked, today=today, project=projects[0]).label, **offered}
            except PeriodError:
                offered = {asked: asked, **offered}
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(offered.items())


def _target_keys(project: Project) -> list[str]:
    keys = ["phase"]
    for year in range(project.starts_on.year, project.ends_on.year + 1):
        keys += [str(year), f"{year}-H1", f"{year}-H2"] + [f"{year}-Q{q}" for q in (1, 2, 3, 4)]
    return keys
