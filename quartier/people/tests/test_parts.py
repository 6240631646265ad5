"""Every installed part implements ``PersonPart``; the apps' configs decide which parts exist."""

import inspect
from datetime import date

import pytest
from django.apps import apps
from django_scopes import scopes_disabled

from quartier.people import parts
from quartier.people.intake import take_in
from quartier.people.models import Participant
from quartier.people.rights import export_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_parts():
    """Collect the parts again after a test changed an app's config, and once more after."""
    parts.person_parts.cache_clear()
    yield
    parts.person_parts.cache_clear()


@pytest.fixture
def olena(home_org, project, counsellor):
    with scopes_disabled():
        taken_in = take_in(
            home_org, project, counsellor, date(2026, 3, 2), given_name="Олена", family_name="K"
        )
        return Participant.objects.select_related(
            "organisation", "project", "quarter", "neighbourhood"
        ).get(pk=taken_in.pk)


def test_the_parts_come_from_the_app_configs_in_installed_apps_order():
    names = [type(part).__name__ for part in parts.person_parts()]
    assert names == [
        "PeoplePart",
        "CounsellingPart",
        "ProfilePart",
        "PassportPart",
        "EmployersPart",
        "AppointmentsPart",
        "OffersPart",
        "AdvicePart",
    ]


def test_every_installed_part_implements_the_protocol():
    for part in parts.person_parts():
        assert isinstance(part, parts.PersonPart)
        own = {name for name in vars(type(part)) if not name.startswith("_")}
        assert own <= set(parts.PROTOCOL_METHODS), f"{type(part).__name__}: {own}"
        for name in parts.PROTOCOL_METHODS:
            expected = inspect.signature(getattr(parts.PersonPart, name))
            actual = inspect.signature(getattr(type(part), name))
            assert [(p.name, p.kind) for p in actual.parameters.values()] == [
                (p.name, p.kind) for p in expected.parameters.values()
            ], f"{type(part).__name__}.{name}{actual}"


def test_every_part_is_in_a_module_named_person():
    for part in parts.person_parts():
        assert type(part).__module__.endswith(".person"), type(part).__module__


def test_the_export_sections_keep_their_order(olena, counsellor):
    sections = list(export_person(olena, counsellor, "json")["sections"])
    assert sections[:5] == [
        "participant",
        "entry_data",
        "consents",
        "access_log",
        "counselling_cases",
    ]
    assert sections[-2:] == ["economy_founder", "economy_vacancies_filled"]


def test_removing_a_part_from_its_app_config_removes_its_export_section(
    olena, counsellor, monkeypatch, fresh_parts
):
    assert "economy_founder" in export_person(olena, counsellor, "json")["sections"]
    monkeypatch.setattr(apps.get_app_config("economy"), "person_parts", [])
    parts.person_parts.cache_clear()
    sections = export_person(olena, counsellor, "json")["sections"]
    assert "economy_founder" not in sections
    assert "economy_vacancies_filled" not in sections
    assert "counselling_cases" in sections


def test_a_part_named_twice_is_asked_once(monkeypatch, fresh_parts):
    people = apps.get_app_config("people")
    monkeypatch.setattr(people, "person_parts", [*people.person_parts, *people.person_parts])
    parts.person_parts.cache_clear()
    names = [type(part).__name__ for part in parts.person_parts()]
    assert names.count("PeoplePart") == 1
