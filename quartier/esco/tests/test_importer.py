"""Importing the official ESCO CSV format: detection, merging, relations, idempotence, errors."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quartier.esco.importer import EscoImportError, import_files
from quartier.esco.models import Concept, Label, Relation
from quartier.esco.tests.conftest import (
    BAKE,
    BAKER,
    CASHIER,
    KNEAD,
    OCCUPATION_HEADER,
    SKILL_HEADER,
    TILL,
    concept,
    write_csv,
)

pytestmark = pytest.mark.django_db


def test_german_and_english_files_are_merged_by_concept_uri(esco_files):
    result = import_files(esco_files.values())

    assert result.concepts_created == 5
    assert result.languages == {"de", "en"}
    baker = concept(BAKER)
    assert baker.kind == Concept.Kind.OCCUPATION
    assert baker.isco_group == "7512"
    assert baker.label("de") == "Bäcker/Bäckerin"
    assert baker.label("en") == "baker"
    assert baker.definition("de") == "Bäcker stellen Brot und Backwaren her."
    assert baker.definition("en") == "Bakers make bread."
    german = baker.labels.filter(language="de")
    assert sorted(german.values_list("kind", "text")) == [
        ("alternative", "Brotbäcker"),
        ("alternative", "Bäcker"),
        ("alternative", "Bäckerin"),
        ("hidden", "Becker"),
        ("preferred", "Bäcker/Bäckerin"),
    ]
    assert german.get(text="Brotbäcker").normalised == "brotbaecker"
    bake = concept(BAKE)
    assert (bake.kind, bake.skill_type, bake.reuse_level) == (
        "skill",
        "skill/competence",
        "sector-specific",
    )


def test_a_label_falls_back_to_german_then_english(esco_files):
    import_files([esco_files["occupations_en"]])
    cashier = concept(CASHIER)
    assert cashier.label("ar") == "cashier"  # only English so far
    import_files([esco_files["occupations_de"]])
    cashier = concept(CASHIER)
    assert cashier.label("ar") == "Kassierer/Kassiererin"
    assert cashier.label("en") == "cashier"


def test_relations_link_occupations_and_skills(esco_files):
    import_files(esco_files.values())

    imported = Relation.objects.filter(occupation__uri__in=[BAKER, CASHIER])
    assert sorted(imported.values_list("occupation__uri", "skill__uri", "kind")) == sorted(
        [(BAKER, BAKE, "essential"), (BAKER, KNEAD, "optional"), (CASHIER, TILL, "essential")]
    )


def test_importing_again_duplicates_nothing(esco_files):
    import_files(esco_files.values())
    counts = (Concept.objects.count(), Label.objects.count(), Relation.objects.count())

    result = import_files(esco_files.values())

    assert (Concept.objects.count(), Label.objects.count(), Relation.objects.count()) == counts
    assert (result.concepts_created, result.concepts_updated, result.relations_created) == (0, 0, 0)


def test_a_new_version_replaces_the_labels_of_its_language_only(esco_files, tmp_path):
    import_files(esco_files.values())
    newer = write_csv(
        tmp_path / "occupations_de_v2.csv",
        OCCUPATION_HEADER,
        [{"conceptUri": BAKER, "iscoGroup": "7512", "preferredLabel": "Bäckermeister"}],
    )
    import_files([newer], language="de")
    baker = concept(BAKER)
    assert list(baker.labels.filter(language="de").values_list("text", flat=True)) == [
        "Bäckermeister"
    ]
    assert baker.label("en") == "baker"


def test_gzipped_files_and_the_language_option_work(esco_files, tmp_path):
    rows = [{"conceptUri": BAKE, "skillType": "knowledge", "preferredLabel": "خبز"}]
    path = write_csv(tmp_path / "skills.csv.gz", SKILL_HEADER, rows, gz=True)
    import_files([path], language="ar")
    assert concept(BAKE).label("ar") == "خبز"


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (["id", "description"], {"id": "x"}, "not an ESCO occupations, skills or relations file"),
        (SKILL_HEADER, {"conceptUri": "", "preferredLabel": "x"}, "line 2: conceptUri is missing"),
        (SKILL_HEADER, {"conceptUri": BAKE, "skillType": "talent", "preferredLabel": "x"},
         "line 2: unknown skillType"),
        (SKILL_HEADER, {"conceptUri": BAKE}, "line 2: the concept has no label"),
    ],
)  # fmt: skip
def test_a_broken_file_names_file_and_line_and_changes_nothing(
    esco_files, tmp_path, header, row, message
):
    broken = write_csv(tmp_path / "skills_de.csv", header, [row])
    before = Concept.objects.count()
    with pytest.raises(EscoImportError, match=message) as error:
        import_files([esco_files["occupations_de"], broken])
    assert "skills_de.csv" in str(error.value)
    assert Concept.objects.count() == before
    assert not Concept.objects.filter(uri=BAKER).exists()


def test_a_relation_to_an_unknown_concept_changes_nothing(esco_files, tmp_path):
    relations = write_csv(
        tmp_path / "occupationSkillRelations.csv",
        ["occupationUri", "relationType", "skillType", "skillUri"],
        [{"occupationUri": BAKER, "relationType": "essential", "skillUri": "http://x/unknown"}],
    )
    before = Concept.objects.count()
    with pytest.raises(EscoImportError, match="line 2: http://x/unknown is neither imported"):
        import_files([esco_files["occupations_de"], relations])
    assert Concept.objects.count() == before
    assert not Concept.objects.filter(uri=BAKER).exists()


def test_a_file_without_a_language_in_its_name_needs_the_option(tmp_path):
    path = write_csv(
        tmp_path / "skills.csv", SKILL_HEADER, [{"conceptUri": BAKE, "preferredLabel": "x"}]
    )
    with pytest.raises(EscoImportError, match="give --language"):
        import_files([path])


def test_the_command_reports_progress_and_refuses_a_broken_file(esco_files, tmp_path):
    out = io.StringIO()
    call_command("import-esco", *esco_files.values(), stdout=out)
    text = out.getvalue()
    assert "labels: " in text  # plain progress lines when not on a terminal
    assert "Concepts: 5 new, 0 updated" in text
    assert "relations: 3 new" in text

    broken = write_csv(tmp_path / "skills_en.csv", ["id"], [{"id": "x"}])
    with pytest.raises(CommandError, match="skills_en.csv: not an ESCO .* Nothing was imported."):
        call_command("import-esco", broken, stdout=io.StringIO())
