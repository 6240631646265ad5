""" "My cases" as XLSX and CSV: every page of the counsellor's own cases, translated, audited."""

from datetime import date

import pytest

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.people.intake import take_in
from quartier.tests.exports import audit_of, export_queries, export_table

pytestmark = pytest.mark.django_db


def export_url(file_format: str = "xlsx", lang: str = "en") -> str:
    return f"/{lang}/staff/counselling/export/{file_format}/"


def case_of(organisation, project, counsellor, given, family, next_step="", due=None):
    participant = take_in(
        organisation,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name=given,
        family_name=family,
        date_of_birth=date(1991, 4, 5),
    )
    case = open_case(participant, counsellor, opened_on=date(2026, 3, 2))
    if next_step:
        add_contact(
            case,
            counsellor,
            date=date(2026, 6, 1),
            duration_minutes=30,
            channel="phone",
            language="de",
            next_step=next_step,
            next_step_due=due,
        )
    return case


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_export_holds_my_cases_only_soonest_due_first(
    client, home_org, project, counsellor, file_format, django_capture_on_commit_callbacks
):
    colleague = make_user("kollege@example.org", Role.COUNSELLOR, home_org)
    case_of(home_org, project, colleague, "Ivan", "Petrov")
    case_of(home_org, project, counsellor, "Lan", "Trần")
    case_of(home_org, project, counsellor, "Olena", "Kovalenko", "Lebenslauf", date(2026, 6, 20))
    client.force_login(counsellor)

    table = export_table(
        client, django_capture_on_commit_callbacks, export_url(file_format), delimiter=","
    )

    assert table[0] == [
        "Person",
        "Date of birth",
        "Status",
        "Opened on",
        "Due",
        "Next step",
        "Next step due",
        "Follow-up due",
    ]
    assert table[1:] == [
        [
            "Olena Kovalenko",
            "1991-04-05",
            "Active",
            "2026-03-02",
            "2026-06-20",
            "Lebenslauf",
            "2026-06-20",
            "",
        ],
        ["Lan Trần", "1991-04-05", "Intake", "2026-03-02", "", "", "", ""],
    ]


def test_the_export_keeps_the_filters_of_the_page(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    case_of(home_org, project, counsellor, "Lan", "Trần")
    case_of(home_org, project, counsellor, "Olena", "Kovalenko", "Lebenslauf", date(2026, 6, 20))
    client.force_login(counsellor)

    # The name search and the status filter of "My cases" select the same rows here.
    searched = export_table(
        client, django_capture_on_commit_callbacks, export_url("csv"), {"q": "kovalenko"}, ","
    )
    assert [row[0] for row in searched[1:]] == ["Olena Kovalenko"]
    by_status = export_table(
        client, django_capture_on_commit_callbacks, export_url("csv"), {"status": "intake"}, ","
    )
    assert [row[0] for row in by_status[1:]] == ["Lan Trần"]


def test_the_export_is_in_german_and_arabic(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    case_of(home_org, project, counsellor, "Lan", "Trần")
    client.force_login(counsellor)
    german = export_table(client, django_capture_on_commit_callbacks, export_url("csv", "de"))
    arabic = export_table(client, django_capture_on_commit_callbacks, export_url("xlsx", "ar"))
    assert german[0][:3] == ["Person", "Geburtsdatum", "Status"]
    assert german[1][2] == "Aufnahme"
    assert arabic[0][1] == "تاريخ الميلاد"
    assert arabic[1][0] == "Lan Trần"


def test_a_next_step_that_looks_like_a_formula_is_escaped(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    case_of(home_org, project, counsellor, "Lan", "Trần", "-2+3", date(2026, 6, 20))
    client.force_login(counsellor)
    table = export_table(client, django_capture_on_commit_callbacks, export_url("csv", "de"))
    assert table[1][5] == "'-2+3"


@pytest.mark.parametrize("role", ["coordinator", "advisor", "viewer", "employer"])
def test_roles_without_my_cases_are_refused(client, personas, role):
    client.force_login(personas[role])
    assert client.get(export_url()).status_code == 403


def test_a_counsellor_who_reports_elsewhere_exports_only_their_cases(
    client,
    home_org,
    other_org,
    project,
    counsellor,
    two_org_personas,
    django_capture_on_commit_callbacks,
):
    both = two_org_personas["counsellor+viewer"]
    case_of(home_org, project, both, "Lan", "Trần")
    client.force_login(both)
    table = export_table(client, django_capture_on_commit_callbacks, export_url())
    assert [row[0] for row in table[1:]] == ["Lan Trần"]


def test_the_export_is_audited_with_the_people_and_its_queries_do_not_grow(
    client, home_org, project, counsellor, django_capture_on_commit_callbacks
):
    lan = case_of(home_org, project, counsellor, "Lan", "Trần")
    client.force_login(counsellor)
    few = export_queries(client, django_capture_on_commit_callbacks, export_url())
    for number in range(8):
        case_of(home_org, project, counsellor, f"Person{number}", "Test")
    assert export_queries(client, django_capture_on_commit_callbacks, export_url()) == few
    first, second = audit_of("counselling.cases.exported")
    assert first.data["rows"] == 1
    assert first.data["people"] == [str(lan.participant.public_id)]
    assert second.data["rows"] == 9
    assert first.actor == counsellor
