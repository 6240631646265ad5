"""Import the official ESCO CSV download format.

Three kinds of file, told apart by their header:

- occupations (``occupations_xx.csv``): ``conceptUri``, ``preferredLabel``,
  ``altLabels``, ``hiddenLabels``, ``iscoGroup``, ``code``, ``definition``, …
- skills (``skills_xx.csv``): the same label columns plus ``skillType``, ``reuseLevel``
- relations (``occupationSkillRelations_xx.csv``): ``occupationUri``,
  ``relationType`` (essential/optional), ``skillType``, ``skillUri``

Labels come in one language per file (from ``--language`` or the file name);
several language files are merged by concept URI. Alternative and hidden labels
are newline-separated. Files may be gzip'd. An extra ``kldbCode`` column, which
the project's own data files carry, is read when present.

Everything is read and checked first; the database is then written in one
transaction, so a broken file changes nothing. Re-importing replaces a concept's
labels in the imported languages and never duplicates anything.
"""

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from quartier.database import analyse
from quartier.esco.models import Concept, Label, Relation, normalise

OCCUPATION_HEADER = {"conceptUri", "preferredLabel", "iscoGroup"}
SKILL_HEADER = {"conceptUri", "preferredLabel", "skillType"}
RELATION_HEADER = {"occupationUri", "relationType", "skillUri"}
SKILL_TYPES = {"skill/competence", "knowledge", ""}
_LANGUAGE_IN_NAME = re.compile(r"_([a-z]{2,3})\.csv(\.gz)?$")
BATCH = 2000

Progress = Callable[[str, int, int], None]


class EscoImportError(Exception):
    """A file is not in the ESCO format or has a bad line; nothing was written."""


@dataclass
class ConceptData:
    kind: str
    skill_type: str = ""
    reuse_level: str = ""
    isco_group: str = ""
    kldb_code: str = ""
    definitions: dict[str, str] = field(default_factory=dict)
    # language -> [(kind, text)]
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


@dataclass
class ImportResult:
    concepts_created: int = 0
    concepts_updated: int = 0
    labels: int = 0
    relations_created: int = 0
    relations_updated: int = 0
    languages: set[str] = field(default_factory=set)


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def language_of(path: Path, language: str | None) -> str:
    if language:
        return language
    if match := _LANGUAGE_IN_NAME.search(path.name):
        return match[1]
    raise EscoImportError(
        _("%(file)s: cannot tell the language from the file name; give --language.")
        % {"file": path.name}
    )


def _split_labels(cell: str) -> list[str]:
    return [line.strip() for line in (cell or "").splitlines() if line.strip()]


def read_files(
    paths: Iterable[Path], language: str | None = None
) -> tuple[dict[str, ConceptData], list[tuple[str, str, str, int, str]]]:
    """Read and check all files; return concepts by URI and relations.

    Relations are (occupation URI, skill URI, relation type, line, file name).
    """
    concepts: dict[str, ConceptData] = {}
    relations: list[tuple[str, str, str, int, str]] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise EscoImportError(_("%(file)s: no such file.") % {"file": path})
        with _open_text(path) as handle:
            reader = csv.DictReader(handle)
            header = set(reader.fieldnames or [])
            if header >= RELATION_HEADER:
                for row in reader:
                    relations.append(_relation_row(row, path.name, reader.line_num))
                continue
            if header >= OCCUPATION_HEADER:
                kind = Concept.Kind.OCCUPATION
            elif header >= SKILL_HEADER:
                kind = Concept.Kind.SKILL
            else:
                raise EscoImportError(
                    _(
                        "%(file)s: not an ESCO occupations, skills or relations file "
                        "(the header has none of their columns)."
                    )
                    % {"file": path.name}
                )
            lang = language_of(path, language)
            for row in reader:
                _concept_row(concepts, row, kind, lang, path.name, reader.line_num)
    return concepts, relations


def _concept_row(concepts, row, kind, language, name, line):
    uri = (row.get("conceptUri") or "").strip()
    where = {"file": name, "line": line}
    if not uri.startswith("http"):
        raise EscoImportError(_("%(file)s, line %(line)s: conceptUri is missing.") % where)
    preferred = (row.get("preferredLabel") or "").strip()
    alternative = _split_labels(row.get("altLabels"))
    hidden = _split_labels(row.get("hiddenLabels"))
    if not (preferred or alternative or hidden):
        raise EscoImportError(_("%(file)s, line %(line)s: the concept has no label.") % where)
    skill_type = (row.get("skillType") or "").strip()
    if skill_type not in SKILL_TYPES:
        raise EscoImportError(
            _("%(file)s, line %(line)s: unknown skillType “%(value)s”.")
            % {**where, "value": skill_type}
        )
    data = concepts.get(uri)
    if data is None:
        data = concepts[uri] = ConceptData(kind=kind)
    elif data.kind != kind:
        raise EscoImportError(
            _("%(file)s, line %(line)s: %(uri)s is both an occupation and a skill.")
            % {**where, "uri": uri}
        )
    data.skill_type = skill_type or data.skill_type
    data.reuse_level = (row.get("reuseLevel") or "").strip() or data.reuse_level
    data.isco_group = (row.get("iscoGroup") or "").strip() or data.isco_group
    data.kldb_code = (row.get("kldbCode") or "").strip() or data.kldb_code
    definition = (row.get("definition") or row.get("description") or "").strip()
    if definition:
        data.definitions[language] = definition
    labels = data.labels.setdefault(language, [])
    if preferred:
        labels.append((Label.Kind.PREFERRED, preferred))
    labels += [(Label.Kind.ALTERNATIVE, text) for text in alternative]
    labels += [(Label.Kind.HIDDEN, text) for text in hidden]


