"""An in-memory index of every ESCO label in every language, for suggestions from text.

Why: the embedding model knows German and English well but ranked the right
occupation among the first five for only half of a test set of everyday
descriptions (an Arabic or Kurmanji one hardly ever), while the shipped data holds
labels in all seven languages of the app. This index matches the words of a
description against all of them, whichever language the user chose: people mix
languages ("Ich war Koch", "كاشير في سوبرماركت"), and a label in one language is
no help to a query in another.

- **Folding** per script (`fold`): case, German umlauts, Latin accents (Vietnamese
  tone marks folded too, unless `keep_vietnamese_marks`: measured in
  `bench/esco_suggest.py`), Arabic letter variants, vowel marks, tatweel and the
  article "ال", Cyrillic "ё", apostrophes inside words.
- **Matching** a word of the text to a word of a label: the same word, or the same
  beginning (at least four letters, and at least half of the longer word), which
  covers inflection and plurals ("поваром" – "повар", "طباخين" – "طباخ",
  "Köchinnen" – "Köchin") and the first part of a compound ("Küche" –
  "Küchenhilfe"); failing that, one typo (rapidfuzz). Arabic words are also tried
  without a leading و, ب, ك, ل or ف ("كطباخ" – "طباخ").
- **Weighting**: a label word weighs its inverse document frequency among the labels
  of its own language (normalised to 0–1, so that a language with few labels is not
  favoured); a label scores the weight of its matched words times the square root of
  the share of its weight that was matched (a fully matched short label beats a long
  one with one common word); a concept scores its best label plus a third of its
  second best. An occupation also gains from its essential skills that the text
  mentions (`SKILL_SHARE`).

Built once per process from the `Label` table (about a second for 30 000 labels)
and rebuilt when the labels change; no model, no network.
"""

import math
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from quartier.esco.models import normalise

MIN_PREFIX = 4  # letters two words must share at the start to match by their beginning
MIN_SIMILARITY = 0.5  # shared beginning / length of the longer word
TYPO_SCORE = 85  # rapidfuzz ratio for a word one typo away
TYPO_WEIGHT = 0.7
SECOND_LABEL = 1 / 3
SKILL_SHARE = 0.5

_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_CLITICS = "وبكلف"
_APOSTROPHES = "'’ʼ`"

# Function words and the words every description of work has ("I worked as …");
# they match labels only by chance.
_STOP_TEXT = """
    ich du er sie es wir ihr habe hat hatte haben bin ist war waren als in im am an auf
    aus bei mit und oder der die das den dem des ein eine einer einem einen fuer von
    vom zu zum zur nach mein meine meinen meiner jahre jahren jahr lang auch sehr gern
    gearbeitet arbeite arbeitet gesucht suchen suche wir
    i me my we our you he she it is was were am are be been have has had as at in on of
    for to and or the a an with from by years year worked work working looking job
    я ты он она мы вы они и в во на с со по за из у к о об как для это был была были
    лет год года работал работала работали работаю работа
    я ти він вона ми ви вони і й та в у на з із за до про як для це був була були років
    рік працювала працював працюю працювали робота шукаємо маю
    toi anh chi em o va cua cho la nam tai voi trong nhung cac mot
    و في من على عن مع انا كنت عملت اعمل لمدة سنوات سنه عند عندي
    min ez tu em li ji bo wek û u de me im bûm bû heye xebitî xebitîm kar
"""


def fold(text: str, keep_vietnamese_marks: bool = False) -> str:
    """The searchable form of a text (see the module docstring)."""
    if keep_vietnamese_marks:
        # Vietnamese letters keep their marks; everything else is folded as usual
        return " ".join(
            word if _is_vietnamese(word) else normalise(word)
            for word in unicodedata.normalize("NFC", text).casefold().split()
        )
    return normalise(text)


