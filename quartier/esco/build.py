"""Build the project's shipped ESCO data from the public reference files.

Inputs (a source directory, never read at run time):

- ``esco/occupations_de_v1.2.0.ttl``: ESCO occupations as SKOS Turtle with German
  labels; ``skos:exactMatch`` is the official URI, ``skos:broader`` leads to the
  ISCO group.
- ``esco/occupations_en.csv`` and ``esco/skills_en.csv``: ``id,description`` where
  the description runs the preferred label, the alternative labels and the
  definition together.
- ``kldb/kldb2010_v2020_gliederung_mit_erlaeuterung.csv``: KldB 2010 with the
  example job titles of each five-digit occupation.

Output: gzip'd CSV files in the official ESCO download format (plus one extra
column, ``kldbCode``) that `import_esco` reads like any other ESCO file. The
curated skills and occupations also get files in Arabic, Russian, Ukrainian,
Vietnamese and Kurmanji (``skills_ar.csv.gz``, ``occupations_ar.csv.gz``, …) from
the labels written for the project (`curated_labels`).
"""

import csv
import gzip
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from quartier.esco.curated import CURATED_SKILLS, ESSENTIAL_SKILLS
from quartier.esco.curated_labels import LANGUAGES, OCCUPATION_LABELS, SKILL_LABELS
from quartier.esco.models import normalise

DATA_DIR = Path(__file__).resolve().parent / "data"

OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
    "kldbCode",
]
SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]
RELATION_COLUMNS = ["occupationUri", "relationType", "skillType", "skillUri"]


@dataclass
class GermanOccupation:
    uri: str = ""
    preferred: str = ""
    alternative: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    definition: str = ""
    broader: str = ""
    isco_group: str = ""


@dataclass
class BuildReport:
    occupations: int = 0
    with_english: int = 0
    english_split: int = 0
    with_kldb: int = 0
    skills: int = 0
    relations: int = 0
    translated_skills: int = 0
    translated_occupations: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        def share(part: int) -> str:
            return f"{part} of {self.occupations} ({part / max(self.occupations, 1):.0%})"

        return [
            f"occupations: {self.occupations}",
            f"  with English labels: {share(self.with_english)}",
            f"  English preferred label separated from synonyms: {share(self.english_split)}",
            f"  linked to a KldB 2010 occupation: {share(self.with_kldb)}",
            f"curated skills: {self.skills}",
            f"essential occupation-skill relations: {self.relations}",
            f"labels in {', '.join(LANGUAGES)}: {self.translated_skills} skills, "
            f"{self.translated_occupations} occupations",
            *self.notes,
        ]


# -- German occupations from Turtle -------------------------------------------------

_SUBJECT = re.compile(r"^<([^>]+)> a skos:Concept ;$")
_LITERAL = re.compile(
    r'^\s+skos:(prefLabel|altLabel|hiddenLabel|definition) "((?:[^"\\]|\\.)*)"@de'
)
_LINK = re.compile(r"^\s+skos:(exactMatch|broader) <([^>]+)>")


def read_german_occupations(path: Path) -> list[GermanOccupation]:
    """Parse the (regular, line-oriented) Turtle file; return occupations with ISCO group."""
    nodes: dict[str, GermanOccupation] = {}
    current = None
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if match := _SUBJECT.match(line.rstrip()):
                current = nodes.setdefault(match[1], GermanOccupation())
            elif current is None:
                continue
            elif match := _LITERAL.match(line):
                text = match[2].replace('\\"', '"').replace("\\\\", "\\").strip()
                if match[1] == "prefLabel":
                    current.preferred = text
                elif match[1] == "altLabel":
                    current.alternative.append(text)
                elif match[1] == "hiddenLabel":
                    current.hidden.append(text)
                else:
                    current.definition = text
            elif match := _LINK.match(line):
                if match[1] == "exactMatch":
                    current.uri = match[2]
                else:
                    current.broader = match[2]
            elif not line.strip():
                current = None

    def isco_of(node: GermanOccupation, depth: int = 0) -> str:
        if "/isco/C" in node.uri:
            return node.uri.rsplit("/C", 1)[1]
        parent = nodes.get(node.broader)
        return isco_of(parent, depth + 1) if parent and depth < 10 else ""

    occupations = [node for node in nodes.values() if "/occupation/" in node.uri]
    for node in occupations:
        node.isco_group = isco_of(node)
        node.alternative = [a for a in dict.fromkeys(node.alternative) if a != node.preferred]
    return occupations


