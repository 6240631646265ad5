"""The suggestion test set: descriptions in seven languages and their occupations.

A regression guard, not the exact ranking: `bench/esco_suggest.py` measured 98 % of
the descriptions with the expected occupation among the first five (93–100 % per
language); the bounds below leave room for changes in the ranking that do not make
it worse for anyone.
"""

import pytest

from quartier.esco.quality import evaluate_descriptions, load_descriptions
from quartier.esco.suggest import suggest

pytestmark = pytest.mark.django_db

LANGUAGES = ("de", "en", "ru", "uk", "vi", "ar", "kmr")


def occupations(text: str, language: str) -> list[str]:
    found, _skills = suggest(text, language, limit=5)
    return [s.uri for s in found]


def test_the_set_has_at_least_ten_descriptions_per_language():
    cases = load_descriptions()
    assert len(cases) >= 80
    for language in LANGUAGES:
        assert sum(case.language == language for case in cases) >= 10, language


def test_the_right_occupation_is_among_the_first_five_in_every_language(esco_data):
    outcome = evaluate_descriptions(load_descriptions(), occupations)
    missed = [f"[{case.language}] {case.text}" for case, _found in outcome.misses]
    assert outcome.rate(outcome.top5) >= 0.92, missed
    for language in LANGUAGES:
        assert outcome.rate(outcome.top5, language) >= 0.85, (language, missed)
    assert outcome.rate(outcome.top1) >= 0.8, missed
