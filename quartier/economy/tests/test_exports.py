"""The business register, the vacancies and the consultations as XLSX and CSV."""

# ruff: noqa: F405 (fixtures imported from advice_fixtures)

from datetime import date

import pytest

from quartier.economy.advice.consultations import record_consultation
from quartier.economy.businesses.register import save_business
from quartier.economy.models import Sector
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.vacancies.services import create_vacancy
from quartier.tests.exports import audit_of, export_queries, export_table

pytestmark = pytest.mark.django_db

BUSINESSES = "/{lang}/staff/economy/businesses/export/{format}/"
VACANCIES = "/{lang}/staff/economy/vacancies/export/{format}/"
CONSULTATIONS = "/{lang}/staff/economy/consultations/export/{format}/"


def url(pattern: str, file_format: str = "xlsx", lang: str = "en") -> str:
    return pattern.format(lang=lang, format=file_format)


def business(name: str, by, **values):
    return save_business(
        None, {"name": name, "sector": Sector.objects.get(slug="retail"), **values}, by
    )


# -- Business register --------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_register_export_holds_the_filtered_businesses(
    client, personas, bakery, deli, file_format, django_capture_on_commit_callbacks
):
    client.force_login(personas["counsellor"])
    table = export_table(
        client,
        django_capture_on_commit_callbacks,
        url(BUSINESSES, file_format),
        {"q": "saigon"},
        delimiter=",",
    )
    assert table[0] == [
        "Name",
        "Sector",
        "Address",
        "Neighbourhood",
        "Status",
        "Trains apprentices",
        "Interested in training",
        "Interested in hiring",
        "Supported SME",
    ]
    assert [row[0] for row in table[1:]] == ["Feinkost Saigon"]
    assert table[1][5:] == ["no", "no", "no", "no"]


def test_the_register_export_is_in_german_and_arabic(
    client, personas, deli, django_capture_on_commit_callbacks
):
    client.force_login(personas["advisor"])
    record_consultation(deli, personas["advisor"], topics=["staffing"])
    german = export_table(client, django_capture_on_commit_callbacks, url(BUSINESSES, "csv", "de"))
    arabic = export_table(client, django_capture_on_commit_callbacks, url(BUSINESSES, "xlsx", "ar"))
    assert german[0][:2] == ["Name", "Branche"]
    assert german[1][-1] == "ja"
    assert arabic[0][0] == "الاسم"
    assert arabic[1][0] == "Feinkost Saigon"


def test_a_business_name_that_looks_like_a_formula_is_escaped(
    client, personas, django_capture_on_commit_callbacks
):
    business("=cmd|' /C calc'!A0", personas["advisor"])
    client.force_login(personas["advisor"])
    table = export_table(client, django_capture_on_commit_callbacks, url(BUSINESSES, "csv", "de"))
    assert table[1][0] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize("role", ["employer", "resident"])
def test_the_register_export_refuses_who_cannot_see_the_register(client, personas, role):
    client.force_login(personas[role])
    assert client.get(url(BUSINESSES)).status_code == 403


def test_the_register_export_is_audited_once_and_its_queries_do_not_grow(
    client, personas, deli, django_capture_on_commit_callbacks
):
    client.force_login(personas["advisor"])
    few = export_queries(client, django_capture_on_commit_callbacks, url(BUSINESSES))
    for number in range(15):
        business(f"Laden {number}", personas["advisor"])
    assert export_queries(client, django_capture_on_commit_callbacks, url(BUSINESSES)) == few
    first, second = audit_of("economy.businesses.exported")
    assert (first.data["rows"], second.data["rows"]) == (1, 16)
    assert first.actor == personas["advisor"]
    assert "people" not in first.data  # no personal data in the register's columns


# -- Vacancies ----------------------------------------------------------------------


@pytest.fixture
def vacancies(personas, bakery, deli):
    advisor = personas["advisor"]
    return [
        create_vacancy(deli, advisor, kind="job", titles={"de": "Koch/Köchin", "ar": "طاهٍ"}),
        create_vacancy(bakery, advisor, kind="minijob", titles={"de": "Aushilfe"}),
        create_vacancy(bakery, advisor, kind="apprenticeship", titles={"de": "@Azubi"}),
    ]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_vacancy_export_holds_the_filtered_vacancies(
    client, personas, vacancies, file_format, django_capture_on_commit_callbacks
):
    client.force_login(personas["counsellor"])
    table = export_table(
        client,
        django_capture_on_commit_callbacks,
        url(VACANCIES, file_format, "de"),
        {"business": vacancies[1].business.slug},
    )
    assert table[0] == ["Titel", "Unternehmen", "Art", "Beruf", "Status", "Veröffentlicht"]
    # Newest first, as the list; the title starting with "@" is escaped in the CSV.
    title = "'@Azubi" if file_format == "csv" else "@Azubi"
    assert [row[:3] for row in table[1:]] == [
        [title, "Bäckerei am Platz", "Ausbildung"],
        ["Aushilfe", "Bäckerei am Platz", "Minijob"],
    ]