def _relation_row(row, name, line):
    occupation = (row.get("occupationUri") or "").strip()
    skill = (row.get("skillUri") or "").strip()
    kind = (row.get("relationType") or "").strip().lower()
    where = {"file": name, "line": line}
    if not (occupation.startswith("http") and skill.startswith("http")):
        raise EscoImportError(
            _("%(file)s, line %(line)s: occupationUri or skillUri is missing.") % where
        )
    if kind not in Relation.Kind.values:
        raise EscoImportError(
            _(
                "%(file)s, line %(line)s: relationType must be essential or optional, "
                "not “%(value)s”."
            )
            % {**where, "value": kind}
        )
    return occupation, skill, kind, line, name


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def import_files(
    paths: Iterable[Path], language: str | None = None, progress: Progress | None = None
) -> ImportResult:
    """Read, check and import ESCO files in one transaction; return what changed."""
    progress = progress or (lambda stage, done, total: None)
    concepts, relations = read_files(paths, language)
    result = ImportResult()
    with transaction.atomic():
        existing = {}
        uris = list(concepts)
        for chunk in _chunks(uris):
            existing.update({c.uri: c for c in Concept.objects.filter(uri__in=chunk)})
        new, changed = [], []
        fields = ["kind", "skill_type", "reuse_level", "isco_group", "kldb_code", "definitions"]
        for index, uri in enumerate(uris):
            if index % 500 == 0:
                progress(_("concepts"), index, len(uris))
            data = concepts[uri]
            concept = existing.get(uri)
            if concept is None:
                new.append(
                    Concept(
                        uri=uri,
                        kind=data.kind,
                        skill_type=data.skill_type,
                        reuse_level=data.reuse_level,
                        isco_group=data.isco_group,
                        kldb_code=data.kldb_code,
                        definitions=data.definitions,
                    )
                )
                continue
            before = [getattr(concept, name) for name in fields]
            concept.kind = data.kind
            concept.skill_type = data.skill_type or concept.skill_type
            concept.reuse_level = data.reuse_level or concept.reuse_level
            concept.isco_group = data.isco_group or concept.isco_group
            concept.kldb_code = data.kldb_code or concept.kldb_code
            concept.definitions = {**concept.definitions, **data.definitions}
            if before != [getattr(concept, name) for name in fields]:
                changed.append(concept)
        Concept.objects.bulk_create(new, batch_size=BATCH)
        Concept.objects.bulk_update(changed, fields, batch_size=BATCH)
        result.concepts_created, result.concepts_updated = len(new), len(changed)
        progress(_("concepts"), len(uris), len(uris))
        ids: dict[str, int] = {}
        for chunk in _chunks(uris):
            ids.update(Concept.objects.filter(uri__in=chunk).values_list("uri", "id"))

        # labels: replace each concept's labels in the imported languages
        languages = {lang for data in concepts.values() for lang in data.labels}
        result.languages = languages
        for lang in sorted(languages):
            with_labels = [ids[uri] for uri, data in concepts.items() if lang in data.labels]
            for chunk in _chunks(with_labels):
                Label.objects.filter(concept_id__in=chunk, language=lang).delete()
        labels = []
        for uri, data in concepts.items():
            for lang, items in data.labels.items():
                for kind, text in dict.fromkeys(items):
                    labels.append(
                        Label(
                            concept_id=ids[uri],
                            language=lang,
                            kind=kind,
                            text=text[:500],
                            normalised=normalise(text)[:500],
                        )
                    )
        for done, chunk in enumerate(_chunks(labels)):
            Label.objects.bulk_create(chunk)
            progress(_("labels"), done * BATCH + len(chunk), len(labels))
        result.labels = len(labels)

        _import_relations(relations, ids, result, progress)
        analyse(Concept, Label, Relation)
    return result


def _import_relations(relations, ids, result, progress):
    if not relations:
        return
    uris = {r[0] for r in relations} | {r[1] for r in relations}
    missing = sorted(uris - set(ids))
    for chunk in _chunks(missing):
        ids.update(Concept.objects.filter(uri__in=chunk).values_list("uri", "id"))
    for occupation, skill, _kind, line, name in relations:
        for uri in (occupation, skill):
            if uri not in ids:
                raise EscoImportError(
                    _("%(file)s, line %(line)s: %(uri)s is neither imported nor known.")
                    % {"file": name, "line": line, "uri": uri}
                )
    wanted = {(ids[o], ids[s]): kind for o, s, kind, _line, _name in relations}
    occupation_ids = sorted({pair[0] for pair in wanted})
    existing: dict[tuple[int, int], Relation] = {}
    for chunk in _chunks(occupation_ids):
        for stored in Relation.objects.filter(occupation_id__in=chunk):
            existing[(stored.occupation_id, stored.skill_id)] = stored
    new: list[Relation] = []
    changed: list[Relation] = []
    for (occupation_id, skill_id), kind in wanted.items():
        relation = existing.get((occupation_id, skill_id))
        if relation is None:
            new.append(Relation(occupation_id=occupation_id, skill_id=skill_id, kind=kind))
        elif relation.kind != kind:
            relation.kind = kind
            changed.append(relation)
    Relation.objects.bulk_create(new, batch_size=BATCH)
    Relation.objects.bulk_update(changed, ["kind"], batch_size=BATCH)
    result.relations_created, result.relations_updated = len(new), len(changed)
    progress(_("relations"), len(wanted), len(wanted))
