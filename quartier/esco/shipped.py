"""Load the project's own ESCO data (built by `quartier esco-build-data`) into the database."""

import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from quartier.database import analyse
from quartier.esco.build import DATA_DIR
from quartier.esco.curated import CURATED_SKILLS, ESSENTIAL_SKILLS
from quartier.esco.curated_labels import LANGUAGES
from quartier.esco.importer import ImportResult, Progress, import_files
from quartier.esco.models import Concept, Embedding
from quartier.esco.suggest import import_vectors

SHIPPED_FILES = [
    "occupations_de.csv.gz",
    "occupations_en.csv.gz",
    "skills_de.csv.gz",
    "skills_en.csv.gz",
    # the curated concepts' labels written for the project (`curated_labels`)
    *(f"{kind}_{language}.csv.gz" for language in LANGUAGES for kind in ("occupations", "skills")),
    "occupationSkillRelations.csv.gz",
]


VECTORS = DATA_DIR / "vectors.npz"


@dataclass
class LoadResult:
    imported: ImportResult
    vectors: int
    seconds: float


def shipped_paths(directory: Path = DATA_DIR) -> list[Path]:
    return [directory / name for name in SHIPPED_FILES]


def load_shipped(progress: Progress | None = None) -> LoadResult:
    """Import the shipped files and flag the curated concepts; idempotent."""
    started = time.perf_counter()
    with transaction.atomic():
        imported = import_files(shipped_paths(), progress=progress)
        curated = [skill.uri for skill in CURATED_SKILLS] + list(ESSENTIAL_SKILLS)
        Concept.objects.filter(uri__in=curated, curated=False).update(curated=True)
        vectors = import_vectors(VECTORS) if VECTORS.exists() else 0
        analyse(Concept, Embedding)
    return LoadResult(imported, vectors, time.perf_counter() - started)
