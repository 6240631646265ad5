"""The dashboard's filters: project, period (or a range of days), organisation, quarter."""

import contextlib
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from quartier.lib.widgets import DateInput
from quartier.people.models import Project
from quartier.places.models import Quarter
from quartier.reporting import periods

CUSTOM = "custom"


class DashboardForm(forms.Form):
    """Every choice comes from the user's scope: the projects they may read, the
    organisations that count for them there, the site's quarters."""

    project = forms.ChoiceField(label=_("Project"), required=False)
    period = forms.ChoiceField(label=_("Period"), required=False)
    # Read only with the period "Range of days", as their labels say.
    start = forms.DateField(label=_("Range from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Range to"), required=False, widget=DateInput())
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)

    def __init__(
        self,
        data,
        *,
        projects: list[Project],
        project: Project,
        organisations: list[tuple[str, str]],
        quarters: list[Quarter],
        today: date,
        default_period: str,
    ):
        data = data.copy()
        data.setdefault("period", default_period)
        super().__init__(data)
        self.today = today
        self.chosen_project = project
        self.quarters = {quarter.slug: quarter for quarter in quarters}
        self._choices("project").choices = [(p.slug, p.name) for p in projects]
        if len(projects) < 2:
            self.fields["project"].widget = forms.HiddenInput()
        choices = [
            (period.key, period.label) for period in periods.choices(today=today, project=project)
        ]
        # A period named in the address (a month, a link from the start page) is offered too.
        asked = data.get("period", "")
        if asked not in {key for key, _label in choices} | {CUSTOM}:
            with contextlib.suppress(periods.PeriodError):
                choices.insert(0, (asked, periods.parse(asked, today=today, project=project).label))
        self._choices("period").choices = [*choices, (CUSTOM, _("Range of days"))]
        self._choices("organisation").choices = [("", _("All organisations")), *organisations]
        if len(organisations) < 2:
            # One organisation in scope: "all" is that one, nothing to choose.
            self.fields["organisation"].widget = forms.HiddenInput()
        self._choices("quarter").choices = [("", _("All quarters"))] + [
            (quarter.slug, quarter.name) for quarter in quarters
        ]

    def _choices(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = data.get("period") or ""
        try:
            if key == CUSTOM:
                start, end = data.get("start"), data.get("end")
                if start is None or end is None:
                    raise periods.PeriodError(_("Give the first and the last day of the range."))
                data["period_value"] = periods.custom(start, end)
            else:
                data["period_value"] = periods.parse(
                    key, today=self.today, project=self.chosen_project
                )
        except periods.PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        data["quarter_value"] = self.quarters.get(data.get("quarter") or "")
        data["organisation_value"] = int(data["organisation"]) if data.get("organisation") else None
        return data
