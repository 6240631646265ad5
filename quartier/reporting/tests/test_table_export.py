"""A dashboard table downloaded as CSV or XLSX: disclosed as on the page, audited."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from quartier.accounts.models import AuditEntry
from quartier.reporting.tests import test_dashboard as base
from quartier.reporting.tests.test_dashboard import enter, open_dashboard, table

pytestmark = pytest.mark.django_db

# The dashboard tests' day and programme.
frozen, project, programme = base.frozen, base.project, base.programme


def export_url(key: str, file_format: str, query: str = "period=2026") -> str:
    with translation.override("en"):
        return reverse("reporting:table-export", args=[key, file_format]) + "?" + query


@pytest.fixture
def small(personas, home_org, programme):
    """One person who gave no answer, in May: a count the downloads must hide too."""
    enter(home_org, programme, personas["counsellor"], 1, "x", date(2026, 5, 12))
    return programme


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=","))


def test_the_csv_holds_the_table_as_the_page_shows_it(client, personas, small):
    page = open_dashboard(client, personas["lead"], period="2026")
    shown = table(page, "new-by-month")
    response = client.get(export_url("new-by-month", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment;" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == ["Code", "Indicator", "Women", "Men", "Non-binary", "No answer", "Total"]
    figures = rows[1 : 1 + len(shown.rows)]
    assert [row[0] for row in figures] == [row.code for row in shown.rows]
    assert [row[2:] for row in figures] == [[c.text for c in row.cells] for row in shown.rows]
    may = next(row for row in figures if row[0] == "2026-05")
    assert may[5] == "•"
    # Below the figures: the project, the period and what the mark means.
    notes = rows[1 + len(shown.rows) :]
    assert ["Project", "Arbeit im Quartier"] in notes
    assert ["Period", "2026"] in notes
    assert any(note[:1] == ["•"] and "hidden" in note[1] for note in notes)


def test_the_xlsx_has_numbers_as_numbers_and_hidden_cells_as_the_mark(client, personas, small):
    client.force_login(personas["lead"])
    response = client.get(export_url("esf-outputs", "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    eeco01 = next(row for row in rows if row[0] == "EECO01")
    assert eeco01[2] == 5 and eeco01[5] == "•"


def test_every_download_is_in_the_audit_log(client, personas, small):
    client.force_login(personas["viewer"])
    client.get(export_url("esf-outputs", "csv"))
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="reporting.table.exported")
    assert entry.actor == personas["viewer"]
    assert entry.data["table"] == "esf-outputs"
    assert entry.data["format"] == "csv"
    assert entry.data["period"] == "2026"
    assert entry.person == ""


def test_an_unknown_table_or_format_is_not_found(client, personas, small):
    client.force_login(personas["lead"])
    assert client.get(export_url("nothing", "csv")).status_code == 404
    assert client.get(export_url("esf-outputs", "pdf")).status_code == 404
    assert client.get(export_url("esf-outputs", "csv", "period=nonsense")).status_code == 404
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="reporting.table.exported").exists()


@pytest.mark.parametrize("persona", ["counsellor", "advisor", "employer"])
def test_other_roles_cannot_download(client, personas, small, persona):
    client.force_login(personas[persona])
    assert client.get(export_url("esf-outputs", "csv")).status_code == 403


def test_the_page_links_every_table_to_its_downloads_with_its_filters(client, personas, small):
    html = open_dashboard(client, personas["lead"], period="2026").content.decode()
    assert f'href="{export_url("esf-outputs", "xlsx")}"' in html
    assert f'href="{export_url("new-by-month", "csv")}"' in html
