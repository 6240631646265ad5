"""Writing a table to an XLSX or CSV file, row by row, without Django.

``write_table(target, kind, header, rows)`` writes the header and then each row
as it comes from an iterator, so a list of a million rows never sits in memory:
the XLSX workbook is openpyxl's write-only kind, which streams its rows to a
temporary file; the CSV goes straight to ``target``. Returns how many rows.

Cells are written as what they are: dates as dates (ISO 8601, ``YYYY-MM-DD``, in
the XLSX a real date cell so that it sorts), whole numbers as numbers, ``None`` as
an empty cell, everything else as text.

Formula injection (a spreadsheet running ``=HYPERLINK(…)`` typed into a name
field): text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is never a formula. In the CSV it gets a leading apostrophe, as OWASP
advises, so the spreadsheet shows it as text; in the XLSX it is a text cell
marked "quote prefix" (what Excel itself does when someone types ``'=…``), so
the value stays exactly as recorded and is still never run.

The CSV is UTF-8 with a byte order mark: without it Excel reads the file as the
machine's ANSI code page and shows umlauts and Arabic as mojibake.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

CSV = "csv"
XLSX = "xlsx"
KINDS = (XLSX, CSV)
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}
# What a spreadsheet may read as the start of a formula (or of a cell's next line).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Excel's limit of a sheet's name.
SHEET_NAME_LENGTH = 31

Value = str | int | date | None


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def csv_cell(value: Value) -> str:
    """A cell as CSV text: ISO dates, and text that could be a formula behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if is_formula_like(text) else text


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Value) -> XlsxCell | Value:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value.replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    if value is None or isinstance(value, int):
        return value
    text = str(value)
    if not is_formula_like(text):
        return text
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"  # openpyxl took it for a formula
    cell.quotePrefix = True
    return cell


def write_xlsx(
    target: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Value]], title: str = ""
) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.append([_xlsx_cell(sheet, name) for name in header])
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    workbook.save(target)
    return count


def write_csv(
    target: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Value]], delimiter: str = ";"
) -> int:
    text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
    try:
        text.write(BOM)
        writer = csv.writer(text, delimiter=delimiter)
        writer.writerow([csv_cell(name) for name in header])
        count = 0
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
            count += 1
        text.flush()
    finally:
        text.detach()  # the caller closes the file
    return count


def write_table(
    target: IO[bytes],
    kind: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Value]],
    *,
    title: str = "",
    delimiter: str = ";",
) -> int:
    """Write ``header`` and ``rows`` to ``target`` as ``kind`` (``xlsx`` or ``csv``).

    ``title`` names the XLSX sheet, ``delimiter`` separates the CSV's fields.
    Returns the number of rows written (without the header).
    """
    if kind == XLSX:
        return write_xlsx(target, header, rows, title)
    if kind == CSV:
        return write_csv(target, header, rows, delimiter)
    raise ValueError(f"Unknown table kind: {kind}")


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet's name.
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return cleaned[:SHEET_NAME_LENGTH] or "Sheet"
