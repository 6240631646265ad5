import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from quartier.lib.tabular import (
    CSV,
    XLSX,
    TableError,
    cell_text,
    decode_text,
    read_table,
    sniff_delimiter,
)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_a_semicolon_csv_from_german_excel_in_windows_1252():
    data = "Vorname;Nachname;Straße\r\nJürgen;Größe;Hauptstraße 1\r\n".encode("cp1252")
    table = read_table(data, "liste.csv")
    assert table.kind == CSV
    assert table.header == ["Vorname", "Nachname", "Straße"]
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ["Jürgen", "Größe", "Hauptstraße 1"])
    ]


def test_it_reads_a_comma_csv_in_utf_8_with_a_byte_order_mark():
    data = "\ufeffgiven name,family name\nОлена,Коваль\n".encode()
    table = read_table(data, "list.CSV")
    assert table.header == ["given name", "family name"]
    assert table.rows[0].values == ["Олена", "Коваль"]


def test_a_quoted_delimiter_stays_inside_its_cell():
    data = b'Name;Adresse\n"Wolf";"Eisenbahnstr. 1; Hinterhaus"\n'
    assert read_table(data, "a.csv").rows[0].values == ["Wolf", "Eisenbahnstr. 1; Hinterhaus"]


def test_sniffing_prefers_the_delimiter_that_splits_the_header_most():
    assert sniff_delimiter("a,b,c\n1,2,3") == ","
    assert sniff_delimiter("a;b,c;d\n") == ";"
    assert sniff_delimiter("a\tb\tc\n") == "\t"
    assert sniff_delimiter("single\n") == ";"


def test_empty_rows_are_skipped_but_row_numbers_stay_those_of_the_file():
    data = b"A;B\n\n;\n1;2\n"
    table = read_table(data, "a.csv")
    assert [(row.number, row.values) for row in table.rows] == [(4, ["1", "2"])]


def test_short_rows_are_padded_and_unnamed_empty_columns_dropped():
    data = b"A;B;;\n1\n2;3;;\n"
    table = read_table(data, "a.csv")
    assert table.header == ["A", "B"]
    assert [row.values for row in table.rows] == [["1", ""], ["2", "3"]]


def test_a_column_without_a_name_but_with_values_is_kept():
    table = read_table(b"A;\n1;x\n", "a.csv")
    assert table.header == ["A", ""]
    assert table.rows[0].values == ["1", "x"]


def test_it_reads_the_first_sheet_of_a_workbook_with_dates_and_numbers():
    data = xlsx_bytes(
        [
            ["Vorname", "Geburtsdatum", "PLZ", "Eintritt"],
            ["Anja", datetime(1980, 12, 31), 4315, date(2025, 3, 1)],
            [None, None, None, None],
            ["Sven", "31.12.1980", 4315.0, None],
        ]
    )
    table = read_table(data, "Liste.xlsx")
    assert table.kind == XLSX
    assert table.header == ["Vorname", "Geburtsdatum", "PLZ", "Eintritt"]
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ["Anja", "1980-12-31", "4315", "2025-03-01"]),
        (4, ["Sven", "31.12.1980", "4315", ""]),
    ]


def test_cells_become_text():
    assert cell_text(None) == ""
    assert cell_text(2.5) == "2.5"
    assert cell_text(True) == "1"
    assert cell_text(datetime(2025, 1, 2, 13, 30)) == "2025-01-02 13:30:00"
    assert cell_text("  x ") == "x"


def test_a_csv_that_is_really_a_workbook_is_refused():
    with pytest.raises(TableError) as raised:
        read_table(xlsx_bytes([["A"], ["1"]]), "liste.csv")
    assert raised.value.code == "not_text"


def test_an_xlsx_that_is_really_text_is_refused():
    with pytest.raises(TableError) as raised:
        read_table(b"Vorname;Nachname\nA;B\n", "liste.xlsx")
    assert raised.value.code == "not_xlsx"


def test_a_zip_without_the_parts_of_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(TableError) as raised:
        read_table(buffer.getvalue(), "liste.xlsx")
    assert raised.value.code == "not_xlsx"


def test_a_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<x/>")
        archive.writestr("xl/workbook.xml", b" " * 5_000_000)
    with pytest.raises(TableError) as raised:
        read_table(buffer.getvalue(), "bomb.xlsx")
    assert raised.value.code == "not_xlsx"


def test_other_file_types_are_refused_by_name():
    with pytest.raises(TableError) as raised:
        read_table(b"x", "liste.xls")
    assert raised.value.code == "unsupported_type"
    assert raised.value.params == {"name": "liste.xls"}


def test_an_empty_file_is_refused():
    for data in (b"", b"  \n", b";;\n;\n"):
        with pytest.raises(TableError) as raised:
            read_table(data, "a.csv")
        assert raised.value.code == "empty"


def test_too_many_rows_are_refused_with_the_limit():
    with pytest.raises(TableError) as raised:
        read_table(b"A\n1\n2\n3\n", "a.csv", max_rows=2)
    assert (raised.value.code, raised.value.params) == ("too_many_rows", {"max": 2})


def test_too_many_columns_are_refused_with_the_limit():
    with pytest.raises(TableError) as raised:
        read_table(b"A;B;C\n", "a.csv", max_columns=2)
    assert (raised.value.code, raised.value.params) == ("too_many_columns", {"max": 2})


def test_binary_bytes_are_not_text():
    with pytest.raises(TableError):
        decode_text(b"%PDF-1.7\x00\x01")
    # Windows-1252 is the fallback, so bytes invalid in UTF-8 still read as text.
    assert decode_text("Größe".encode("cp1252")) == "Größe"
