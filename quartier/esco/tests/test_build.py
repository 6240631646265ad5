"""Building the shipped data: splitting the English texts, matching KldB titles."""

import gzip

import pytest

from quartier.esco.build import (
    DATA_DIR,
    GermanOccupation,
    gender_keys,
    kldb_for,
    split_english_occupation,
)
from quartier.esco.curated import CURATED_SKILLS, ESSENTIAL_SKILLS
from quartier.esco.curated_labels import LANGUAGES, OCCUPATION_LABELS, SKILL_LABELS
from quartier.esco.shipped import shipped_paths


def test_the_english_text_is_split_where_the_definition_repeats_the_label():
    text = (
        "baker bakery specialist bread baker Bakers make a wide range of breads, pastries, "
        "and other baked goods."
    )
    assert split_english_occupation(text) == (
        "baker",
        "bakery specialist bread baker",
        "Bakers make a wide range of breads, pastries, and other baked goods.",
    )


def test_a_label_starting_with_an_acronym_is_split_too():
    preferred, synonyms, definition = split_english_occupation(
        "ICT help desk agent IT help desk advisor ICT help desk agents answer calls."
    )
    assert (preferred, synonyms) == ("ICT help desk agent", "IT help desk advisor")
    assert definition.startswith("ICT help desk agents answer")


def test_an_unrecognised_text_is_left_unsplit():
    assert split_english_occupation("doorman/doorwoman bouncer Door supervisors check") == (
        "",
        "",
        "",
    )


def test_gender_forms_are_folded_for_matching():
    assert "koch" in gender_keys("Koch/Köchin")
    assert "koch" in gender_keys("Koch/-köchin")
    assert "knopfmacher" in gender_keys("Knopfmacher/in")
    assert "beikoch" in gender_keys("Beikoch/Beiköchin (§66 BBiG/§42m HWO)")


def test_a_kldb_code_is_only_taken_when_it_is_unambiguous():
    index = {"koch": {"29302"}, "helfer": {"29301", "12345"}}
    assert kldb_for(GermanOccupation(preferred="Koch/Köchin"), index) == "29302"
    assert kldb_for(GermanOccupation(preferred="Helfer/Helferin"), index) == ""
    assert kldb_for(GermanOccupation(preferred="X", alternative=["Koch"]), index) == "29302"


def test_the_curated_set_is_consistent():
    keys = [skill.key for skill in CURATED_SKILLS]
    assert len(keys) == len(set(keys))
    assert 150 <= len(CURATED_SKILLS) <= 300
    assert 30 <= len(ESSENTIAL_SKILLS) <= 60
    assert {key for keys in ESSENTIAL_SKILLS.values() for key in keys} <= set(keys)
    assert all(skill.de and skill.en and skill.de_synonyms for skill in CURATED_SKILLS)


def test_every_curated_concept_has_labels_in_the_other_languages():
    assert set(SKILL_LABELS) == {skill.key for skill in CURATED_SKILLS}
    assert set(OCCUPATION_LABELS) >= set(ESSENTIAL_SKILLS)
    for labels in [*SKILL_LABELS.values(), *OCCUPATION_LABELS.values()]:
        assert set(labels) == set(LANGUAGES)
        # a preferred label and one to three synonyms, none repeated
        assert all(2 <= len(texts) <= 4 for texts in labels.values())
        assert all(len(set(texts)) == len(texts) for texts in labels.values())


@pytest.mark.parametrize("path", shipped_paths())
def test_the_shipped_files_are_there_and_small(path):
    assert path.exists()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        assert handle.readline().strip()
    total = sum(p.stat().st_size for p in DATA_DIR.iterdir())
    assert total < 5_000_000
