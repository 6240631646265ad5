from django.utils import translation

from quartier.lib.countries import COUNTRY_CODES, STATELESS, country_choices, country_name


def test_stateless_comes_first_then_countries_by_their_name_in_the_active_language():
    with translation.override("de"):
        choices = country_choices()
    assert choices[0][0] == STATELESS
    names = [name for _code, name in choices[1:]]
    assert names == sorted(names, key=str.casefold)


def test_kosovo_and_stateless_are_valid_codes_and_unknown_codes_are_shown_as_they_are():
    assert {"XK", STATELESS, "SY", "UA"} <= COUNTRY_CODES
    with translation.override("en"):
        assert country_name("SY") == "Syria"
        assert country_name(STATELESS) == "Stateless"
    assert country_name("QQ") == "QQ"