def test_the_vacancy_export_is_in_arabic(
    client, personas, vacancies, django_capture_on_commit_callbacks
):
    client.force_login(personas["advisor"])
    table = export_table(
        client, django_capture_on_commit_callbacks, url(VACANCIES, "xlsx", "ar"), {"kind": "job"}
    )
    assert table[0][0] == "العنوان"
    assert table[1][0] == "طاهٍ"


@pytest.mark.parametrize("role", ["employer", "coordinator", "viewer"])
def test_the_vacancy_export_refuses_who_may_not_export_the_list(client, personas, role):
    client.force_login(personas[role])
    assert client.get(url(VACANCIES)).status_code == 403


def test_the_vacancy_export_is_audited_and_its_queries_do_not_grow(
    client, personas, bakery, deli, django_capture_on_commit_callbacks
):
    client.force_login(personas["advisor"])
    create_vacancy(deli, personas["advisor"], kind="job", titles={"de": "Koch"})
    few = export_queries(client, django_capture_on_commit_callbacks, url(VACANCIES))
    for number in range(10):
        create_vacancy(bakery, personas["advisor"], kind="job", titles={"de": f"Stelle {number}"})
    assert export_queries(client, django_capture_on_commit_callbacks, url(VACANCIES)) == few
    entries = audit_of("economy.vacancies.exported")
    assert [entry.data["rows"] for entry in entries] == [1, 11]
    assert entries[0].data["filter"] == {}


# -- Consultations ------------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_consultation_export_holds_the_filtered_consultations(
    client, personas, bakery, deli, other_advisor, file_format, django_capture_on_commit_callbacks
):
    advisor = personas["advisor"]
    record_consultation(
        deli, advisor, date=date(2026, 6, 1), topics=["staffing"], follow_up_on=date(2026, 7, 1)
    )
    record_consultation(bakery, advisor, date=date(2026, 6, 2), topics=["online"])
    record_consultation(deli, other_advisor, date=date(2026, 6, 3))  # another organisation's
    client.force_login(advisor)
    table = export_table(
        client,
        django_capture_on_commit_callbacks,
        url(CONSULTATIONS, file_format, "de"),
        {"business": deli.slug},
    )
    assert table[0][0] == "Datum"
    assert [row[0] for row in table[1:]] == ["2026-06-01"]
    assert table[1][1] == "Feinkost Saigon"
    assert table[1][4] == "2026-07-01"


def test_the_consultation_export_is_in_arabic(
    client, personas, deli, django_capture_on_commit_callbacks
):
    record_consultation(deli, personas["advisor"], date=date(2026, 6, 1))
    client.force_login(personas["advisor"])
    table = export_table(
        client, django_capture_on_commit_callbacks, url(CONSULTATIONS, "xlsx", "ar")
    )
    assert table[0][0] == "التاريخ"
    assert table[1][:2] == ["2026-06-01", "Feinkost Saigon"]


@pytest.mark.parametrize("role", ["counsellor", "coordinator", "employer"])
def test_the_consultation_export_refuses_roles_without_the_list(client, personas, role):
    client.force_login(personas[role])
    assert client.get(url(CONSULTATIONS)).status_code == 403


def test_an_advisor_who_employs_elsewhere_exports_only_the_advice_of_home(
    client, personas, two_org_personas, deli, other_advisor, django_capture_on_commit_callbacks
):
    advisor_employer = two_org_personas["advisor+employer"]
    record_consultation(deli, advisor_employer, date=date(2026, 6, 1))
    record_consultation(deli, other_advisor, date=date(2026, 6, 3))
    client.force_login(advisor_employer)
    table = export_table(client, django_capture_on_commit_callbacks, url(CONSULTATIONS))
    assert [row[0] for row in table[1:]] == ["2026-06-01"]


def test_the_consultation_export_is_audited_and_its_queries_do_not_grow(
    client, personas, deli, django_capture_on_commit_callbacks
):
    client.force_login(personas["advisor"])
    record_consultation(deli, personas["advisor"], date=date(2026, 6, 1))
    few = export_queries(client, django_capture_on_commit_callbacks, url(CONSULTATIONS))
    for day in range(2, 12):
        record_consultation(deli, personas["advisor"], date=date(2026, 6, day))
    assert export_queries(client, django_capture_on_commit_callbacks, url(CONSULTATIONS)) == few
    assert [entry.data["rows"] for entry in audit_of("economy.consultations.exported")] == [1, 11]
