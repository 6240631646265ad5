"""Search ESCO occupations and skills by label or synonym.

Lexical first: labels are matched on their folded form (`Label.normalised`:
case, accents and umlauts folded), prefiltered in SQL with `LIKE` on the query's
words and on a few of their trigrams (so one typo still finds candidates, on
SQLite and PostgreSQL alike), then scored in Python:

    exact (100) > prefix (90) > all words (80) > word prefixes (75) > substring (70)
    > one typo, by rapidfuzz (up to 65)

with a bonus for preferred labels over synonyms and for the user's language. When
the lexical search finds fewer hits than asked for, the label index of all seven
languages (`quartier.esco.index`: inflected forms, labels in another language than
the user's) fills the list, ranked below the lexical hits. Only when no label shares
a word with the query does the multilingual embedding (`suggest.rank`) answer: it
ranks every concept, so as a filler below real hits it added noise ("Koch" among the
skills brought "IT-Probleme lösen", the model's cosines for a single word being
nearly equal for unrelated concepts).
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from rapidfuzz import fuzz

from quartier.esco.models import FALLBACK_LANGUAGES, Concept, Label, normalise
from quartier.esco.suggest import rank, rank_by_labels

MAX_CANDIDATES = 4000


@dataclass(frozen=True)
class SearchHit:
    concept_id: int
    uri: str
    kind: str
    label: str  # preferred label in the user's language (or German, then English)
    matched_label: str  # the label that matched ("" for a semantic match)
    skill_type: str
    kldb_code: str
    score: float
    semantic: bool = False


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", text) if w]


def _grams(word: str) -> list[str]:
    # non-overlapping trigrams: one typo spoils at most one of them
    return [word[i : i + 3] for i in range(0, len(word) - 2, 3)]


def _direct(query: str) -> Q:
    condition = Q(normalised__contains=query)
    for word in _words(query):
        if len(word) >= 2:
            condition |= Q(normalised__contains=word)
    return condition


def _typo(query: str) -> Q | None:
    condition = None
    for word in _words(query):
        if len(word) >= 5:
            for gram in _grams(word):
                part = Q(normalised__contains=gram)
                condition = part if condition is None else condition | part
    return condition


def score_label(query: str, label: str) -> float:
    """How well a folded label matches a folded query, 0 when it does not."""
    if label == query:
        return 100.0
    if query in label.split("/"):
        return 98.0  # one gender form of "Verkäufer/Verkäuferin"
    if label.startswith(query):
        return 90.0
    query_words, label_words = _words(query), _words(label)
    if query_words and all(w in label_words for w in query_words):
        return 80.0
    if query_words and all(any(lw.startswith(w) for lw in label_words) for w in query_words):
        return 75.0
    if query in label:
        return 70.0
    if len(query) >= 4:
        # one typo: compare with the whole label and with each word of it
        best = max(
            [fuzz.ratio(query, label)] + [fuzz.ratio(query, w) for w in label_words],
        )
        threshold = 100 - 100 * 2 / (len(query) + 1)  # about one edit
        if best >= min(threshold, 88):
            return 50.0 + best * 0.15
    return 0.0


def search(
    query: str,
    language: str,
    kind: str | None = None,
    limit: int = 10,
    semantic: bool = True,
) -> list[SearchHit]:
    """Concepts whose labels match `query`, best first (see the module docstring).

    Queries: one for the candidate labels (two when the typo search is needed), two
    for the hits and their labels; when the label index fills in, one more (three when it
    is built, see `index.label_index`), and when the embedding answers, one or three
    more (see `suggest.taxonomy_matrix`). `semantic=False` keeps to the SQL search.
    """
    folded = normalise(query)
    if not folded:
        return []
    languages = [language, *[code for code in FALLBACK_LANGUAGES if code != language]]
    labels = Label.objects.filter(language__in=languages)
    if kind:
        labels = labels.filter(concept__kind=kind)
    fields = ("concept_id", "language", "kind", "text", "normalised")
    rows = list(labels.filter(_direct(folded)).values_list(*fields)[:MAX_CANDIDATES])
    typo = _typo(folded)
    if len({row[0] for row in rows}) < limit and typo is not None:
        # few direct matches: look for labels one typo away (a second query)
        rows += labels.filter(typo).exclude(_direct(folded)).values_list(*fields)[:MAX_CANDIDATES]
    best: dict[int, tuple[float, str]] = {}
    for concept_id, lang, label_kind, text, normalised in rows:
        score = score_label(folded, normalised)
        if not score:
            continue
        if label_kind == Label.Kind.PREFERRED:
            score += 5
        elif label_kind == Label.Kind.ALTERNATIVE:
            score += 2
        if lang == language:
            score += 3
        # shorter labels are closer matches when everything else is equal
        score -= min(len(normalised), 80) / 1000
        shown = text if label_kind != Label.Kind.HIDDEN else ""
        if score > best.get(concept_id, (0.0, ""))[0]:
            best[concept_id] = (score, shown)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
    filled: list[tuple[int, float, bool]] = []  # (concept, score, by the model)
    if semantic and len(ranked) < limit:
        known = {pk for pk, _ in ranked}
        # words of the labels of all seven languages first, inflected forms included
        for pk, score in rank_by_labels(query, (kind,), limit + len(known))[0]:
            if pk not in known and len(ranked) + len(filled) < limit:
                filled.append((pk, 40 * score / (1 + score), False))
        if not ranked and not filled:
            # no label shares a word with the query: only then ask the model
            filled = [(pk, cosine * 40, True) for pk, cosine in rank(query, (kind,), limit)[0]]
    ids = [pk for pk, _ in ranked] + [pk for pk, _, _ in filled]
    concepts = Concept.objects.prefetch_related("labels").in_bulk(ids)
    hits = [
        _hit(concepts[pk], language, shown, round(score, 2))
        for pk, (score, shown) in ranked
        if pk in concepts
    ]
    hits += [
        _hit(concepts[pk], language, "", round(score, 2), semantic=by_model)
        for pk, score, by_model in filled
        if pk in concepts
    ]
    return hits


def _hit(concept: Concept, language: str, matched: str, score: float, semantic=False):
    return SearchHit(
        concept_id=concept.id,
        uri=concept.uri,
        kind=concept.kind,
        label=concept.label(language),
        matched_label=matched,
        skill_type=concept.skill_type,
        kldb_code=concept.kldb_code,
        score=score,
        semantic=semantic,
    )


def essential_skills(occupation: Concept) -> list[Concept]:
    """The occupation's essential skills with their labels prefetched (two queries)."""
    return list(
        Concept.objects.filter(
            occupation_relations__occupation=occupation,
            occupation_relations__kind="essential",
        )
        .prefetch_related("labels")
        .order_by("skill_type", "uri")
    )
