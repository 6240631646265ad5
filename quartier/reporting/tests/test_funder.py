"""The funder's record set: one pseudonymised row per participant, to a cut-off, audited."""

import hashlib
import json
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from quartier.accounts.models import Membership, Role
from quartier.downloads.models import Download
from quartier.downloads.services import report_progress
from quartier.people.models import Project
from quartier.reporting.esf import esf_tables
from quartier.reporting.funder import HEADER, cutoffs, pseudonym, pseudonyms_digest
from quartier.reporting.periods import Period
from quartier.reporting.tests.records import enter, follow_up, leave
from quartier.tests.downloads import file_link, read_file
from quartier.tests.exports import audit_of, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

PAGE = "/en/staff/reporting/funder-records/"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


@pytest.fixture
def people(project, home_org, other_org, counsellor, personas):
    """Four people at the home organisation and one elsewhere, with exits and follow-ups."""
    olena = enter(
        home_org,
        project,
        counsellor,
        date(2025, 3, 3),
        "Olena",
        gender="w",
        date_of_birth=date(1990, 5, 1),
        citizenships=["UA"],
        employment_status="unemployed",
        unemployed_since=date(2023, 1, 1),
        isced="3-4",
        foreign_background="yes",
        minority="no",
    )
    record = leave(
        olena,
        counsellor,
        date(2025, 3, 3),
        date(2025, 6, 30),
        "employed",
        qualification_gained=True,
        certificate="Fachkraft Lagerlogistik",
        issuer="IHK Leipzig",
    )
    follow_up(record, counsellor, date(2025, 12, 30), in_employment=True)
    # Left twice: the last exit up to the cut-off counts.
    karl = enter(
        home_org,
        project,
        counsellor,
        date(2025, 9, 1),
        "Karl",
        gender="m",
        date_of_birth=date(2008, 1, 1),
        citizenships=["DE"],
        employment_status="inactive",
        isced="0-2",
        foreign_background="no",
        disability="yes",
    )
    leave(karl, counsellor, date(2025, 9, 1), date(2025, 10, 1), "searching")
    leave(karl, counsellor, date(2025, 11, 1), date(2026, 1, 15), "education")
    # Entry data not complete yet, no citizenship recorded.
    enter(home_org, project, counsellor, date(2026, 1, 20), "Mia", gender="x")
    # Entered after the cut-off of 31 January.
    enter(home_org, project, counsellor, date(2026, 2, 15), "Jonas", gender="m")
    # Held by the other organisation, which the lead does not lead.
    other_counsellor = personas["outsider"]
    enter(other_org, project, other_counsellor, date(2025, 4, 1), "Hidden", gender="w")
    return {"olena": olena, "karl": karl}


def ask(
    client, capture, cutoff: str, file_format: str = "csv", project: str = "arbeit-im-quartier"
):
    """Send the form; the answer (a 303 to the download's page when it was accepted)."""
    with capture(execute=True):
        return client.post(PAGE, {"project": project, "cutoff": cutoff, "file_format": file_format})


def export(client, capture, cutoff: str, file_format: str = "csv") -> list[list[str]]:
    """Send the form, follow to the download's page and read the file back, header first."""
    response = ask(client, capture, cutoff, file_format)
    assert response.status_code == 303, response.content.decode()[:2000]
    body = read_file(client, file_link(client.get(response["Location"]))).content
    return read_xlsx(body) if file_format == "xlsx" else read_csv(body)


def test_the_record_set_holds_a_row_per_participant_up_to_the_cut_off(
    client, lead, project, people, django_capture_on_commit_callbacks
):
    client.force_login(lead)

    table = export(client, django_capture_on_commit_callbacks, "2026-01-31")

    olena = pseudonym(people["olena"].public_id, project)
    karl = pseudonym(people["karl"].public_id, project)
    assert table[0] == HEADER
    # By entry date: Olena, Karl, Mia; Jonas came after the cut-off, "Hidden" is elsewhere.
    assert table[1] == [
        olena, "2025-03-03", "w", "30-54", "unemployed", "yes", "3-4", "yes", "yes",
        "x", "no", "x", "yes",
        "2025-06-30", "employed", "yes", "yes", "n/a",
    ]  # fmt: skip
    # Two exits: the last one counts; its follow-up is not done yet. 17 at entry.
    assert table[2] == [
        karl, "2025-09-01", "m", "<18", "inactive", "no", "0-2", "no", "no",
        "yes", "x", "x", "yes",
        "2026-01-15", "education", "no", "", "",
    ]  # fmt: skip
    # Incomplete entry data: the person is in the file, marked so, the rest unanswered.
    assert table[3][1:] == [
        "2026-01-20", "x", "", "", "", "", "x", "x", "x", "x", "x", "no",
        "", "", "", "", "",
    ]  # fmt: skip
    assert len(table) == 4


