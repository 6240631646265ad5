import pytest

from quartier.lib.mail_names import MAX_LENGTH, mail_name


@pytest.mark.parametrize(
    "typed",
    ["Olga Iwanowa", "Thị Lan Trần", "محمد الأحمد", "Jean-Luc O'Neil", "J. R. R. Tolkien"],
)
def test_a_real_name_stays_as_it_is(typed):
    assert mail_name(typed) == typed


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Olga https://spam.example/win now", "Olga now"),
        ("Olga HTTP://SPAM.EXAMPLE", "Olga"),
        ("Olga ftp://spam.example", "Olga"),
        ("Olga www.spam.example", "Olga"),
        ("Olga spam.example", "Olga"),
        ("Olga (bit.ly/x1)", "Olga"),
        ("Olga win@spam.example", "Olga"),
        ("Olga пример.рф", "Olga"),
        ("Olga spam.\u200bexample", "Olga"),  # a zero-width space does not hide it
    ],
)
def test_anything_a_mail_program_would_link_goes(typed, kept):
    assert mail_name(typed) == kept


def test_it_is_cut_to_sixty_characters_after_the_links_are_gone():
    typed = "https://spam.example " + "Wolfeschlegelsteinhausenbergerdorff " * 3

    name = mail_name(typed)

    assert len(name) == MAX_LENGTH
    assert name.startswith("Wolfeschlegelsteinhausenbergerdorff Wolfe")


def test_line_breaks_and_direction_overrides_cannot_shape_the_mail():
    assert mail_name("Olga\n\nYou have won\t!") == "Olga You have won !"
    assert mail_name("Olga \u202eelpmaxe\u202c") == "Olga elpmaxe"


def test_the_joiners_some_scripts_need_stay():
    assert mail_name("می\u200cخواهم") == "می\u200cخواهم"


def test_a_name_that_was_only_a_link_is_empty():
    assert mail_name("https://spam.example/win") == ""