# -- English two-column files --------------------------------------------------------


def read_two_column(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: " ".join(row["description"].split()) for row in csv.DictReader(handle)}


def _singular_match(label_word: str, definition_word: str) -> bool:
    a, b = label_word.lower(), definition_word.lower().rstrip(",")
    return b in (a, a + "s", a + "es") or (a.endswith("y") and b == a[:-1] + "ies")


def split_english_occupation(text: str) -> tuple[str, str, str]:
    """Split "label synonyms… Definition." into (preferred, synonyms, definition).

    ESCO definitions of occupations usually start with the plural of the
    preferred label ("Bakers make…" after "baker"), so the definition starts at a
    capitalised word whose following words repeat the beginning of the text, and
    the preferred label is that repeated part. Returns ("", "", "") when the
    structure is not found; the caller then keeps the text unsplit.
    """
    words = text.split(" ")
    for start in range(1, len(words)):
        word = words[start]
        if not word[:1].isupper() or (word.isupper() and word != words[0]):
            continue
        length = 0
        while (
            length < start
            and start + length < len(words)
            and _singular_match(words[length], words[start + length])
        ):
            length += 1
        if length and (length == start or _plausible_label_end(words, length, start)):
            preferred = " ".join(words[:length])
            return preferred, " ".join(words[length:start]), " ".join(words[start:])
    return "", "", ""


def _plausible_label_end(words: list[str], length: int, start: int) -> bool:
    # "shop assistant shop worker … Shop assistants sell": the definition repeats the
    # label and continues with a verb, not with more label words
    return start + length < len(words) and words[start + length][:1].islower()


# -- KldB 2010 -----------------------------------------------------------------------

_JOB_TITLE = re.compile(r"(\d{5})-\d{3} (.+?)(?=\s{2}\d{5}-\d{3} |$)")


def gender_keys(title: str) -> set[str]:
    """Keys under which a German job title is matched, gender forms folded.

    "Koch/Köchin" and "Koch/-köchin" and "Knopfmacher/in" all give "koch"/"knopfmacher";
    parenthesised notes are dropped.
    """
    title = re.sub(r"\([^)]*\)", " ", title)
    keys = set()
    keys.add(normalise(re.sub(r"(\w+)/-?\w+", r"\1", title)))
    keys.add(normalise(title.split("/")[0]))
    keys.add(normalise(title))
    return {key for key in keys if len(key) > 2}


def read_kldb_titles(path: Path) -> dict[str, set[str]]:
    """Map each gender-folded example job title to the five-digit KldB codes naming it."""
    index: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter=";"):
            if len(row) < 3 or row[1] != "5":
                continue
            for cell in row[4:]:
                if "Zugeordnete Berufe" not in cell:
                    continue
                listing = cell.split(":", 1)[1].strip()
                for code, title in _JOB_TITLE.findall(listing):
                    for key in gender_keys(title.strip()):
                        index[key].add(code)
    return index


def kldb_for(occupation: GermanOccupation, index: dict[str, set[str]]) -> str:
    """The one KldB code whose example titles name this occupation, or "" if none/ambiguous.

    Tries the preferred label first, then the alternative labels; a match counts only if
    it points at exactly one five-digit code.
    """
    for labels in ([occupation.preferred], occupation.alternative):
        codes = set()
        for label in labels:
            for key in gender_keys(label):
                codes |= index.get(key, set())
        if len(codes) == 1:
            return codes.pop()
        if codes:
            return ""
    return ""


# -- writing -------------------------------------------------------------------------


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    # mtime=0 keeps the output byte-identical between builds
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))


