"""The label index: folding per script, matching inflected words, weighting rare ones."""

from quartier.esco.index import LabelIndex, tokens

OCC, SKILL = "occupation", "skill"


def index(**options) -> LabelIndex:
    labels = [
        (1, OCC, "de", "Koch/Köchin"),
        (1, OCC, "ru", "повар"),
        (1, OCC, "ar", "طباخ"),
        (1, OCC, "vi", "đầu bếp"),
        (2, OCC, "de", "Küchenhilfe"),
        (2, OCC, "ru", "помощник повара"),
        (3, OCC, "de", "Verkäufer/Verkäuferin"),
        (3, OCC, "ru", "продавец"),
        (4, OCC, "de", "Verkäufer für Bäckereiwaren"),
        (5, OCC, "vi", "bàn thợ"),
        (10, SKILL, "de", "Kochtechniken anwenden"),
        (10, SKILL, "de", "kochen"),
        (11, SKILL, "de", "Teig kneten"),
        (12, OCC, "de", "Bäcker/Bäckerin"),
    ]
    return LabelIndex.build(labels, [(12, 11)], **options)


def ids(found):
    return [hit.concept_id for hit in found]


def test_words_are_folded_per_script():
    assert tokens("Bäcker/BÄCKERIN") == ["baecker", "baeckerin"]
    assert tokens("الطبّاخة") == ["طباخه"]  # article, shadda, ta marbuta
    assert tokens("Ёлка") == ["елка"]
    assert tokens("комп'ютери") == ["компютери"]  # no split at the apostrophe
    assert tokens("đầu bếp") == ["dau", "bep"]
    assert tokens("đầu bếp", keep_vietnamese_marks=True) == ["đầu", "bếp"]


def test_an_inflected_word_finds_its_label():
    assert ids(index().top("работал поваром", (OCC,), 5)[0])[0] == 1
    assert ids(index().top("عملت طباخا", (OCC,), 5)[0])[0] == 1
    assert ids(index().top("كطباخ", (OCC,), 5)[0])[0] == 1  # "as a cook": a leading ك
    assert ids(index().top("Verkäuferinnen", (OCC,), 5)[0])[0] == 3


def test_a_label_in_another_language_than_the_users_counts():
    assert ids(index().top("Ich war повар", (OCC,), 5)[0])[0] == 1


def test_a_fully_matched_short_label_beats_a_long_one_sharing_a_word():
    found = ids(index().top("Verkäufer", (OCC,), 5)[0])
    assert found.index(3) < found.index(4)


def test_one_typo_is_tolerated():
    assert ids(index().top("Verkaeuferinn", (OCC,), 5)[0])[0] == 3


def test_a_short_beginning_does_not_match_a_long_word():
    # "koch" is a third of "kochtechniken": not evidence enough
    assert 10 in ids(index().top("kochen", (SKILL,), 5)[0])
    assert ids(index().top("koch", (SKILL,), 5)[0]) == [10]  # by the label "kochen"


def test_an_occupation_gains_from_its_essential_skills_in_the_text():
    assert ids(index().top("Teig kneten", (OCC,), 5)[0]) == [12]


def test_vietnamese_typed_without_marks_finds_the_folded_labels():
    assert ids(index().top("dau bep", (OCC,), 5)[0])[0] == 1
    assert ids(index(keep_vietnamese_marks=True).top("đầu bếp", (OCC,), 5)[0])[0] == 1
