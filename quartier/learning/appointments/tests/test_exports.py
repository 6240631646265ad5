"""Today's visits as XLSX and CSV: the rows of the visit page, in local time, audited."""

from datetime import UTC, datetime

import pytest

from quartier.learning.appointments.visits import record_visit
from quartier.tests.exports import audit_of, export_queries, export_table

from .fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def export_url(file_format: str = "xlsx", lang: str = "en") -> str:
    return f"/{lang}/staff/learning/visits/export/{file_format}/"


@pytest.fixture
def visits(frozen, lernort, personas):
    coordinator = personas["coordinator"]
    yesterday = datetime(2025, 10, 26, 9, 0, tzinfo=UTC)
    record_visit(coordinator, contact_point=lernort, kind="walk_in", at=yesterday)
    return [
        record_visit(
            coordinator,
            contact_point=lernort,
            kind="walk_in",
            at=datetime(2025, 10, 27, 7, 30, tzinfo=UTC),
            people=3,
            language="ar",
            duration_minutes=20,
        ),
        record_visit(
            coordinator,
            contact_point=lernort,
            kind="walk_in",
            at=datetime(2025, 10, 27, 7, 45, tzinfo=UTC),
        ),
    ]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_holds_todays_visits_latest_first(
    client, visits, personas, file_format, django_capture_on_commit_callbacks
):
    client.force_login(personas["counsellor"])
    table = export_table(
        client, django_capture_on_commit_callbacks, export_url(file_format), delimiter=","
    )
    assert table == [
        ["Time", "Place", "Kind", "People", "Language", "Duration (minutes)"],
        ["2025-10-27 08:45", "Lernort am Markt", "Walk-in", "1", "", ""],
        ["2025-10-27 08:30", "Lernort am Markt", "Walk-in", "3", "Arabic", "20"],
    ]


def test_the_export_is_in_german_and_arabic(
    client, visits, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas["coordinator"])
    german = export_table(client, django_capture_on_commit_callbacks, export_url("csv", "de"))
    arabic = export_table(client, django_capture_on_commit_callbacks, export_url("xlsx", "ar"))
    assert german[0][:4] == ["Uhrzeit", "Ort", "Art", "Personen"]
    assert german[2][4] == "Arabisch"
    assert arabic[0][1] == "المكان"
    assert arabic[2][4] == "العربية"


@pytest.mark.parametrize("role", ["advisor", "lead", "viewer", "employer"])
def test_roles_without_the_visit_page_are_refused(client, personas, role):
    client.force_login(personas[role])
    assert client.get(export_url()).status_code == 403


def test_the_export_is_audited_and_its_queries_do_not_grow(
    client, visits, lernort, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas["coordinator"])
    few = export_queries(client, django_capture_on_commit_callbacks, export_url())
    for minute in range(10):
        record_visit(
            personas["coordinator"],
            contact_point=lernort,
            kind="walk_in",
            at=datetime(2025, 10, 27, 6, minute, tzinfo=UTC),
        )
    assert export_queries(client, django_capture_on_commit_callbacks, export_url()) == few
    assert [entry.data["rows"] for entry in audit_of("learning.visits.exported")] == [2, 12]