def test_an_earlier_cut_off_leaves_out_what_was_recorded_for_later_days(
    client, lead, project, people, django_capture_on_commit_callbacks
):
    client.force_login(lead)

    table = export(client, django_capture_on_commit_callbacks, "2025-07-31", "xlsx")

    # Karl entered in September; Olena's follow-up was done in December.
    assert [row[0] for row in table[1:]] == [pseudonym(people["olena"].public_id, project)]
    assert table[1][13:] == ["2025-06-30", "employed", "yes", "", ""]


def test_the_pseudonym_is_the_same_in_every_export_and_names_nobody(
    client, lead, project, people, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    first = export(client, django_capture_on_commit_callbacks, "2025-07-31")
    second = export(client, django_capture_on_commit_callbacks, "2026-01-31")

    assert first[1][0] == second[1][0]
    olena = people["olena"]
    text = repr(second)
    for revealing in ("Olena", "Karl", "Muster", str(olena.public_id)):
        assert revealing not in text
    assert str(olena.pk) not in {cell for row in second for cell in row}
    # Another project, another key: another pseudonym.
    other = Project.objects.create(
        slug="iq",
        name="IQ Ost",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    assert pseudonym(olena.public_id, other) != pseudonym(olena.public_id, project)
    with override_settings(REPORTING_PSEUDONYM_KEY="another key"):
        assert pseudonym(olena.public_id, project) != first[1][0]


def test_every_request_and_every_file_made_is_audited(
    client, lead, project, people, django_capture_on_commit_callbacks
):
    client.force_login(lead)

    export(client, django_capture_on_commit_callbacks, "2026-01-31", "xlsx")

    (requested,) = audit_of("reporting.funder_records.requested")
    assert requested.actor == lead
    assert requested.data["cutoff"] == "2026-01-31"
    (exported,) = audit_of("reporting.funder_records.exported")
    assert exported.data["rows"] == 3
    assert exported.data["format"] == "xlsx"
    assert exported.data["cutoff"] == "2026-01-31"
    assert exported.data["project"] == "arbeit-im-quartier"
    assert exported.actor == lead
    assert len(audit_of("downloads.file.opened")) == 1


def test_the_audit_entry_holds_digests_of_the_people_and_the_file_not_their_references(
    client, lead, project, people, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    response = ask(client, django_capture_on_commit_callbacks, "2026-01-31")
    body = read_file(client, file_link(client.get(response["Location"]))).content
    table = read_csv(body)

    (exported,) = audit_of("reporting.funder_records.exported")
    # Who is in it (Olena, Karl, Mia), as the digest of the file's pseudonyms in its order;
    # the file shown to an auditor is proven by its own digest.
    assert exported.data["rows"] == 3
    assert exported.data["pseudonyms_sha256"] == pseudonyms_digest(row[0] for row in table[1:])
    assert exported.data["file_sha256"] == hashlib.sha256(body).hexdigest()
    assert "people" not in exported.data
    text = json.dumps(exported.data)
    for person in people.values():
        assert str(person.public_id) not in text
        assert pseudonym(person.public_id, project) not in text


def test_the_audit_entry_is_as_large_for_many_rows_as_for_few(
    client, lead, project, people, home_org, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    export(client, django_capture_on_commit_callbacks, "2026-01-31")
    for number in range(20):
        enter(home_org, project, counsellor, date(2025, 5, 5), f"P{number}", gender="w")

    export(client, django_capture_on_commit_callbacks, "2026-01-31")

    few, many = audit_of("reporting.funder_records.exported")
    assert (few.data["rows"], many.data["rows"]) == (3, 23)
    # Only the count's digits differ.
    assert len(json.dumps({**many.data, "rows": 0})) == len(json.dumps({**few.data, "rows": 0}))


@pytest.mark.parametrize("persona", ["counsellor", "viewer", "coordinator", "admin"])
def test_nobody_but_a_project_lead_may_have_it(client, personas, project, persona):
    client.force_login(personas[persona])

    assert client.get(PAGE).status_code == 403


def test_a_lead_has_only_the_people_of_the_organisations_they_lead(
    client, personas, project, people, home_org, django_capture_on_commit_callbacks
):
    # The outsider leads the other organisation and reports on the home one as a viewer:
    # aggregates of both, individual rows of their own only.
    outsider = personas["outsider"]
    Membership.objects.create(user=outsider, organisation=home_org, role=Role.REPORTING_VIEWER)
    client.force_login(outsider)

    table = export(client, django_capture_on_commit_callbacks, "2026-01-31")

    assert [row[1:3] for row in table[1:]] == [["2025-04-01", "w"]]


def test_a_cut_off_outside_the_project_is_refused(
    client, lead, project, people, django_capture_on_commit_callbacks
):
    client.force_login(lead)

    response = ask(client, django_capture_on_commit_callbacks, "2024-07-31")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Download.objects.with_scopes_disabled().count() == 0


def test_the_form_offers_the_latest_cut_offs_first(client, lead, project):
    client.force_login(lead)

    page = client.get(PAGE).content.decode()

    assert page.index('value="2026-01-31"') < page.index('value="2025-07-31"')
    assert 'value="2026-07-31"' not in page
    assert cutoffs(project, date(2026, 3, 10)) == [
        date(2026, 1, 31),
        date(2025, 7, 31),
        date(2025, 1, 31),
    ]
    # After the project's end: up to the first cut-off after it, no further.
    project.ends_on = date(2025, 6, 30)
    assert cutoffs(project, date(2026, 3, 10)) == [date(2025, 7, 31), date(2025, 1, 31)]


def test_the_download_page_shows_how_far_the_file_has_come(
    client, lead, project, people, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=False):  # no worker has taken it yet
        response = client.post(
            PAGE, {"project": "arbeit-im-quartier", "cutoff": "2026-01-31", "file_format": "csv"}
        )
    download = Download.objects.with_scopes_disabled().get()

    report_progress(download.pk, 2000, 8000)

    page = client.get(response["Location"]).content.decode()
    assert '<progress id="download-progress" max="100" value="25">' in page


def test_making_the_file_takes_the_same_queries_for_few_and_many_rows(
    client, lead, project, people, home_org, counsellor, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    with CaptureQueriesContext(connection) as few:
        export(client, django_capture_on_commit_callbacks, "2026-01-31")
    for number in range(6):
        person = enter(home_org, project, counsellor, date(2025, 5, 5), f"P{number}", gender="w")
        leave(person, counsellor, date(2025, 5, 5), date(2025, 8, 1), "employed")
    with CaptureQueriesContext(connection) as many:
        assert len(export(client, django_capture_on_commit_callbacks, "2026-01-31")) == 10

    assert len(many) == len(few)


# Which rows of the file each indicator counts: the column and the values.
FILE_RULES = {
    "EECO01": lambda row: True,
    "EECO02": lambda row: row["employment_status"] == "unemployed",
    "EECO03": lambda row: row["long_term_unemployed"] == "yes",
    "EECO04": lambda row: row["employment_status"] == "inactive",
    "EECO05": lambda row: row["employment_status"] == "employed",
    "EECO06": lambda row: row["age_group_at_entry"] == "<18",
    "EECO07": lambda row: row["age_group_at_entry"] == "18-29",
    "EECO08": lambda row: row["age_group_at_entry"] == "55+",
    "EECO09": lambda row: row["isced"] == "0-2",
    "EECO10": lambda row: row["isced"] == "3-4",
    "EECO11": lambda row: row["isced"] == "5-8",
    "EECO12": lambda row: row["disability"] == "yes",
    "EECO13": lambda row: row["third_country_national"] == "yes",
    "EECO14": lambda row: row["foreign_background"] == "yes",
    "EECO15": lambda row: row["minority"] == "yes",
    "EECO16": lambda row: row["housing_exclusion"] == "yes",
    "left": lambda row: row["exit_date"] != "",
    "EECR01": lambda row: row["exit_situation"] == "searching",
    "EECR02": lambda row: row["exit_situation"] == "education",
    "EECR04": lambda row: row["exit_situation"] == "employed",
    "other": lambda row: row["exit_situation"] == "none",
    "EECR03": lambda row: row["qualification_gained"] == "yes",
    "followed-up": lambda row: row["employed_after_6_months"] != "",
    "EECR05": lambda row: row["employed_after_6_months"] == "yes",
    "EECR06": lambda row: row["improved_situation_after_6_months"] == "yes",
}


@pytest.fixture
def varied(people, project, home_org, counsellor):
    """Beside Olena, Karl and Mia: every answer of every column at least once, people
    with no citizenship recorded, stateless, of two countries, without a birth date."""

    def person(day: date, name: str, **fields):
        return enter(home_org, project, counsellor, day, name, **fields)

    nobody = person(
        date(2025, 2, 1), "Ohne", gender="x", date_of_birth=date(1960, 1, 1), citizenships=[],
        employment_status="employed", isced="5-8", housing_exclusion="yes", minority="yes",
    )  # fmt: skip
    leave(nobody, counsellor, date(2025, 2, 1), date(2025, 12, 1), "none")
    stateless = person(
        date(2025, 4, 1), "Staatenlos", gender="d", date_of_birth=date(1999, 5, 5),
        citizenships=["XX"], employment_status="unemployed", unemployed_since=date(2025, 1, 1),
        isced="3-4", foreign_background="yes", disability="no",
    )  # fmt: skip
    record = leave(stateless, counsellor, date(2025, 4, 1), date(2025, 5, 1), "searching")
    follow_up(record, counsellor, date(2025, 11, 3), in_employment=False)
    both = person(
        date(2025, 2, 1), "Zwei", gender="w", date_of_birth=date(1980, 2, 2),
        citizenships=["PL", "UA"], employment_status="employed", isced="5-8",
    )  # fmt: skip
    record = leave(both, counsellor, date(2025, 2, 1), date(2025, 3, 1), "employed")
    follow_up(record, counsellor, date(2025, 9, 2), in_employment=True, improved="yes")
    person(
        date(2025, 10, 1), "Ohne Geburtstag", gender="m", citizenships=["SY"],
        employment_status="inactive", isced="3-4",
    )  # fmt: skip
    # Without any citizenship and without entry data: "no answer", and not yet complete.
    person(date(2025, 11, 1), "Offen", gender="w", citizenships=[])
    # Left after the cut-off: in the file without the exit, and in no result.
    late = person(
        date(2025, 12, 1), "Spaet", gender="m", date_of_birth=date(1970, 1, 1),
        citizenships=["VN"], employment_status="inactive", isced="0-2",
    )  # fmt: skip
    leave(late, counsellor, date(2025, 12, 1), date(2026, 2, 5), "employed")
    return people


def test_the_files_columns_count_what_the_indicators_count_to_the_cut_off(
    client, lead, project, home_org, varied, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    table = export(client, django_capture_on_commit_callbacks, "2026-01-31")
    rows = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    complete = [row for row in rows if row["entry_data_complete"] == "yes"]

    period = Period(project.starts_on, date(2026, 1, 31), "to-the-cut-off")
    indicators = {
        row.code: row.cells
        for indicator in esf_tables(project, period, [home_org.pk])
        for row in indicator.rows
    }

    def counted(selected: list[dict]) -> dict[str, int]:
        cells = dict.fromkeys(("w", "m", "d", "x"), 0)
        for row in selected:
            cells[row["gender"]] += 1
        return {**cells, "total": len(selected)}

    assert counted(rows) == indicators["entered"]
    assert (
        counted([row for row in rows if row["entry_data_complete"] == "no"])
        == (indicators["incomplete"])
    )
    for code, rule in FILE_RULES.items():
        assert counted([row for row in complete if rule(row)]) == indicators[code], code
    # No citizenship recorded is no answer in both: the stateless person and the Ukrainian
    # count as third-country nationals; the EU citizen of two countries does not.
    assert [row["third_country_national"] for row in rows].count("x") == 3
    assert indicators["EECO13"]["total"] == 4
