"""The wording of every import problem, in the user's language.

Problems are stored as codes (``Problem``/``TableError``) and worded when shown,
so a preview reads in the language of whoever looks at it.
"""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# quartier.lib.tabular.TableError codes.
TABLE_MESSAGES: dict[str, Any] = {
    "unsupported_type": _("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."),
    "not_xlsx": _(
        "This file is named like an Excel workbook (.xlsx) but is not one. "
        "Save it from your spreadsheet as “Excel workbook” or as CSV and upload it again."
    ),
    "not_text": _(
        "This file is named like a CSV file but does not contain text. "
        "Save it from your spreadsheet as CSV and upload it again."
    ),
    "bad_csv": _("The CSV file cannot be read near line %(line)s."),
    "empty": _("The file contains no rows."),
    "too_many_rows": _("The file has more than %(max)s rows; split it into smaller files."),
    "too_many_columns": _("The file has more than %(max)s columns."),
}

# Row problems; %(column)s is the column's name in the file, %(value)s the cell.
PROBLEM_MESSAGES: dict[str, Any] = {
    "required": _("“%(column)s” is empty but needed."),
    "date": _("“%(value)s” is not a date; write it as 31.12.1980 or 1980-12-31."),
    "too_long": _("“%(value)s” is too long."),
    "email": _("“%(value)s” is not an e-mail address."),
    "phone": _("“%(value)s” is not a phone number."),
    "choice": _("“%(value)s” is not one of the known values."),
}


def table_message(code: str, params: dict[str, Any]) -> str:
    return str(TABLE_MESSAGES[code]) % params


def problem_message(problem: dict[str, str], importer_messages: dict[str, Any]) -> str:
    """One problem as a sentence; an unknown code is shown as itself rather than hidden."""
    template = importer_messages.get(problem["code"]) or PROBLEM_MESSAGES.get(problem["code"])
    if template is None:
        return problem["code"]
    return str(template) % {"column": problem["column"], "value": problem["value"]}


def located(number: int, problem: dict[str, str], importer_messages: dict[str, Any]) -> str:
    """The problem with its place: "Row 4, column “Geburtsdatum”: …"."""
    text = problem_message(problem, importer_messages)
    if problem["column"]:
        return gettext("Row %(row)s, column “%(column)s”: %(problem)s") % {
            "row": number,
            "column": problem["column"],
            "problem": text,
        }
    return gettext("Row %(row)s: %(problem)s") % {"row": number, "problem": text}
