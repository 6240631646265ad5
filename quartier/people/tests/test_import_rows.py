"""How the participant importer reads, checks and matches single rows."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django_scopes import scope

from quartier.imports import services
from quartier.imports.messages import located
from quartier.imports.models import ImportJob
from quartier.lib.tabular import Row, Table
from quartier.people.importer import MESSAGES, PARTICIPANTS
from quartier.people.intake import take_in
from quartier.people.models import Participant
from quartier.places.models import Postcode

pytestmark = pytest.mark.django_db

BASE = ["Vorname", "Nachname", "Geburtsdatum"]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime(2025, 6, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin")), tick=False)


@pytest.fixture
def check(project, home_org, counsellor):
    """Check rows as the counsellor would; returns the stored preview rows."""

    def run(header, *rows, entry_date="2025-05-01", organisation=home_org):
        table = Table("csv", header, [Row(n + 2, list(row)) for n, row in enumerate(rows)])
        with scope(organisation=[organisation.pk]):
            job = services.start_import(
                PARTICIPANTS, organisation.pk, counsellor, table, "l.csv", {"project": project.pk}
            )
            job = services.check(
                job, PARTICIPANTS, counsellor, job.mapping, {"entry_date": entry_date}
            )
        return job.plan

    return run


def problems(row) -> list[tuple[str, str, str]]:
    return [(p["code"], p["column"], p["value"]) for p in row["errors"]]


def person(organisation, project, by, **fields) -> Participant:
    fields.setdefault("given_name", "Anja")
    fields.setdefault("family_name", "Wolf")
    fields.setdefault("date_of_birth", date(1980, 12, 31))
    with scope(organisation=[organisation.pk]):
        return take_in(organisation, project, by, date(2025, 2, 1), **fields)


def test_gender_is_read_from_letters_and_words(check):
    header = [*BASE, "Geschlecht"]
    values = ["w", "Frau", "female", "M", "männlich", "d", "divers", "x", "keine Angabe", "Woman"]
    plan = check(header, *[[f"P{i}", "X", "01.01.1990", v] for i, v in enumerate(values)])
    assert [row["action"] for row in plan] == ["create"] * len(values)
    plan = check(header, ["Anja", "Wolf", "01.01.1990", "vielleicht"])
    assert problems(plan[0]) == [("choice", "Geschlecht", "vielleicht")]


def test_required_cells_and_bad_dates_name_their_column(check):
    plan = check(
        BASE,
        ["", "Wolf", "01.01.1990"],
        ["Anja", "Wolf", "31.12.80"],
        ["Sven", "Wolf", "01.01.2030"],
        ["Jens", "Wolf", "01.01.1880"],
    )
    assert [problems(row) for row in plan] == [
        [("required", "Vorname", "")],
        [("date", "Geburtsdatum", "31.12.80")],
        [("birth_future", "Geburtsdatum", "01.01.2030")],
        [("birth_old", "Geburtsdatum", "01.01.1880")],
    ]


def test_a_message_names_row_column_and_value():
    problem = {"code": "birth_future", "column": "Geburtsdatum", "value": "01.01.2030"}
    with translation.override("en"):
        assert located(4, problem, MESSAGES) == (
            "Row 4, column “Geburtsdatum”: “01.01.2030” lies in the future; "
            "check the date of birth."
        )


def test_the_same_person_twice_in_a_file_is_an_error_on_the_second_row(check):
    plan = check(BASE, ["Anja", "Wolf", "01.01.1990"], ["ANJA", "wolf", "1990-01-01"])
    assert [row["action"] for row in plan] == ["create", "error"]
    assert problems(plan[1]) == [("same_person", "", "2")]


def test_languages_and_citizenships_are_read_by_name_or_code(check):
    header = [*BASE, "Sprachen", "Sprache", "Staatsangehörigkeit"]
    plan = check(header, ["Anja", "Wolf", "01.01.1990", "Arabisch, en", "Kurdisch", "syrisch; DE"])
    assert plan[0]["action"] == "create"
    bad = check(
        header,
        ["Anja", "Wolf", "01.01.1990", "Klingonisch", "", "staatenlos, DE"],
        ["Sven", "Wolf", "01.01.1990", "", "", "Atlantis"],
    )
    assert problems(bad[0]) == [
        ("language", "Sprachen", "Klingonisch"),
        ("stateless_and_other", "Staatsangehörigkeit", "staatenlos, DE"),
    ]
    assert problems(bad[1]) == [("country", "Staatsangehörigkeit", "Atlantis")]


def test_the_preferred_language_is_one_the_person_speaks(check, counsellor, home_org):
    header = [*BASE, "Sprachen", "Sprache", "Staatsangehörigkeit"]
    plan = check(header, ["Anja", "Wolf", "01.01.1990", "Arabisch, en", "Kurdisch", "syrisch; DE"])
    with scope(organisation=[home_org.pk]):
        job = ImportJob.objects.latest("created_at")
        services.request_write(job, PARTICIPANTS, counsellor)
        [anja] = Participant.objects.all()
    assert plan[0]["action"] == "create"
    assert (anja.preferred_language, anja.languages) == ("kmr", ["kmr", "ar", "en"])
    assert anja.citizenships == ["SY", "DE"]


def test_a_postcode_that_lost_its_leading_zero_is_mended_when_known(check, east):
    Postcode.objects.create(code="04315", neighbourhood=east)
    plan = check(
        [*BASE, "PLZ"], ["Anja", "Wolf", "01.01.1990", "4315"], ["Sven", "W", "01.01.1990", "99999"]
    )
    assert plan[0]["warnings"] == []
    assert plan[1]["warnings"] == [{"code": "postcode_unknown", "column": "PLZ", "value": "99999"}]


def test_the_date_of_entry_must_lie_in_the_project(check, project):
    plan = check([*BASE, "Eintritt"], ["Anja", "Wolf", "01.01.1990", "01.01.2020"])
    assert problems(plan[0]) == [("entry_outside_project", "Eintritt", "01.01.2020")]
    plan = check([*BASE, "Eintritt"], ["Anja", "Wolf", "01.01.1990", ""], entry_date=None)
    assert problems(plan[0]) == [("required", "Eintritt", "")]


def test_a_contact_channel_needs_its_details(check):
    header = [*BASE, "Kontaktweg", "E-Mail"]
    plan = check(
        header, ["Anja", "Wolf", "01.01.1990", "E-Mail", ""], ["S", "W", "01.01.1990", "SMS", ""]
    )
    assert problems(plan[0]) == [("channel_needs_email", "Kontaktweg", "E-Mail")]
    assert problems(plan[1]) == [("channel_needs_phone", "Kontaktweg", "SMS")]


def test_a_row_matches_only_people_of_the_same_organisation_and_project(
    check, project, home_org, other_org, counsellor, personas
):
    person(other_org, project, personas["outsider"])
    plan = check(BASE, ["Anja", "Wolf", "31.12.1980"])
    assert plan[0]["action"] == "create"


def test_an_unchanged_row_changes_nothing_and_two_matches_are_an_error(
    check, project, home_org, counsellor
):
    person(home_org, project, counsellor, email="a@example.org")
    plan = check([*BASE, "E-Mail"], ["Anja", "Wolf", "31.12.1980", "a@example.org"])
    assert (plan[0]["action"], plan[0]["changes"]) == ("unchanged", [])
    person(home_org, project, counsellor)
    plan = check(BASE, ["Anja", "Wolf", "31.12.1980"])
    assert problems(plan[0]) == [("several_matches", "", "2")]


def test_anonymised_people_are_never_matched(check, project, home_org, counsellor, unscoped):
    anja = person(home_org, project, counsellor)
    Participant.objects.filter(pk=anja.pk).update(
        anonymised_at=datetime(2025, 1, 1, tzinfo=ZoneInfo("UTC"))
    )
    plan = check(BASE, ["Anja", "Wolf", "31.12.1980"])
    assert plan[0]["action"] == "create"
