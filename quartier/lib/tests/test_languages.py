from django.utils import translation

from quartier.lib.languages import in_language, language_choices, language_name


def test_the_programme_languages_come_first_then_the_others_by_name():
    with translation.override("de"):
        codes = [code for code, _name in language_choices()]
        names = [name for _code, name in language_choices()]
    assert codes[:7] == ["de", "en", "ru", "vi", "ar", "kmr", "uk"]
    others = names[7:]
    assert others == sorted(others, key=str.casefold)
    assert "ku" not in codes and {"kmr", "ckb"} <= set(codes)


def test_a_language_is_named_in_the_reader_s_language():
    with translation.override("de"):
        assert language_name("tr") == "Türkisch"
    with translation.override("en"):
        assert language_name("tr") == "Turkish"
    assert language_name("xx") == "xx"


def test_a_text_falls_back_to_german_then_to_any_language():
    texts = {"de": "Kochkurs", "ar": "دورة طبخ"}
    assert in_language(texts, "ar") == "دورة طبخ"
    assert in_language(texts, "uk") == "Kochkurs"
    assert in_language({"vi": "Lớp nấu ăn"}, "uk") == "Lớp nấu ăn"
    assert in_language({"de": "", "en": "Cooking"}, "ru") == "Cooking"
    assert in_language({}, "de") == ""


def test_a_text_follows_the_active_language_and_its_base_code():
    texts = {"de": "Kochkurs", "en": "Cooking class"}
    with translation.override("en"):
        assert in_language(texts) == "Cooking class"
    assert in_language(texts, "en-gb") == "Cooking class"