def build(source: Path, target: Path = DATA_DIR) -> BuildReport:
    report = BuildReport()
    german = read_german_occupations(source / "esco" / "occupations_de_v1.2.0.ttl")
    english = read_two_column(source / "esco" / "occupations_en.csv")
    skills_en = read_two_column(source / "esco" / "skills_en.csv")
    kldb = read_kldb_titles(source / "kldb" / "kldb2010_v2020_gliederung_mit_erlaeuterung.csv")
    german.sort(key=lambda o: o.uri)
    rows_de, rows_en = [], []
    for occupation in german:
        code = kldb_for(occupation, kldb)
        report.with_kldb += bool(code)
        rows_de.append(
            {
                "conceptType": "Occupation",
                "conceptUri": occupation.uri,
                "iscoGroup": occupation.isco_group,
                "preferredLabel": occupation.preferred,
                "altLabels": "\n".join(occupation.alternative),
                "hiddenLabels": "\n".join(occupation.hidden),
                "status": "released",
                "definition": occupation.definition,
                "description": occupation.definition,
                "kldbCode": code,
            }
        )
        text = english.get(occupation.uri)
        if not text:
            continue
        report.with_english += 1
        preferred, synonyms, definition = split_english_occupation(text)
        if preferred:
            report.english_split += 1
            row = {"preferredLabel": preferred, "hiddenLabels": synonyms}
            row["definition"] = row["description"] = definition
        else:
            # structure not recognised: keep the whole text searchable, show no label
            row = {"hiddenLabels": text}
        rows_en.append({"conceptType": "Occupation", "conceptUri": occupation.uri, **row})
    report.occupations = len(german)

    skills_de_rows, skills_en_rows = [], []
    for skill in CURATED_SKILLS:
        description = skills_en.get(skill.uri)
        if description is None:
            raise ValueError(f"Curated skill {skill.uri} ({skill.en}) is not in skills_en.csv.")
        if not description.lower().startswith(skill.en.lower()):
            raise ValueError(f"{skill.en!r} is not the start of the ESCO text for {skill.uri}.")
        common = {"conceptType": "KnowledgeSkillCompetence", "conceptUri": skill.uri}
        common["skillType"] = skill.skill_type
        common["status"] = "released"
        skills_en_rows.append(
            {**common, "preferredLabel": skill.en, "altLabels": "\n".join(skill.en_synonyms)}
        )
        skills_de_rows.append(
            {**common, "preferredLabel": skill.de, "altLabels": "\n".join(skill.de_synonyms)}
        )
    report.skills = len(CURATED_SKILLS)

    by_key = {skill.key: skill for skill in CURATED_SKILLS}
    known = {o.uri for o in german}
    relations = []
    for occupation_uri, keys in ESSENTIAL_SKILLS.items():
        if occupation_uri not in known:
            raise ValueError(f"Occupation {occupation_uri} is not in the German ESCO file.")
        for key in keys:
            skill = by_key[key]
            relations.append(
                {
                    "occupationUri": occupation_uri,
                    "relationType": "essential",
                    "skillType": skill.skill_type,
                    "skillUri": skill.uri,
                }
            )
    report.relations = len(relations)

    target.mkdir(parents=True, exist_ok=True)
    _write(target / "occupations_de.csv.gz", OCCUPATION_COLUMNS, rows_de)
    _write(target / "occupations_en.csv.gz", OCCUPATION_COLUMNS, rows_en)
    _write(target / "skills_de.csv.gz", SKILL_COLUMNS, skills_de_rows)
    _write(target / "skills_en.csv.gz", SKILL_COLUMNS, skills_en_rows)
    _write(target / "occupationSkillRelations.csv.gz", RELATION_COLUMNS, relations)

    for uri in OCCUPATION_LABELS:
        if uri not in known:
            raise ValueError(f"Occupation {uri} is not in the German ESCO file.")
    for language in LANGUAGES:
        occupation_rows = [
            _translated_row("Occupation", uri, labels[language])
            for uri, labels in sorted(OCCUPATION_LABELS.items())
        ]
        skill_rows = [
            {
                **_translated_row(
                    "KnowledgeSkillCompetence", skill.uri, SKILL_LABELS[skill.key][language]
                ),
                "skillType": skill.skill_type,
            }
            for skill in CURATED_SKILLS
        ]
        _write(target / f"occupations_{language}.csv.gz", OCCUPATION_COLUMNS, occupation_rows)
        _write(target / f"skills_{language}.csv.gz", SKILL_COLUMNS, skill_rows)
    report.translated_skills = len(CURATED_SKILLS)
    report.translated_occupations = len(OCCUPATION_LABELS)
    return report


def _translated_row(concept_type: str, uri: str, labels: tuple[str, ...]) -> dict:
    preferred, *synonyms = labels
    return {
        "conceptType": concept_type,
        "conceptUri": uri,
        "preferredLabel": preferred,
        "altLabels": "\n".join(synonyms),
        "status": "released",
    }
