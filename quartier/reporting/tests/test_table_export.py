"""A dashboard table downloaded as CSV or XLSX: asked for on the page, made by a task,
fetched from the download's page; disclosed as on the page, audited, no person in it."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from quartier.accounts.models import AuditEntry, Membership, Role
from quartier.downloads.models import Download
from quartier.downloads.services import report_progress
from quartier.people.models import Participant
from quartier.places.models import Quarter
from quartier.reporting.table_exports import TITLES
from quartier.reporting.tests import test_dashboard as base
from quartier.reporting.tests.test_dashboard import enter, open_dashboard, table
from quartier.tests.downloads import fetch_file, file_link, read_file, request_file
from quartier.tests.exports import audit_of, read_csv

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


def download_csv(client, capture, key: str, query: str = "period=2026") -> list[list[str]]:
    """Ask for a table's CSV (English: separated by commas), follow, read it back."""
    return read_csv(fetch_file(client, capture, export_url(key, "csv", query)).content, ",")


def page_rows(shown) -> list[list[str]]:
    """A dashboard table as its file writes it: code, label, every cell's text."""
    return [[row.code, str(row.label), *(cell.text for cell in row.cells)] for row in shown.rows]


def test_the_csv_holds_the_table_as_the_page_shows_it(
    client, personas, small, django_capture_on_commit_callbacks
):
    page = open_dashboard(client, personas["lead"], period="2026")
    shown = table(page, "new-by-month")

    response = fetch_file(
        client, django_capture_on_commit_callbacks, export_url("new-by-month", "csv")
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment;" in response["Content-Disposition"]
    assert "arbeit-im-quartier-new-by-month-2026.csv" in response["Content-Disposition"]
    rows = read_csv(response.content, ",")
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


def test_the_xlsx_has_numbers_as_numbers_and_hidden_cells_as_the_mark(
    client, personas, small, django_capture_on_commit_callbacks
):
    client.force_login(personas["lead"])

    response = fetch_file(
        client, django_capture_on_commit_callbacks, export_url("esf-outputs", "xlsx")
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    eeco01 = next(row for row in rows if row[0] == "EECO01")
    assert eeco01[2] == 5 and eeco01[5] == "•"


def test_every_table_of_the_dashboard_downloads_with_the_pages_cells(
    client, personas, small, django_capture_on_commit_callbacks
):
    page = open_dashboard(client, personas["viewer"], period="2026")
    shown_tables = [shown for section in page.context["sections"] for shown in section.tables]
    assert {shown.key for shown in shown_tables} == set(TITLES)

    for shown in shown_tables:
        rows = download_csv(client, django_capture_on_commit_callbacks, shown.key)

        assert str(TITLES[shown.key]) == str(shown.title)
        assert rows[1 : 1 + len(shown.rows)] == page_rows(shown), shown.key
        # Hidden on the page, hidden in the file, and explained below it.
        assert shown.has_hidden == any(row[:1] == ["•"] for row in rows[1 + len(shown.rows) :])


def test_one_organisation_and_one_quarter_download_as_the_page_narrows_them(
    client, personas, home_org, small, django_capture_on_commit_callbacks
):
    osten = Quarter.objects.create(slug="osten", name="Osten")
    with scopes_disabled():
        Participant.objects.filter(given_name__startswith="Pw").update(quarter=osten)
    query = f"period=2026&organisation={home_org.pk}&quarter=osten"
    page = open_dashboard(
        client, personas["viewer"], period="2026", organisation=home_org.pk, quarter="osten"
    )
    shown = table(page, "esf-outputs")

    rows = download_csv(client, django_capture_on_commit_callbacks, "esf-outputs", query)

    assert rows[1 : 1 + len(shown.rows)] == page_rows(shown)
    eeco01 = next(row for row in rows if row[0] == "EECO01")
    assert eeco01[2:] == ["5", "0", "0", "0", "5"]
    assert ["Quarter", "Osten"] in rows


def test_the_download_page_shows_the_table_being_prepared_and_leads_back(
    client, personas, home_org, small, django_capture_on_commit_callbacks
):
    client.force_login(personas["lead"])
    with django_capture_on_commit_callbacks(execute=False):  # no worker has taken it yet
        response = client.get(
            export_url("esf-outputs", "xlsx", f"period=2026&x=1&organisation={home_org.pk}")
        )
    assert response.status_code == 303
    download = Download.objects.with_scopes_disabled().get()

    report_progress(download.pk, 1, 2)

    page = client.get(response["Location"]).content.decode()
    assert "ESF+ participants on entry (EECO01–EECO17) – Arbeit im Quartier, 2026 (XLSX)" in page
    assert '<progress id="download-progress" max="100" value="50">' in page
    # Back to the dashboard with its filters (and nothing else of the address), at the table.
    back = reverse("reporting:dashboard")
    assert f'href="{back}?period=2026&amp;organisation={home_org.pk}#esf-outputs"' in page


def test_asking_computes_no_figure(client, personas, small, django_capture_on_commit_callbacks):
    client.force_login(personas["viewer"])
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks():
        response = client.get(export_url("esf-outputs", "csv"))

    assert response.status_code == 303
    read = " ".join(query["sql"] for query in queries)
    for table_name in ("people_entrydata", "people_participant", "counselling_exit"):
        assert table_name not in read


def test_asking_making_and_opening_are_audited_without_a_person(
    client, personas, home_org, other_org, small, django_capture_on_commit_callbacks
):
    viewer = personas["viewer"]
    client.force_login(viewer)
    status = request_file(
        client, django_capture_on_commit_callbacks, export_url("esf-outputs", "csv")
    )
    read_file(client, file_link(client.get(status)))

    download = Download.objects.with_scopes_disabled().get()
    (requested,) = audit_of("reporting.table.requested")
    (exported,) = audit_of("reporting.table.exported")
    (opened,) = audit_of("downloads.file.opened")
    for entry in (requested, exported, opened):
        assert entry.actor == viewer
        assert entry.person == ""
        assert entry.subject_type == "people.project"
        assert entry.subject_id == str(small.pk)
        assert entry.organisation_id == home_org.pk
    assert requested.data == {
        "table": "esf-outputs",
        "format": "csv",
        "project": "arbeit-im-quartier",
        "period": "2026",
        "from": "2026-01-01",
        "to": "2026-12-31",
        "organisations": [home_org.pk, other_org.pk],
        "quarter": "",
        "download": str(download.public_id),
    }
    assert exported.data == {**requested.data, "lines": exported.data["lines"]}
    assert exported.data["lines"] > 20
    assert opened.data == {"download": str(download.public_id), "kind": "reporting.table"}
    # Aggregates: no person's reference in any of them.
    with scopes_disabled():
        references = [str(ref) for ref in Participant.objects.values_list("public_id", flat=True)]
    text = repr([requested.data, exported.data, opened.data])
    assert not any(reference in text for reference in references)


def test_a_user_who_lost_the_role_before_the_file_was_made_gets_no_file(
    client, personas, small, django_capture_on_commit_callbacks
):
    lead = personas["lead"]
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=False) as tasks:
        response = client.get(export_url("esf-outputs", "csv"))
    # Still a reporting viewer elsewhere? No: no reading role at all by the time it runs.
    Membership.objects.filter(user=lead).update(role=Role.COUNSELLOR)
    for enqueue in tasks:
        enqueue()

    download = Download.objects.with_scopes_disabled().get()
    assert download.status == Download.Status.FAILED
    assert not audit_of("reporting.table.exported")
    assert "could not be made" in client.get(response["Location"]).content.decode()


def test_an_unknown_table_or_format_is_not_found(client, personas, small):
    client.force_login(personas["lead"])
    assert client.get(export_url("nothing", "csv")).status_code == 404
    assert client.get(export_url("esf-outputs", "pdf")).status_code == 404
    assert client.get(export_url("esf-outputs", "csv", "period=nonsense")).status_code == 404
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code__startswith="reporting.table.").exists()
    assert not Download.objects.with_scopes_disabled().exists()


@pytest.mark.parametrize("persona", ["counsellor", "advisor", "employer"])
def test_other_roles_cannot_download(client, personas, small, persona):
    client.force_login(personas[persona])
    assert client.get(export_url("esf-outputs", "csv")).status_code == 403


def test_the_page_links_every_table_to_its_downloads_with_its_filters(client, personas, small):
    html = open_dashboard(client, personas["lead"], period="2026").content.decode()
    assert f'href="{export_url("esf-outputs", "xlsx")}"' in html
    assert f'href="{export_url("new-by-month", "csv")}"' in html
