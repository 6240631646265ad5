import pytest

from quartier.lib.search import search_key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Nguyễn Thị Hương", "nguyen thi huong"),
        ("Олена Коваленко", "olena kovalenko"),
        ("Müller-Lüdenscheidt", "muller-ludenscheidt"),
        ("  Anna   Maria ", "anna maria"),
    ],
)
def test_names_in_any_script_get_one_latin_key(typed, key):
    assert search_key(typed) == key


def test_parts_are_joined_and_empty_parts_skipped():
    assert search_key("Olena", "", "Koval") == "olena koval"
    assert search_key() == ""


def test_arabic_is_transliterated_so_a_counsellor_can_type_it_in_latin_letters():
    key = search_key("محمد")
    assert key and key.isascii()
