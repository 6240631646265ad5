"""Fixtures of the competences tests: a person, a few ESCO concepts, evidence in a temp dir."""

from datetime import date

import pytest
import time_machine
from django.urls import get_resolver

from quartier.esco.models import Concept, Label, Relation
from quartier.people.intake import take_in


@pytest.fixture(autouse=True)
def frozen_today():
    """Every competences test runs on Monday 15 June 2026, midday in Leipzig."""
    with time_machine.travel("2026-06-15 12:00 +0200", tick=False):
        yield


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):
    """Evidence files go to a fresh directory, never to the project's var/."""
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.EVIDENCE_ROOT


@pytest.fixture
def rami(home_org, project, counsellor):
    """A cook from Aleppo, 41 years old."""
    return take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Rami",
        family_name="Haddad",
        date_of_birth=date(1985, 4, 20),
        preferred_language="ar",
        languages=["ar", "de"],
        citizenships=["SY"],
    )


@pytest.fixture
def stranger(other_org, project, personas):
    """A person held by another organisation."""
    return take_in(
        other_org,
        project,
        personas["outsider"],
        date(2026, 3, 2),
        given_name="Olena",
        family_name="Koval",
        citizenships=["UA"],
    )


def concept(uri: str, kind: str, de: str, en: str, skill_type: str = "") -> Concept:
    made = Concept.objects.create(uri=uri, kind=kind, skill_type=skill_type)
    Label.objects.create(concept=made, language="de", kind="preferred", text=de)
    Label.objects.create(concept=made, language="en", kind="preferred", text=en)
    return made


ESCO = "http://data.europa.eu/esco/"


@pytest.fixture
def esco(db) -> dict[str, Concept]:
    """A cook, two of its essential skills, one optional, and a piece of knowledge."""
    cook = concept(ESCO + "occupation/cook", "occupation", "Koch/Köchin", "cook")
    found = {
        "cook": cook,
        "carpenter": concept(
            ESCO + "occupation/carpenter", "occupation", "Tischler/Tischlerin", "carpenter"
        ),
        "prepare": concept(
            ESCO + "skill/prepare",
            "skill",
            "Speisen zubereiten",
            "prepare dishes",
            "skill/competence",
        ),
        "hygiene": concept(
            ESCO + "skill/hygiene",
            "skill",
            "Lebensmittelhygiene einhalten",
            "comply with food safety and hygiene",
            "skill/competence",
        ),
        "menu": concept(
            ESCO + "skill/menu", "skill", "Menüs planen", "plan menus", "skill/competence"
        ),
        "nutrition": concept(
            ESCO + "skill/nutrition", "skill", "Ernährungslehre", "nutrition", "knowledge"
        ),
    }
    Relation.objects.create(occupation=cook, skill=found["prepare"], kind="essential")
    Relation.objects.create(occupation=cook, skill=found["hygiene"], kind="essential")
    Relation.objects.create(occupation=cook, skill=found["menu"], kind="optional")
    return found


def audited(code: str, **filters) -> int:
    """How many audit entries with this code (the audit log is scoped; tests look behind)."""
    from django_scopes import scopes_disabled

    from quartier.accounts.models import AuditEntry

    with scopes_disabled():
        return AuditEntry.objects.filter(code=code, **filters).count()


@pytest.fixture
def fake_esco_search(monkeypatch):
    """The taxonomy's search, reduced to a label prefix match (the real one is tested in esco)."""
    # Every module that imports ``search`` by name does so now, before the patch: one
    # first imported under it (the API, by the URL conf) would keep the fake for the
    # rest of the process, and the real search's own tests would meet it.
    get_resolver().url_patterns  # noqa: B018 - loads the URL conf and what it imports
    from quartier.esco.models import normalise

    def search(query, language, kind=None, limit=20):
        words = normalise(query)[:3]
        found = Concept.objects.filter(labels__normalised__startswith=words).distinct()
        if kind:
            found = found.filter(kind=kind)
        return list(found.order_by("uri")[:limit])

    monkeypatch.setattr("quartier.esco.search.search", search)
    return search


@pytest.fixture
def fake_esco_suggest(monkeypatch, esco):
    """Suggestions as the taxonomy gives them: (occupations, skills) with concept ids."""
    from dataclasses import dataclass

    @dataclass
    class Suggestion:
        concept_id: int

    calls = []

    def suggest(text, language, limit=5):
        calls.append((text, language))
        return (
            [Suggestion(esco["cook"].pk)],
            [Suggestion(esco["prepare"].pk), Suggestion(esco["hygiene"].pk)],
        )

    monkeypatch.setattr("quartier.esco.suggest.suggest", suggest)
    return calls