_VIETNAMESE = set("ăâđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def _is_vietnamese(word: str) -> bool:
    return any(char in _VIETNAMESE for char in word)


def tokens(text: str, keep_vietnamese_marks: bool = False) -> list[str]:
    """The words of a text, folded, with Arabic letter variants and articles unified."""
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    folded = fold(text, keep_vietnamese_marks).replace("ё", "е")
    words = []
    for word in re.findall(r"\w+", folded):
        if _is_arabic(word):
            word = word.replace("ة", "ه").replace("ى", "ي")
            for article in _ARABIC_ARTICLES:
                if word.startswith(article) and len(word) - len(article) >= 3:
                    word = word[len(article) :]
                    break
        words.append(word)
    return words


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


STOP_WORDS = frozenset(tokens(_STOP_TEXT))  # folded like the words they are compared with


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass
class Scored:
    concept_id: int
    kind: str
    score: float


@dataclass
class LabelIndex:
    """Labels as word lists with their weights, and the vocabulary to look words up in."""

    keep_vietnamese_marks: bool = False
    concept_ids: list = field(default_factory=list)  # per concept index
    kinds: list = field(default_factory=list)
    label_concept: list = field(default_factory=list)  # per label: concept index
    label_total: list = field(default_factory=list)  # per label: sum of its word weights
    postings: dict = field(default_factory=dict)  # word -> [(label, weight)]
    by_start: dict = field(default_factory=dict)  # first three letters -> words
    by_first: dict = field(default_factory=dict)  # first letter -> words (typos)
    essential: dict = field(default_factory=dict)  # occupation index -> [skill index]

    @classmethod
    def build(cls, labels, relations, keep_vietnamese_marks: bool = False) -> "LabelIndex":
        """`labels`: (concept id, kind, language, text); `relations`: (occupation id, skill id)."""
        index = cls(keep_vietnamese_marks=keep_vietnamese_marks)
        position: dict[int, int] = {}
        words_of: list[tuple[str, list[str]]] = []
        documents: dict[str, int] = defaultdict(int)  # labels per language
        frequency: dict[tuple[str, str], int] = defaultdict(int)
        seen: set[tuple[int, str]] = set()
        for concept_id, kind, language, text in labels:
            words = list(dict.fromkeys(tokens(text, keep_vietnamese_marks)))
            if not words or (concept_id, " ".join(words)) in seen:
                continue  # the same words as another label of the concept
            seen.add((concept_id, " ".join(words)))
            if concept_id not in position:
                position[concept_id] = len(index.concept_ids)
                index.concept_ids.append(concept_id)
                index.kinds.append(kind)
            index.label_concept.append(position[concept_id])
            words_of.append((language, words))
            documents[language] += 1
            for word in words:
                frequency[language, word] += 1
        postings: dict[str, list] = defaultdict(list)
        for label, (language, words) in enumerate(words_of):
            n = documents[language]
            total = 0.0
            for word in words:
                df = frequency[language, word]
                weight = math.log(1 + (n - df + 0.5) / (df + 0.5)) / math.log(1 + (n + 0.5) / 0.5)
                postings[word].append((label, weight))
                total += weight
            index.label_total.append(total)
        index.postings = dict(postings)
        for word in index.postings:
            index.by_start.setdefault(word[:3], []).append(word)
            index.by_first.setdefault(word[:1], []).append(word)
        for occupation_id, skill_id in relations:
            if occupation_id in position and skill_id in position:
                index.essential.setdefault(position[occupation_id], []).append(position[skill_id])
        index._matches = lru_cache(maxsize=20000)(index._find)
        return index

    def _find(self, word: str) -> tuple[tuple[str, float], ...]:
        """Label words matching one word of the text, with their similarity (0–1]."""
        found: dict[str, float] = {}
        variants = [word]
        if _is_arabic(word) and word[0] in _ARABIC_CLITICS and len(word) >= 5:
            variants.append(word[1:])
        for variant in variants:
            penalty = 1.0 if variant == word else 0.9
            if variant in self.postings:
                found[variant] = max(found.get(variant, 0.0), penalty)
            if len(variant) < MIN_PREFIX:
                continue
            for candidate in self.by_start.get(variant[:3], ()):
                shared = _shared_start(variant, candidate)
                if shared < MIN_PREFIX:
                    continue
                similarity = penalty * shared / max(len(variant), len(candidate))
                if similarity >= MIN_SIMILARITY and similarity > found.get(candidate, 0.0):
                    found[candidate] = similarity
        if len(word) >= 5 and max(found.values(), default=0.0) < TYPO_WEIGHT:
            for candidate, ratio, _i in process.extract(
                word,
                self.by_first.get(word[:1], ()),
                scorer=fuzz.ratio,
                score_cutoff=TYPO_SCORE,
                limit=5,
            ):
                similarity = TYPO_WEIGHT * ratio / 100
                if similarity > found.get(candidate, 0.0):
                    found[candidate] = similarity
        return tuple(found.items())

    def rank(self, text: str) -> dict[int, float]:
        """Concept index -> score for a text; concepts that match nothing are left out."""
        words = [
            w
            for w in dict.fromkeys(tokens(text, self.keep_vietnamese_marks))
            if w not in STOP_WORDS and not w.isdigit()
        ]
        if self.keep_vietnamese_marks:
            # a word typed with marks also looks for the folded labels of other languages
            words += [
                w for w in dict.fromkeys(normalise(" ".join(words)).split()) if w not in words
            ]
        matched: dict[int, dict[str, float]] = defaultdict(dict)  # label -> word -> weight
        for word in words:
            for candidate, similarity in self._matches(word):
                for label, weight in self.postings[candidate]:
                    best = matched[label]
                    if weight * similarity > best.get(candidate, 0.0):
                        best[candidate] = weight * similarity
        per_concept: dict[int, list[float]] = defaultdict(list)
        for label, found in matched.items():
            got = sum(found.values())
            total = self.label_total[label] or 1.0
            per_concept[self.label_concept[label]].append(got * math.sqrt(min(got / total, 1.0)))
        scores = {}
        for concept, values in per_concept.items():
            values.sort(reverse=True)
            scores[concept] = values[0] + SECOND_LABEL * (values[1] if len(values) > 1 else 0.0)
        if SKILL_SHARE:
            for occupation, skills in self.essential.items():
                gained = sum(scores.get(skill, 0.0) for skill in skills)
                if gained:
                    bonus = SKILL_SHARE * gained / math.sqrt(len(skills))
                    scores[occupation] = scores.get(occupation, 0.0) + bonus
        return scores

    def top(self, text: str, kinds=(None,), limit: int = 10) -> list[list[Scored]]:
        """For each kind (None: both), the best `limit` concepts, best first."""
        scores = self.rank(text)
        rankings = []
        for kind in kinds:
            chosen = [
                (score, concept)
                for concept, score in scores.items()
                if score > 0 and (kind is None or self.kinds[concept] == kind)
            ]
            chosen.sort(key=lambda item: (-item[0], self.concept_ids[item[1]]))
            rankings.append(
                [
                    Scored(self.concept_ids[concept], self.kinds[concept], score)
                    for score, concept in chosen[:limit]
                ]
            )
        return rankings

    def essential_skills(self, occupation_ids: list[int]) -> list[int]:
        """The essential skills of these occupations, in their order, each once."""
        position = {concept_id: i for i, concept_id in enumerate(self.concept_ids)}
        found: dict[int, None] = {}
        for occupation_id in occupation_ids:
            for skill in self.essential.get(position.get(occupation_id, -1), ()):
                found.setdefault(self.concept_ids[skill])
        return list(found)


_lock = threading.Lock()
_cache: dict = {}


def label_index(keep_vietnamese_marks: bool = False) -> LabelIndex:
    """The index of the labels in the database, built once per process.

    One query to notice a reload (count and highest id of the labels), two more to
    build it.
    """
    from django.db.models import Count, Max

    from quartier.esco.models import Label, Relation

    fingerprint = Label.objects.aggregate(n=Count("id"), last=Max("id"))
    key = (fingerprint["n"], fingerprint["last"], keep_vietnamese_marks)
    with _lock:
        if key not in _cache:
            labels = Label.objects.exclude(kind=Label.Kind.HIDDEN).values_list(
                "concept_id", "concept__kind", "language", "text"
            )
            relations = Relation.objects.filter(kind=Relation.Kind.ESSENTIAL).values_list(
                "occupation_id", "skill_id"
            )
            _cache.clear()
            _cache[key] = LabelIndex.build(
                labels.order_by("concept_id", "id"), list(relations), keep_vietnamese_marks
            )
        return _cache[key]
