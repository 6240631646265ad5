from django.utils import translation

from quartier.lib.dates import MONTHS


def test_month_names_come_from_the_catalogue_in_every_language_kurmanji_too():
    with translation.override("de"):
        assert MONTHS[3]() == "März"
    with translation.override("uk"):
        assert MONTHS[6]() != "June"
    with translation.override("kmr"):
        assert MONTHS[1]() != "January"
    assert MONTHS[0] is None and len(MONTHS) == 13
