"""Writing tables: rows streamed in, dates as dates, formulas never run, Excel-readable CSV."""

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from quartier.lib.exports import csv_cell, write_table


def rows_of_xlsx(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return sheet, [list(row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe_in_the_csv(start):
    assert csv_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


def test_other_text_numbers_and_dates_are_written_as_they_are():
    assert csv_cell("Müller") == "Müller"
    assert csv_cell("a=b") == "a=b"
    assert csv_cell(-3) == "-3"  # a number, not text: nothing to run
    assert csv_cell(date(2026, 3, 2)) == "2026-03-02"
    assert csv_cell(datetime(2026, 3, 2, 9, 5)) == "2026-03-02 09:05"
    assert csv_cell(None) == ""


def test_the_csv_starts_with_a_byte_order_mark_and_uses_the_delimiter():
    target = io.BytesIO()
    count = write_table(
        target, "csv", ["Name", "Datum"], iter([["Ölçü", date(2026, 1, 2)], ["عربي", None]])
    )
    data = target.getvalue()
    assert count == 2
    assert data.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(data[3:].decode()), delimiter=";")) == [
        ["Name", "Datum"],
        ["Ölçü", "2026-01-02"],
        ["عربي", ""],
    ]


def test_the_workbook_keeps_formula_like_text_as_quoted_text_and_dates_as_dates():
    target = io.BytesIO()
    count = write_table(
        target,
        "xlsx",
        ["Name", "Geboren", "Zahl"],
        iter([['=HYPERLINK("x")', date(1990, 5, 1), 7]]),
        title="Teilnehmende: [alle]",
    )
    sheet, rows = rows_of_xlsx(target.getvalue())
    assert count == 1
    assert sheet.title == "Teilnehmende   alle"
    name, born, number = rows[1]
    assert (name.value, name.data_type, name.quotePrefix) == ('=HYPERLINK("x")', "s", True)
    assert born.value == datetime(1990, 5, 1)
    assert born.number_format == "yyyy-mm-dd"
    assert (number.value, number.data_type) == (7, "n")


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown table kind"):
        write_table(io.BytesIO(), "ods", ["Name"], [])
