"""Importing business lists: CSV and Excel through the generic import, all or nothing."""

# ruff: noqa: F811 (fixtures imported from businesses_fixtures)

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from openpyxl import Workbook

from quartier.economy.models import Business
from quartier.economy.tests.businesses_fixtures import (  # noqa: F401
    audit_entries,
    east,
    make_business,
)
from quartier.imports.models import ImportJob

pytestmark = pytest.mark.django_db

BASE = "/en/staff/economy/businesses/import/"
HEADER = ["Firma", "Branche", "Straße", "Hausnummer", "PLZ", "Sprachen", "Ausbildungsbetrieb"]
ROWS = [
    [
        "Saigon Markt",
        "Lebensmittelhandel",
        "Eisenbahnstraße",
        "40",
        "04315",
        "Vietnamesisch",
        "nein",
    ],
    ["Damaskus Grill", "Gastronomy", "Eisenbahnstraße", "101", "04315", "ar, de", "ja"],
    ["Friseur Lina", "Friseur und Kosmetik", "Wurzner Straße", "12", "04318", "ru", ""],
]


def csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(header, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def latest_job() -> ImportJob:
    with scopes_disabled():
        return ImportJob.objects.latest("created_at")


def run_import(client, data: bytes, name: str):
    response = client.post(BASE, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    job = latest_job()
    mapping = {f"column_{i}": field for i, field in enumerate(job.mapping)}
    response = client.post(f"{BASE}{job.public_id}/columns/", mapping)
    assert response["Location"] == f"{BASE}{job.public_id}/"
    preview = client.get(response["Location"]).content.decode()
    client.post(f"{BASE}{job.public_id}/write/")
    job.refresh_from_db()
    return job, preview


@pytest.fixture
def advisor(client, personas, east):
    client.force_login(personas["advisor"])
    return client


def test_a_good_csv_adds_businesses_with_sector_and_neighbourhood(advisor):
    job, preview = run_import(advisor, csv_bytes(HEADER, ROWS), "betriebe.csv")
    assert job.mapping == [
        "name",
        "sector",
        "street",
        "house_number",
        "postcode",
        "languages",
        "trains",
    ]
    assert "Saigon Markt" in preview
    assert job.status == "done"
    grill = Business.objects.get(name="Damaskus Grill")
    assert (grill.sector.slug, grill.neighbourhood.slug, grill.languages, grill.trains) == (
        "gastronomy",
        "volkmarsdorf",
        ["ar", "de"],
        True,
    )
    assert Business.objects.get(name="Friseur Lina").neighbourhood.slug == "anger"
    assert audit_entries(code="economy.import.written").count() == 1
    assert audit_entries(code="economy.business.created").count() == 3


def test_a_good_xlsx_updates_the_business_with_the_same_name_and_address(advisor, make_business):
    grill = make_business(
        "Damaskus Grill", street="Eisenbahnstraße", house_number="101", interest_in_hiring=False
    )
    header = ["Name", "Straße", "Nr", "PLZ", "Einstellungsinteresse", "Beschäftigte"]
    rows = [
        ["Damaskus Grill", "Eisenbahnstraße", "101", 4315, "ja", 12],
        ["Kiosk Ludwigstraße", "Ludwigstraße", "3", 4315, "nein", 1],
    ]
    job, _preview = run_import(advisor, xlsx_bytes(header, rows), "betriebe.xlsx")
    assert job.status == "done"
    assert job.counts["updated"] == 1 and job.counts["created"] == 1
    grill.refresh_from_db()
    assert (grill.interest_in_hiring, grill.staff_count, grill.size_class) == (True, 12, "small")
    assert Business.objects.count() == 2
    assert Business.objects.get(name="Kiosk Ludwigstraße").postcode == "04315"


def test_a_bad_import_names_the_bad_cells_and_writes_nothing(advisor, make_business):
    rows = [
        *ROWS,
        ["Raumfahrt GmbH", "Raumfahrt", "Torgauer Straße", "1", "04315", "", ""],
        ["Bäckerei", "Handwerk", "Konradstraße", "2", "04315", "Klingonisch", "vielleicht"],
    ]
    job, preview = run_import(advisor, csv_bytes(HEADER, rows), "betriebe.csv")
    assert job.status == "previewed"
    assert job.counts["error"] == 2
    assert "is not a sector Quartier knows" in preview
    assert "is not a language Quartier knows" in preview
    assert "is neither yes nor no" in preview
    assert not Business.objects.exists()


@pytest.mark.parametrize("persona", ["counsellor", "employer", "viewer"])
def test_only_advisors_and_leads_import(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(BASE).status_code == 403
