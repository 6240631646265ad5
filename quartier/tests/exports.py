"""Exporting a list as a user does, and reading the file back as a spreadsheet would.

``export_table`` asks for the list's export (its filters in ``params``), follows to the
download page, opens the file and reads it: the XLSX with openpyxl, the CSV with the
csv module (after checking its byte order mark). Every cell comes back as text, dates
in ISO 8601, so tests compare plain lists.
"""

import csv
import io
from datetime import datetime, time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from quartier.accounts.models import AuditEntry
from quartier.lib.tabular import cell_text
from quartier.tests.downloads import fetch_file

BOM = b"\xef\xbb\xbf"


def xlsx_text(value: object) -> str:
    """A cell as text, a time of day to the minute as the CSV writes it."""
    if isinstance(value, datetime) and value.time() != time(0, 0):
        return value.strftime("%Y-%m-%d %H:%M")
    return cell_text(value)


def read_xlsx(content: bytes) -> list[list[str]]:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    return [[xlsx_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def read_csv(content: bytes, delimiter: str = ";") -> list[list[str]]:
    assert content.startswith(BOM), "The CSV has no byte order mark; Excel would misread it."
    return list(csv.reader(io.StringIO(content[len(BOM) :].decode()), delimiter=delimiter))


def export_table(
    client, capture, url: str, params: dict | None = None, delimiter: str = ";"
) -> list[list[str]]:
    """The exported table at ``url`` (ending in ``xlsx/`` or ``csv/``), header first."""
    response = fetch_file(client, capture, url, params)
    if url.rstrip("/").endswith("xlsx"):
        return read_xlsx(response.content)
    return read_csv(response.content, delimiter)


def export_queries(client, capture, url: str, params: dict | None = None) -> int:
    """How many queries asking for the export, making it (the task) and reading it take."""
    with CaptureQueriesContext(connection) as queries:
        export_table(client, capture, url, params)
    return len(queries)


def audit_of(code: str) -> list:
    """The audit entries with ``code``, oldest first (looked at behind the scopes)."""
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code=code).order_by("pk"))
