"""Reading a table from an uploaded CSV or XLSX file, without Django.

``read_table(data, file_name)`` returns the header and the rows as text, each
row with its number in the file (1 is the header), so that messages can name
the row a person sees in their spreadsheet. Problems raise ``TableError`` with a
stable ``code``; the caller turns it into a message in the user's language.

The content decides, not the name alone: a file called ``.xlsx`` must be a zip
with the parts of a workbook, a file called ``.csv`` must decode as text.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

CSV = "csv"
XLSX = "xlsx"
KINDS_BY_SUFFIX = {".csv": CSV, ".txt": CSV, ".tsv": CSV, ".xlsx": XLSX}
ENCODINGS = ("utf-8-sig", "cp1252")
DELIMITERS = (";", ",", "\t")  # ties go to the first: German spreadsheets write ";"
ZIP_MAGIC = b"PK\x03\x04"
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# An .xlsx this much larger once unpacked is a zip bomb, not a participant list.
MAX_UNPACKED_RATIO = 100
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Control characters never found in a text table; NUL marks a binary file.
BINARY_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class TableError(ValueError):
    """The file cannot be read as a table. ``code`` is stable; ``params`` fill the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Row:
    number: int  # line (CSV) or row (XLSX) in the file; the header is 1
    values: list[str]


@dataclass
class Table:
    kind: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.header)


def kind_of(file_name: str) -> str:
    """``csv`` or ``xlsx`` from the file name's ending; TableError ``unsupported_type`` else."""
    lowered = file_name.lower()
    for suffix, kind in KINDS_BY_SUFFIX.items():
        if lowered.endswith(suffix):
            return kind
    raise TableError("unsupported_type", name=file_name)


def read_table(
    data: bytes, file_name: str, max_rows: int = 20_000, max_columns: int = 100
) -> Table:
    """Read the first sheet (XLSX) or the whole file (CSV) into a Table.

    Empty rows are skipped; every row is padded to the header's width. Raises
    TableError: ``unsupported_type``, ``not_xlsx``, ``not_text``, ``empty``,
    ``too_many_rows`` (max), ``too_many_columns`` (max).
    """
    kind = kind_of(file_name)
    if not data.strip():
        raise TableError("empty")
    records = _xlsx_records(data) if kind == XLSX else _csv_records(data)
    return _table(kind, records, max_rows, max_columns)


def _table(kind: str, records, max_rows: int, max_columns: int) -> Table:
    header: list[str] | None = None
    rows: list[Row] = []
    for number, values in records:
        if not any(values):
            continue
        if header is None:
            header = values
            if len(header) > max_columns:
                raise TableError("too_many_columns", max=max_columns)
            continue
        if len(rows) >= max_rows:
            raise TableError("too_many_rows", max=max_rows)
        rows.append(Row(number, values))
    if header is None:
        raise TableError("empty")
    width = max([len(header), *(len(row.values) for row in rows)])
    if width > max_columns:
        raise TableError("too_many_columns", max=max_columns)
    header = _trim(header + [""] * (width - len(header)))
    rows = [Row(row.number, row.values + [""] * (width - len(row.values))) for row in rows]
    # Columns without a name and without a value anywhere are spreadsheet leftovers.
    keep = [i for i in range(width) if header[i] or any(row.values[i] for row in rows)]
    if len(keep) < width:
        header = [header[i] for i in keep]
        rows = [Row(row.number, [row.values[i] for i in keep]) for row in rows]
    return Table(kind, header, rows)


def _trim(values: list[str]) -> list[str]:
    return [value.strip() for value in values]


# CSV


def decode_text(data: bytes) -> str:
    """Text in UTF-8 (with or without BOM) or, failing that, Windows-1252 (old Excel)."""
    text = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or BINARY_CHARS.search(text):
        raise TableError("not_text")
    return text


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first line into the most fields (ties: ``;``)."""
    first_line = next(iter(text.splitlines()), "")
    best, best_count = DELIMITERS[0], 0
    for delimiter in DELIMITERS:
        fields = next(csv.reader([first_line], delimiter=delimiter), [])
        if len(fields) > best_count:
            best, best_count = delimiter, len(fields)
    return best


def _csv_records(data: bytes):
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        for values in reader:
            # line_num is the file line where the record ended (quoted cells may span lines).
            yield reader.line_num, _trim(values)
    except csv.Error as error:
        raise TableError("bad_csv", line=reader.line_num, detail=str(error)) from None


# XLSX


def _check_xlsx(data: bytes) -> None:
    if not data.startswith(ZIP_MAGIC):
        raise TableError("not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise TableError("not_xlsx") from None
    if not all(part in names for part in XLSX_PARTS):
        raise TableError("not_xlsx")
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_UNPACKED_RATIO * max(len(data), 1024):
        raise TableError("not_xlsx")


def _xlsx_records(data: bytes):
    _check_xlsx(data)
    from openpyxl import load_workbook  # only needed here; keeps CSV imports light

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise TableError("not_xlsx") from None
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size into the sheet; read what is really there.
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in values]
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: dates as ISO 8601, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
