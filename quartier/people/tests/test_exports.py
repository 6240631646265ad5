"""The participant list as XLSX and CSV: the filtered rows of every page, translated, audited."""

import io
from datetime import date

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from quartier.accounts.models import AuditEntry
from quartier.people.intake import take_in
from quartier.tests.downloads import fetch_file, request_file
from quartier.tests.exports import export_queries, export_table, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

EXPORT = "/en/staff/people/export/xlsx/"

HEADER_EN = [
    "Family name",
    "Given name",
    "Name in Latin letters",
    "Date of birth",
    "Quarter",
    "Preferred language",
    "ESF+ entry data",
    "Entry data due by",
]


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


def person(organisation, project, by, given, family, **fields):
    fields.setdefault("date_of_birth", date(1990, 1, 1))
    return take_in(
        organisation, project, by, date(2026, 3, 2), given_name=given, family_name=family, **fields
    )


def exports() -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(code="people.participants.exported").order_by("pk"))


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_holds_every_page_of_the_filtered_rows(
    client,
    home_org,
    other_org,
    project,
    counsellor,
    file_format,
    django_capture_on_commit_callbacks,
):
    # 55 Meyers: more than one page of the list (50), and one Schmidt the filter leaves out.
    for number in range(55):
        person(home_org, project, counsellor, f"Anna {number:02d}", "Meyer")
    person(home_org, project, counsellor, "Karl", "Schmidt")
    person(other_org, project, counsellor, "Hidden", "Meyer")
    client.force_login(counsellor)

    table = export_table(
        client,
        django_capture_on_commit_callbacks,
        f"/en/staff/people/export/{file_format}/",
        {"q": "meyer", "cursor": "ignored"},
        delimiter=",",
    )

    assert table[0] == HEADER_EN
    assert [row[:2] for row in table[1:]] == [["Meyer", f"Anna {n:02d}"] for n in range(55)]
    assert table[1][3:] == ["1990-01-01", "", "German", "Incomplete", "2026-03-30"]


def test_entry_data_and_its_deadline_are_columns(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    person(home_org, project, counsellor, "Olena", "Kovalenko", preferred_language="uk")
    client.force_login(counsellor)

    table = export_table(
        client, django_capture_on_commit_callbacks, "/en/staff/people/export/xlsx/"
    )

    assert table[1][5:] == ["Ukrainian", "Incomplete", "2026-03-30"]


def test_headers_and_values_are_in_the_users_language(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    person(home_org, project, counsellor, "Jürgen", "Müller", preferred_language="ar")
    client.force_login(counsellor)

    german = export_table(
        client, django_capture_on_commit_callbacks, "/de/staff/people/export/csv/"
    )
    arabic = export_table(
        client, django_capture_on_commit_callbacks, "/ar/staff/people/export/xlsx/"
    )

    assert german[0][:4] == ["Nachname", "Vorname", "Name in lateinischer Schrift", "Geburtsdatum"]
    assert german[1][:2] == ["Müller", "Jürgen"]
    assert german[1][5:7] == ["Arabisch", "Unvollständig"]
    assert arabic[0][:2] == ["اسم العائلة", "الاسم الأول"]
    assert arabic[1][1] == "Jürgen"


def test_a_value_that_looks_like_a_formula_is_never_run(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    person(home_org, project, counsellor, '=HYPERLINK("http://evil")', "@SUM(A1)")
    client.force_login(counsellor)

    xlsx = fetch_file(
        client, django_capture_on_commit_callbacks, "/en/staff/people/export/xlsx/"
    ).content
    csv_file = fetch_file(
        client, django_capture_on_commit_callbacks, "/en/staff/people/export/csv/"
    ).content

    assert read_csv(csv_file, ",")[1][:2] == ["'@SUM(A1)", '\'=HYPERLINK("http://evil")']
    # In the workbook the text is kept as recorded, in a text cell with a quote prefix.
    assert read_xlsx(xlsx)[1][:2] == ["@SUM(A1)", '=HYPERLINK("http://evil")']
    cell = load_workbook(io.BytesIO(xlsx)).worksheets[0]["B2"]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin", "employer", "resident"])
def test_roles_without_the_list_are_refused(client, personas, role):
    client.force_login(personas[role])
    assert client.get("/en/staff/people/export/xlsx/").status_code == 403


def test_an_unknown_format_is_not_found(client, counsellor):
    client.force_login(counsellor)
    assert client.get("/en/staff/people/export/pdf/").status_code == 404


def test_a_counsellor_who_is_a_resident_elsewhere_exports_only_the_casework(
    client,
    home_org,
    other_org,
    project,
    counsellor,
    two_org_personas,
    django_capture_on_commit_callbacks,
):
    person(home_org, project, counsellor, "Olena", "Kovalenko")
    person(other_org, project, counsellor, "Hidden", "Elsewhere")
    client.force_login(two_org_personas["counsellor+resident"])

    table = export_table(
        client, django_capture_on_commit_callbacks, "/en/staff/people/export/xlsx/"
    )

    assert [row[:2] for row in table[1:]] == [["Kovalenko", "Olena"]]


def test_one_audit_entry_names_the_filter_the_count_and_the_people(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    olena = person(home_org, project, counsellor, "Olena", "Kovalenko")
    person(home_org, project, counsellor, "Karl", "Schmidt")
    client.force_login(counsellor)

    export_table(
        client,
        django_capture_on_commit_callbacks,
        "/en/staff/people/export/csv/",
        {"q": "olena"},
        delimiter=",",
    )

    [entry] = exports()
    assert entry.actor == counsellor
    assert entry.organisation_id == home_org.pk
    assert entry.data["format"] == "csv"
    assert entry.data["filter"] == {"q": ["olena"]}
    assert entry.data["rows"] == 1
    assert entry.data["people"] == [str(olena.public_id)]


def test_asking_and_making_take_the_same_queries_for_any_number_of_rows(
    client,
    home_org,
    project,
    counsellor,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    for number in range(3):
        person(home_org, project, counsellor, f"Anna {number}", "Meyer")
    client.force_login(counsellor)
    few = export_queries(client, django_capture_on_commit_callbacks, EXPORT)
    for number in range(30):
        person(home_org, project, counsellor, f"Berta {number}", "Meyer")
    assert export_queries(client, django_capture_on_commit_callbacks, EXPORT) == few

    # The request: the session, the user, their memberships; the download, in a savepoint.
    # The task: claim the download, read it with its requester, the requester's
    # memberships (the scope), the rows (one query per 2 000), the audit entry, "ready".
    with django_assert_num_queries(12):
        request_file(client, django_capture_on_commit_callbacks, EXPORT)
