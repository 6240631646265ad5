from quartier.imports.base import Field
from quartier.imports.mapping import column_letter, guess_mapping, normalise

FIELDS = [
    Field("given_name", "Given name", ("Vorname", "first name")),
    Field("family_name", "Family name", ("Nachname", "Name")),
    Field("phone", "Phone", ("Telefon", "Tel")),
    Field("email", "E-mail", ("E-Mail", "E-Mail-Adresse")),
    Field("citizenships", "Citizenships", ("Staatsangehörigkeit",)),
]


def test_names_are_compared_without_case_accents_and_punctuation():
    assert normalise("  E-Mail ") == "e mail"
    assert normalise("Staatsangehörigkeit") == "staatsangehorigkeit"
    assert normalise("Straße (mit Nr.)") == "strasse"
    assert normalise("Имя_клиента") == "имя клиента"


def test_columns_are_guessed_from_german_and_english_names_and_the_field_name():
    header = ["Vorname", "NAME", "e-mail", "Staatsangehoerigkeit", "given_name", "Notiz"]
    assert guess_mapping(header, FIELDS) == ["given_name", "family_name", "email", "", "", ""]


def test_a_longer_name_that_starts_with_an_alias_is_guessed_too():
    assert guess_mapping(["Telefon privat", "E-Mail-Adresse"], FIELDS) == ["phone", "email"]


def test_each_field_goes_to_the_first_column_only():
    assert guess_mapping(["Tel", "Telefon", "Telefon mobil"], FIELDS) == ["phone", "", ""]


def test_columns_are_lettered_as_in_a_spreadsheet():
    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
