"""ESCO search, concepts and suggestions over the API, for the same staff roles as the pages."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.esco.access import ESCO_STAFF
from quartier.esco.models import Concept
from quartier.esco.search import essential_skills, search
from quartier.esco.suggest import suggest

router = Router(tags=["esco"])

LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
LANGUAGE = Field("de", pattern=LANGUAGE_PATTERN, description="Language of the labels.")


class HitOut(Schema):
    id: int = Field(alias="concept_id")
    uri: str
    kind: str
    label: str
    matched_label: str
    skill_type: str
    kldb_code: str
    score: float
    semantic: bool


class EssentialSkillOut(Schema):
    id: int
    uri: str
    label: str
    skill_type: str


class LabelOut(Schema):
    language: str
    kind: str
    text: str


class ConceptDetail(Schema):
    id: int
    uri: str
    kind: str
    label: str
    skill_type: str
    kldb_code: str
    isco_group: str
    labels: list[LabelOut]
    essential_skills: list[EssentialSkillOut]


class SuggestIn(Schema):
    text: str = Field(min_length=3, max_length=3000)
    language: str = LANGUAGE
    limit: int = Field(5, ge=1, le=20)


class SuggestionOut(Schema):
    id: int = Field(alias="concept_id")
    uri: str
    kind: str
    label: str
    skill_type: str
    kldb_code: str
    score: float


class SuggestOut(Schema):
    occupations: list[SuggestionOut]
    skills: list[SuggestionOut]


# Not paginated: a ranked search, at most ``limit`` (50) hits.
@router.get(
    "/search", response={200: list[HitOut], **errors(401, 403, 422)}, auth=TokenAccess(ESCO_STAFF)
)
def search_concepts(
    request,
    q: str = Query(..., min_length=1, max_length=200),
    lang: str = Query("de", pattern=LANGUAGE_PATTERN),
    kind: Concept.Kind | None = None,
    limit: int = Query(10, ge=1, le=50),
):
    """Occupations and skills by label or synonym, best first."""
    return search(q, lang, kind=kind, limit=limit)


@router.get(
    "/concepts/{concept_id}",
    response={200: ConceptDetail, **errors(401, 403, 404, 422)},
    auth=TokenAccess(ESCO_STAFF),
)
def concept_detail(request, concept_id: int, lang: str = Query("de", pattern=LANGUAGE_PATTERN)):
    """One concept with all its labels and, for an occupation, its essential skills."""
    concept = get_object_or_404(Concept.objects.prefetch_related("labels"), pk=concept_id)
    return {
        "id": concept.pk,
        "uri": concept.uri,
        "kind": concept.kind,
        "label": concept.label(lang),
        "skill_type": concept.skill_type,
        "kldb_code": concept.kldb_code,
        "isco_group": concept.isco_group,
        "labels": sorted(concept.labels.all(), key=lambda i: (i.language, i.kind, i.text)),
        "essential_skills": [
            {"id": s.pk, "uri": s.uri, "label": s.label(lang), "skill_type": s.skill_type}
            for s in essential_skills(concept)
        ],
    }


@router.post(
    "/suggest",
    response={200: SuggestOut, **errors(400, 401, 403, 422)},
    auth=TokenAccess(ESCO_STAFF),
)
def suggest_concepts(request, payload: SuggestIn):
    """Occupations and skills for a free-text description in any language."""
    occupations, skills = suggest(payload.text, payload.language, payload.limit)
    return {"occupations": occupations, "skills": skills}
