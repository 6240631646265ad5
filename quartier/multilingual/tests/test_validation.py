"""The one set of rules for multilingual texts, with its messages in German and Arabic."""

import tomllib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from quartier.economy.advice_funding import CATALOGUE
from quartier.economy.businesses_sectors import DEFAULT_SECTORS
from quartier.economy.models import Business, FundingProgramme, Sector
from quartier.learning.models import Offer
from quartier.multilingual.texts import MultilingualText, clean_texts
from quartier.places.models import ContactPoint

TITLE = Offer._meta.get_field("title")  # required, at most 200 characters per language


def messages(value, field=TITLE, language="de") -> list[str]:
    with translation.override(language), pytest.raises(ValidationError) as error:
        field.clean(value, None)
    with translation.override(language):
        return list(error.value.messages)


def test_it_keeps_known_languages_strips_them_and_drops_empty_ones():
    cleaned = TITLE.clean({"ar": "  حديقة  ", "de": " Garten ", "uk": "   "}, None)
    assert cleaned == {"de": "Garten", "ar": "حديقة"}
    assert list(cleaned) == ["de", "ar"]  # programme order, German first
    assert isinstance(cleaned, MultilingualText)


def test_it_refuses_a_value_that_is_not_a_table_of_texts():
    assert messages(["Garten"]) == ["Titel: Bitte einen Text je Sprachcode angeben."]
    assert messages("Garten", language="ar") == ["العنوان: أدخل نصًا واحدًا لكل رمز لغة."]


def test_it_refuses_an_unknown_language_code():
    assert messages({"de": "Garten", "ku": "Baxçe"}) == [
        "Titel: unbekannter Sprachcode „ku“; bitte einen von de, en, ru, vi, ar, kmr, uk verwenden."
    ]
    assert messages({"de": "Garten", "tr": "Bahçe"}, language="ar") == [
        "العنوان: رمز اللغة «tr» غير معروف؛ استخدم أحد الرموز de, en, ru, vi, ar, kmr, uk."
    ]


def test_it_refuses_a_text_that_is_not_a_string():
    assert messages({"de": "Garten", "vi": 7}) == [
        "Titel (Vietnamesisch): Bitte den Text als Zeichenkette angeben."
    ]
    assert messages({"de": "Garten", "vi": None}, language="ar") == [
        "العنوان (الفيتنامية): أدخل النص كسلسلة أحرف."
    ]


def test_it_limits_each_language_to_the_fields_length():
    assert TITLE.clean({"de": "x" * 200}, None) == {"de": "x" * 200}
    assert messages({"de": "Garten", "ar": "ب" * 201}) == [
        "Titel (Arabisch): höchstens 200 Zeichen (dieser Text hat 201)."
    ]
    assert messages({"de": "Garten", "ar": "ب" * 201}, language="ar") == [
        "العنوان (العربية): 200 حرفًا على الأكثر (في هذا النص 201)."
    ]


def test_german_is_required_when_the_content_is_required():
    expected_de = (
        "Titel (Deutsch): Dieser Text ist erforderlich; er wird angezeigt, wo eine Übersetzung"
        " fehlt."
    )
    assert messages({"ar": "حديقة"}) == [expected_de]
    assert messages({"de": "   "}) == [expected_de]
    assert messages({}, language="ar") == [
        "العنوان (الألمانية): هذا النص مطلوب؛ فهو يظهر حيث تنقص الترجمة."
    ]


def test_optional_content_may_be_empty_or_lack_german():
    description = Business._meta.get_field("description")
    assert description.clean({}, None) == {}
    assert description.clean(None, None) == {}
    assert description.clean({"ar": "مخبز"}, None) == {"ar": "مخبز"}


def test_every_problem_is_reported_at_once():
    assert len(messages({"ar": "ب" * 201, "vi": 7, "xx-y": "?"})) == 4


def test_a_site_pack_text_may_also_be_in_the_citys_own_language_but_never_ku():
    note = ContactPoint._meta.get_field("note")
    assert list(note.clean({"pt": "Toque.", "de": "Klingeln."}, None)) == ["de", "pt"]
    with pytest.raises(ValidationError, match="unknown language code “ku”"):
        note.clean({"ku": "Zengil"}, None)


def test_the_text_reads_in_the_active_language_with_german_as_fallback():
    text = MultilingualText({"de": "Garten", "ar": "حديقة"})
    with translation.override("ar"):
        assert str(text) == "حديقة"
    with translation.override("uk"):
        assert str(text) == "Garten"
    assert text.text("ar") == "حديقة"
    assert text == {"de": "Garten", "ar": "حديقة"}


def test_the_helper_reports_without_a_field_label():
    with translation.override("de"), pytest.raises(ValidationError) as error:
        clean_texts({}, required=True)
    with translation.override("de"):
        assert error.value.messages == [
            "Deutsch: Dieser Text ist erforderlich; er wird angezeigt, wo eine Übersetzung fehlt."
        ]


def test_the_default_sectors_and_the_funding_catalogue_pass_the_fields_rules():
    names = Sector._meta.get_field("names")
    for slug, texts in DEFAULT_SECTORS:
        assert names.clean(texts, None) == texts, slug
    with open(CATALOGUE, "rb") as handle:
        programmes = tomllib.load(handle)["programme"]
    for name in ("eligibility", "descriptions"):
        field = FundingProgramme._meta.get_field(name)
        for programme in programmes:
            field.clean(programme.get(name, {}), None)
