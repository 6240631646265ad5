"""Importing participant lists: upload, columns, preview, all-or-nothing write, refusals."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook

from quartier.accounts.models import AuditEntry
from quartier.conftest import make_user
from quartier.imports import services
from quartier.imports.messages import located
from quartier.imports.models import ImportJob
from quartier.people.intake import take_in
from quartier.people.models import Participant

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 6, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))

GERMAN_HEADER = [
    "Vorname",
    "Nachname",
    "Geburtsdatum",
    "Geschlecht",
    "PLZ",
    "E-Mail",
    "Telefon",
    "Sprache",
    "Staatsangehörigkeit",
    "Eintrittsdatum",
]
GERMAN_ROWS = [
    [
        "Jürgen",
        "Größe",
        "31.12.1980",
        "m",
        "01234",
        "jg@example.org",
        "0341 123456",
        "Deutsch",
        "deutsch",
        "02.05.2025",
    ],
    ["Олена", "Коваленко", "1990-03-04", "weiblich", "", "", "", "Russisch", "UA, RU", ""],
]


def csv_bytes(header, rows, delimiter=";", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, project, data: bytes, name: str, language: str = "en"):
    return client.post(
        f"/{language}/staff/people/import/",
        {"file": SimpleUploadedFile(name, data), "project": project.pk},
    )


def latest_job() -> ImportJob:
    with scopes_disabled():
        return ImportJob.objects.latest("created_at")


def choose_columns(client, job, language="en", entry_date="2025-05-01", **overrides):
    data = {f"column_{i}": name for i, name in enumerate(job.mapping)}
    data.update(overrides)
    data["entry_date"] = entry_date
    return client.post(f"/{language}/staff/people/import/{job.public_id}/columns/", data)


def people(organisation) -> list[Participant]:
    with scope(organisation=[organisation.pk]):
        return list(
            Participant.objects.filter(organisation=organisation).select_related("entry", "quarter")
        )


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def signed_in(client, counsellor):
    client.force_login(counsellor)
    return client


def test_the_columns_are_guessed_from_german_headers(signed_in, project):
    response = upload(signed_in, project, csv_bytes(GERMAN_HEADER, GERMAN_ROWS), "liste.csv")
    job = latest_job()
    assert response.status_code == 302
    assert response["Location"] == f"/en/staff/people/import/{job.public_id}/columns/"
    assert job.mapping == [
        "given_name",
        "family_name",
        "date_of_birth",
        "gender",
        "postcode",
        "email",
        "phone",
        "preferred_language",
        "citizenships",
        "entry_date",
    ]
    page = signed_in.get(response["Location"])
    assert page.status_code == 200
    assert "Jürgen" in page.content.decode()  # examples from the file help to choose


def test_a_good_csv_is_previewed_then_written_in_full(signed_in, project, east, home_org):
    upload(signed_in, project, csv_bytes(GERMAN_HEADER, GERMAN_ROWS), "liste.csv")
    job = latest_job()
    response = choose_columns(signed_in, job)
    assert response["Location"] == f"/en/staff/people/import/{job.public_id}/"
    preview = signed_in.get(response["Location"]).content.decode()
    assert "Олена" in preview and "Write now" in preview
    assert people(home_org) == []  # the preview writes nothing

    response = signed_in.post(f"/en/staff/people/import/{job.public_id}/write/")
    assert response["Location"] == f"/en/staff/people/import/{job.public_id}/status/"
    status = signed_in.get(response["Location"]).content.decode()
    assert "Written: 2 new, 0 changed, 0 unchanged." in status

    jurgen, olena = sorted(people(home_org), key=lambda p: p.given_name)
    assert (jurgen.date_of_birth, jurgen.gender, jurgen.email) == (
        date(1980, 12, 31),
        "m",
        "jg@example.org",
    )
    assert (jurgen.quarter.slug, jurgen.languages, jurgen.citizenships) == ("ost", ["de"], ["DE"])
    assert jurgen.entry.entry_date == date(2025, 5, 2)
    assert (olena.gender, olena.preferred_language, olena.languages) == ("w", "ru", ["ru"])
    assert olena.citizenships == ["UA", "RU"]
    assert olena.entry.entry_date == date(2025, 5, 1)  # the date chosen for rows without one

    job.refresh_from_db()
    assert (job.status, job.processed, job.rows, job.plan) == ("done", 2, [], [])
    with scopes_disabled():
        codes = list(AuditEntry.objects.order_by("pk").values_list("code", "data"))
    assert (
        "people.import.previewed",
        {"rows": 2, "create": 2, "update": 0, "unchanged": 0, "error": 0},
    ) in codes
    assert (
        "people.import.written",
        {"rows": 2, "created": 2, "updated": 0, "unchanged": 0},
    ) in codes
    assert [code for code, _data in codes].count("people.participant.created") == 2


def test_a_good_xlsx_with_english_headers_and_date_cells_is_written(signed_in, project, home_org):
    header = ["given name", "family name", "date of birth", "gender", "postcode", "languages"]
    rows = [["Minh", "Nguyễn", datetime(1985, 7, 1), "woman", 4315, "Vietnamese, German"]]
    upload(signed_in, project, xlsx_bytes(header, rows), "list.xlsx")
    job = latest_job()
    assert job.mapping == [
        "given_name",
        "family_name",
        "date_of_birth",
        "gender",
        "postcode",
        "languages",
    ]
    choose_columns(signed_in, job)
    signed_in.post(f"/en/staff/people/import/{job.public_id}/write/")
    [minh] = people(home_org)
    assert (minh.family_name, minh.date_of_birth, minh.gender) == ("Nguyễn", date(1985, 7, 1), "w")
    assert minh.languages == ["vi", "de"]
    assert minh.postcode == "4315"


def test_a_bad_row_writes_nothing_and_names_row_and_column_in_german(signed_in, project, home_org):
    rows = [GERMAN_ROWS[0], ["Anja", "Wolf", "31.02.1980", "w", "", "", "", "", "", ""]]
    upload(signed_in, project, csv_bytes(GERMAN_HEADER, rows), "liste.csv", language="de")
    job = latest_job()
    choose_columns(signed_in, job, language="de")
    page = signed_in.get(f"/de/staff/people/import/{job.public_id}/")
    html = page.content.decode()
    problem = {"code": "date", "column": "Geburtsdatum", "value": "31.02.1980"}
    with translation.override("de"):
        expected = located(3, problem, {})
    assert 'lang="de"' in html
    assert expected in html.replace("&quot;", '"')
    assert "Zeile 3, Spalte „Geburtsdatum“: „31.02.1980“" in html.replace("&quot;", '"')
    assert "/write/" not in html

    # Even a forged write request is refused, and nothing is written.
    response = signed_in.post(f"/de/staff/people/import/{job.public_id}/write/")
    assert response["Location"] == f"/de/staff/people/import/{job.public_id}/"
    assert people(home_org) == []
    job.refresh_from_db()
    assert job.counts == {"create": 1, "update": 0, "unchanged": 0, "error": 1}
    assert job.status == "previewed"


def test_a_file_that_is_not_what_its_name_says_is_refused(signed_in, project):
    response = upload(signed_in, project, b"Vorname;Nachname\nA;B\n", "liste.xlsx")
    assert response.status_code == 200
    assert "is not one" in response.content.decode()
    response = upload(signed_in, project, xlsx_bytes(["A"], [["1"]]), "liste.csv")
    assert "does not contain text" in response.content.decode()
    with scopes_disabled():
        assert not ImportJob.objects.exists()


def test_a_row_updates_the_participant_with_the_same_name_and_birth_date(
    signed_in, project, home_org, counsellor
):
    with scope(organisation=[home_org.pk]):
        existing = take_in(
            home_org,
            project,
            counsellor,
            date(2025, 2, 1),
            given_name="Jürgen",
            family_name="Größe",
            date_of_birth=date(1980, 12, 31),
            phone="0341 999",
            email="old@example.org",
        )
    header = ["Vorname", "Nachname", "Geburtsdatum", "E-Mail", "Telefon"]
    rows = [["jürgen", "GRÖSSE", "31.12.1980", "new@example.org", ""]]
    # As older Excel saves CSV: Windows-1252.
    upload(signed_in, project, csv_bytes(header, rows, encoding="cp1252"), "liste.csv")
    job = latest_job()
    choose_columns(signed_in, job)
    preview = signed_in.get(f"/en/staff/people/import/{job.public_id}/").content.decode()
    assert "Changed: E-mail" in preview
    signed_in.post(f"/en/staff/people/import/{job.public_id}/write/")
    [person] = people(home_org)
    assert person.pk == existing.pk
    # The empty phone cell leaves the recorded number alone.
    assert (person.email, person.phone, person.given_name) == (
        "new@example.org",
        "0341 999",
        "Jürgen",
    )
    assert person.entry.entry_date == date(2025, 2, 1)


def test_another_organisations_import_is_not_found(client, personas, project):
    client.force_login(personas["counsellor"])
    upload(client, project, csv_bytes(GERMAN_HEADER, GERMAN_ROWS), "liste.csv")
    job = latest_job()
    client.force_login(personas["outsider"])
    base = f"/en/staff/people/import/{job.public_id}"
    for url in (f"{base}/", f"{base}/columns/", f"{base}/status/"):
        assert client.get(url).status_code == 404
    assert client.post(f"{base}/write/").status_code == 404


def test_a_colleague_cannot_open_someone_elses_import(client, personas, project, home_org):
    client.force_login(personas["counsellor"])
    upload(client, project, csv_bytes(GERMAN_HEADER, GERMAN_ROWS), "liste.csv")
    job = latest_job()
    client.force_login(personas["lead"])
    assert client.get(f"/en/staff/people/import/{job.public_id}/columns/").status_code == 404


@pytest.mark.parametrize("persona", ["advisor", "viewer", "admin", "employer", "resident"])
def test_other_roles_are_refused(client, personas, project, persona):
    client.force_login(personas[persona])
    response = upload(client, project, csv_bytes(GERMAN_HEADER, GERMAN_ROWS), "liste.csv")
    assert response.status_code == 403
    with scopes_disabled():
        assert not ImportJob.objects.exists()


def test_the_upload_offers_only_the_users_own_organisations(client, project, home_org, other_org):
    from quartier.accounts.models import Membership, Role

    user = make_user("both@example.org", Role.COUNSELLOR, home_org)
    Membership.objects.create(user=user, organisation=other_org, role=Role.RESIDENT)
    client.force_login(user)
    page = client.get("/en/staff/people/import/").content.decode()
    assert "Bildung West" not in page
    response = client.post(
        "/en/staff/people/import/",
        {
            "file": SimpleUploadedFile("l.csv", csv_bytes(GERMAN_HEADER, GERMAN_ROWS)),
            "project": project.pk,
            "organisation": other_org.pk,
        },
    )
    # One import organisation: no choice offered, the other one is never used.
    assert response.status_code == 302
    assert latest_job().organisation_id == home_org.pk


def test_a_large_file_is_written_by_the_task_queue_with_progress(
    signed_in, project, home_org, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "SYNC_WRITE_ROWS", 2)
    rows = [[f"Name{i}", "Muster", f"{i + 1:02d}.01.1990"] for i in range(5)]
    upload(signed_in, project, csv_bytes(["Vorname", "Nachname", "Geburtsdatum"], rows), "l.csv")
    job = latest_job()
    choose_columns(signed_in, job)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = signed_in.post(f"/en/staff/people/import/{job.public_id}/write/")
    status = signed_in.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in status
    assert "0 of 5 rows written." in status
    assert people(home_org) == []
    for callback in callbacks:
        callback()  # the task is enqueued on commit; the test backend runs it at once
    job.refresh_from_db()
    assert (job.status, job.processed) == ("done", 5)
    assert len(people(home_org)) == 5
    assert "refresh" not in signed_in.get(response["Location"]).content.decode()


def test_the_status_page_polls_its_fragment_until_the_write_is_done(
    signed_in, project, home_org, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "SYNC_WRITE_ROWS", 2)
    rows = [[f"Name{i}", "Muster", f"{i + 1:02d}.01.1990"] for i in range(5)]
    upload(signed_in, project, csv_bytes(["Vorname", "Nachname", "Geburtsdatum"], rows), "l.csv")
    job = latest_job()
    choose_columns(signed_in, job)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = signed_in.post(f"/en/staff/people/import/{job.public_id}/write/")
    url = response["Location"]
    page = signed_in.get(url)
    html = page.content.decode()
    # The full page: the reload only for browsers without JavaScript, the fragment inside.
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert f'<div id="import-status" hx-get="{url}" hx-trigger="every 2s"' in html
    assert "HX-Request" in page["Vary"]
    fragment = signed_in.get(url, headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert text.startswith(f'<div id="import-status" hx-get="{url}" hx-trigger="every 2s"')
    assert "0 of 5 rows written." in text
    assert "<html" not in text and "<h1>" not in text
    for callback in callbacks:
        callback()
    done = signed_in.get(url, headers={"HX-Request": "true"}).content.decode()
    # Done: the fragment no longer polls and links on (the importer's own links too).
    assert "hx-trigger" not in done
    assert "Written: 5 new, 0 changed, 0 unchanged." in done
    assert 'href="/en/staff/people/"' in done
    assert "<html" not in done
    assert "noscript" not in signed_in.get(url).content.decode()


def test_the_status_fragment_is_refused_to_anybody_else(signed_in, project, client, lead):
    upload(signed_in, project, csv_bytes(GERMAN_HEADER, GERMAN_ROWS), "l.csv")
    job = latest_job()
    choose_columns(signed_in, job)
    signed_in.post(f"/en/staff/people/import/{job.public_id}/write/")
    client.force_login(lead)  # same organisation, not the uploader
    url = f"/en/staff/people/import/{job.public_id}/status/"
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404


def many_rows(count: int) -> list[list[str]]:
    # Distinct people: 28 birth days a year, from 1940 on.
    return [[f"Vor{i}", "Muster", f"{i % 28 + 1:02d}.01.{1940 + i // 28}"] for i in range(count)]


@pytest.mark.parametrize("count", [2, 300])
def test_the_preview_and_status_pages_take_the_same_queries_whatever_the_size(
    signed_in, project, django_assert_num_queries, monkeypatch, count
):
    monkeypatch.setattr(services, "SYNC_WRITE_ROWS", 1000)
    header = ["Vorname", "Nachname", "Geburtsdatum"]
    upload(signed_in, project, csv_bytes(header, many_rows(count)), "liste.csv")
    job = latest_job()
    choose_columns(signed_in, job)
    # session, user, memberships, the job (without cells and preview), its preview
    with django_assert_num_queries(5):
        response = signed_in.get(f"/en/staff/people/import/{job.public_id}/")
    assert response.status_code == 200
    signed_in.post(f"/en/staff/people/import/{job.public_id}/write/")
    # session, user, memberships, the job
    with django_assert_num_queries(4):
        response = signed_in.get(f"/en/staff/people/import/{job.public_id}/status/")
    assert f"Written: {count} new" in response.content.decode()


@pytest.mark.parametrize("count", [3, 400])
def test_checking_the_rows_takes_the_same_queries_whatever_their_number(
    project, home_org, counsellor, django_assert_num_queries, count
):
    from quartier.lib.tabular import Row, Table
    from quartier.people.importer import PARTICIPANTS

    header = ["Vorname", "Nachname", "Geburtsdatum"]
    table = Table("csv", header, [Row(n + 2, row) for n, row in enumerate(many_rows(count))])
    with scope(organisation=[home_org.pk]):
        job = services.start_import(PARTICIPANTS, home_org.pk, counsellor, table, "l.csv", {})
        job.options = {"project": project.pk, "entry_date": "2025-05-01"}
        # the project, the known postcodes, the participants born on the rows' dates
        with django_assert_num_queries(3):
            plans = PARTICIPANTS.plan(job, services.source_rows(job))
    assert {plan.action for plan in plans} == {"create"}
