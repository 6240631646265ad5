from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import Organisation
from quartier.imports.mapping import column_letter
from quartier.imports.messages import table_message
from quartier.lib.tabular import Table, TableError, read_table

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 100
ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXAMPLES = 3


class UploadForm(forms.Form):
    """The file, and the organisation for people who work for more than one.

    Importers subclass it for their own choices and return them from ``options()``.
    """

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, organisations: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = organisations
        self.table: Table | None = None
        self.fields["file"].help_text = _(
            "A CSV file or an Excel workbook (.xlsx) of up to %(size)s; "
            "the first row names the columns."
        ) % {"size": filesizeformat(MAX_UPLOAD_BYTES)}
        if len(organisations) > 1:
            self.fields = {
                "organisation": forms.ModelChoiceField(
                    label=_("Organisation"),
                    queryset=Organisation.objects.filter(pk__in=organisations),
                    empty_label=None,
                ),
                **self.fields,
            }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s."),
                code="too_large",
                params={"size": filesizeformat(MAX_UPLOAD_BYTES)},
            )
        try:
            self.table = read_table(
                upload.read(), upload.name, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS
            )
        except TableError as error:
            raise forms.ValidationError(
                table_message(error.code, error.params), code=error.code
            ) from None
        if not self.table.rows:
            raise forms.ValidationError(
                _("The file names its columns but has no rows below."), code="no_rows"
            )
        return upload

    def organisation_id(self) -> int:
        chosen = self.cleaned_data.get("organisation")
        return chosen.pk if chosen is not None else self.organisations[0]

    def options(self) -> dict[str, Any]:
        """JSON-ready choices kept on the job for the importer."""
        return {}


class MappingForm(forms.Form):
    """One choice per column: the field it fills, or "ignore"."""

    def __init__(self, *args, job, importer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        self.importer = importer
        choices = [("", _("— ignore this column —"))] + [(f.name, f.label) for f in importer.fields]
        for index, title in enumerate(job.header):
            examples = []
            for _number, values in job.rows:
                if values[index] and values[index] not in examples:
                    examples.append(values[index])
                if len(examples) == EXAMPLES:
                    break
            name = title or _("(no name)")
            self.fields[self.key(index)] = forms.ChoiceField(
                label=f"{column_letter(index)}: {name}",
                choices=choices,
                required=False,
                initial=job.mapping[index] if index < len(job.mapping) else "",
                help_text=_("For example: %(examples)s") % {"examples": ", ".join(examples)}
                if examples
                else _("Empty in every row."),
            )

    @staticmethod
    def key(index: int) -> str:
        return f"column_{index}"

    def column_fields(self):
        return [self[self.key(index)] for index in range(len(self.job.header))]

    def option_fields(self):
        """The importer's own fields, shown below the columns."""
        return [field for field in self.visible_fields() if not field.name.startswith("column_")]

    def clean(self) -> dict:
        data = super().clean()
        chosen: dict[str, list[str]] = {}
        for index, title in enumerate(self.job.header):
            name = data.get(self.key(index))
            if name:
                chosen.setdefault(name, []).append(title or column_letter(index))
        for name, columns in chosen.items():
            if len(columns) > 1:
                raise forms.ValidationError(
                    _("“%(field)s” is chosen for more than one column: %(columns)s."),
                    code="twice",
                    params={
                        "field": self.importer.field(name).label,
                        "columns": ", ".join(columns),
                    },
                )
        missing = [f.label for f in self.importer.fields if f.required and f.name not in chosen]
        if missing:
            raise forms.ValidationError(
                _("Choose a column for: %(fields)s."),
                code="required",
                params={"fields": ", ".join(str(label) for label in missing)},
            )
        return data

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(self.key(i)) or "" for i in range(len(self.job.header))]

    def options(self) -> dict[str, Any]:
        return {}
