from datetime import date

import pytest
from django.utils.translation import gettext_lazy as _

from quartier.imports.cells import (
    CellProblem,
    choice_synonyms,
    read_choice,
    read_date,
    read_email,
    read_list,
    read_phone,
    read_text,
)


def code_of(reader, *args) -> str:
    with pytest.raises(CellProblem) as raised:
        reader(*args)
    return raised.value.code


def test_dates_are_read_in_german_and_iso_form():
    assert read_date("31.12.1980") == date(1980, 12, 31)
    assert read_date("1.2.1980") == date(1980, 2, 1)
    assert read_date("1980-12-31") == date(1980, 12, 31)
    assert read_date("1980-12-31 00:00:00") == date(1980, 12, 31)


@pytest.mark.parametrize("value", ["31.02.1980", "31.12.80", "12/31/1980", "gestern", "1980-13-01"])
def test_impossible_or_ambiguous_dates_are_refused(value):
    assert code_of(read_date, value) == "date"


def test_text_is_tidied_and_measured():
    assert read_text("  Anna   Maria ", 20) == "Anna Maria"
    assert code_of(read_text, "x" * 21, 20) == "too_long"


def test_e_mail_and_phone_are_checked():
    assert read_email(" a@example.org ") == "a@example.org"
    assert code_of(read_email, "a@") == "email"
    assert read_phone("+49 341 / 123-45") == "+49 341 / 123-45"
    assert code_of(read_phone, "ruft an") == "phone"


def test_a_choice_is_read_from_its_code_its_label_in_any_ui_language_or_extra_words():
    synonyms = choice_synonyms([("w", _("Woman")), ("m", _("Man"))], {"weiblich": "w"})
    assert read_choice("W", synonyms) == "w"
    assert read_choice("woman", synonyms) == "w"
    assert read_choice("Weiblich", synonyms) == "w"
    assert code_of(read_choice, "vielleicht", synonyms) == "choice"


def test_a_list_is_split_on_the_usual_separators_without_repeats():
    synonyms = choice_synonyms([("de", "German"), ("ru", "Russian"), ("uk", "Ukrainian")])
    assert read_list("Russian, German; ru / uk und de", synonyms) == ["ru", "de", "uk"]
    assert read_list("", synonyms) == []
    assert code_of(read_list, "German, Klingon", synonyms) == "choice"
