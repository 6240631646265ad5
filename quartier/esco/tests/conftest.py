"""ESCO test data: small files in the official CSV format, and the shipped data."""

import csv
import gzip
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from quartier.esco.models import Concept
from quartier.esco.shipped import load_shipped

OCCUPATION_HEADER = [
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels",
    "status", "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme",
    "description", "code",
]  # fmt: skip
SKILL_HEADER = [
    "conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
    "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme",
    "description",
]  # fmt: skip
RELATION_HEADER = ["occupationUri", "relationType", "skillType", "skillUri"]

BAKER = "http://data.europa.eu/esco/occupation/test-baker"
CASHIER = "http://data.europa.eu/esco/occupation/test-cashier"
BAKE = "http://data.europa.eu/esco/skill/test-bake"
KNEAD = "http://data.europa.eu/esco/skill/test-knead"
TILL = "http://data.europa.eu/esco/skill/test-till"


def write_csv(path: Path, header: list[str], rows: list[dict], gz: bool = False) -> Path:
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in header})
    return path


@pytest.fixture
def esco_files(tmp_path) -> dict[str, Path]:
    """A tiny ESCO download in German and English: two occupations, three skills."""
    occupations_de = write_csv(
        tmp_path / "occupations_de.csv",
        OCCUPATION_HEADER,
        [
            {
                "conceptType": "Occupation",
                "conceptUri": BAKER,
                "iscoGroup": "7512",
                "preferredLabel": "Bäcker/Bäckerin",
                "altLabels": "Bäcker\nBäckerin\nBrotbäcker",
                "hiddenLabels": "Becker",
                "description": "Bäcker stellen Brot und Backwaren her.",
                "code": "7512.1",
            },
            {
                "conceptType": "Occupation",
                "conceptUri": CASHIER,
                "iscoGroup": "5230",
                "preferredLabel": "Kassierer/Kassiererin",
                "altLabels": "Kassiererin\nKassierer",
                "code": "5230.1",
            },
        ],
    )
    occupations_en = write_csv(
        tmp_path / "occupations_en.csv",
        OCCUPATION_HEADER,
        [
            {
                "conceptType": "Occupation",
                "conceptUri": BAKER,
                "iscoGroup": "7512",
                "preferredLabel": "baker",
                "altLabels": "bread baker\nbakery worker",
                "description": "Bakers make bread.",
            },
            {
                "conceptType": "Occupation",
                "conceptUri": CASHIER,
                "preferredLabel": "cashier",
                "iscoGroup": "5230",
            },
        ],
    )
    skills_de = write_csv(
        tmp_path / "skills_de.csv",
        SKILL_HEADER,
        [
            {"conceptUri": BAKE, "skillType": "skill/competence", "preferredLabel": "backen"},
            {"conceptUri": KNEAD, "skillType": "skill/competence", "preferredLabel": "Teig kneten"},
            {
                "conceptUri": TILL,
                "skillType": "skill/competence",
                "preferredLabel": "Kasse bedienen",
            },
        ],
    )
    skills_en = write_csv(
        tmp_path / "skills_en.csv",
        SKILL_HEADER,
        [
            {
                "conceptUri": BAKE,
                "skillType": "skill/competence",
                "reuseLevel": "sector-specific",
                "preferredLabel": "bake goods",
                "altLabels": "baking\nbake products",
            },
            {"conceptUri": KNEAD, "skillType": "skill/competence", "preferredLabel": "knead dough"},
            {"conceptUri": TILL, "skillType": "skill/competence", "preferredLabel": "operate till"},
        ],
    )
    relations = write_csv(
        tmp_path / "occupationSkillRelations_en.csv",
        RELATION_HEADER,
        [
            {"occupationUri": BAKER, "relationType": "essential", "skillUri": BAKE},
            {"occupationUri": BAKER, "relationType": "optional", "skillUri": KNEAD},
            {"occupationUri": CASHIER, "relationType": "essential", "skillUri": TILL},
        ],
    )
    return {
        "occupations_de": occupations_de,
        "occupations_en": occupations_en,
        "skills_de": skills_de,
        "skills_en": skills_en,
        "relations": relations,
    }


@pytest.fixture(scope="package")
def esco_data(django_db_setup, django_db_blocker):
    """The shipped ESCO data with its vectors: loaded once for the ESCO tests, committed
    and analysed (`load_shipped` refreshes the statistics), not in every test's transaction."""
    with django_db_blocker.unblock():
        load_shipped()
    yield
    with django_db_blocker.unblock(), scopes_disabled():
        # other apps' rows that point at concepts are scoped by organisation
        Concept.objects.all().delete()


def concept(uri: str) -> Concept:
    return Concept.objects.prefetch_related("labels").get(uri=uri)
