"""The search-quality list (`quartier/esco/quality.py`, also run by bench/esco_search.py)."""

import pytest

from quartier.esco.quality import CASES, evaluate

pytestmark = pytest.mark.django_db

# Measured: 43 of 44 (98 %), since the curated skills and occupations carry labels
# in Arabic, Russian, Ukrainian, Vietnamese and Kurmanji (32 of 39, 82 %, before,
# when single words in those languages were left to the small embedding model).
MINIMUM_HIT_RATE = 0.95


def test_the_expected_concept_is_in_the_top_five_often_enough(esco_data):
    outcome = evaluate()
    missed = [f"[{case.language}] {case.text}" for case in outcome.misses]
    assert outcome.rate >= MINIMUM_HIT_RATE, missed
    assert outcome.rate_of("de") == 1.0, missed
    assert {case.language for case in CASES} >= {"de", "en", "ar", "ru", "uk", "vi"}
    for language in ("ar", "ru", "uk", "vi"):
        assert outcome.rate_of(language) >= 0.8, missed
