"""ESCO skills and occupations on a profile: adding them by search, from an occupation, or
from suggestions for a description in the person's own words.

The taxonomy lives in ``quartier.esco``; this module only reads it.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.competences.profile.models import EvidenceLevel, ProfileSkill, SkillLevel, SkillSource
from quartier.competences.profile.services import (
    bump,
    change_part,
    ensure_profile,
    remove_part,
    require,
)
from quartier.esco import search as esco_search
from quartier.esco import suggest as esco_suggest
from quartier.esco.models import Concept, Relation
from quartier.people.models import Participant


def add_skills(
    participant: Participant,
    by,
    concepts: list[Concept],
    source: str = SkillSource.COUNSELLOR,
    level: str = "",
    evidence_level: str = EvidenceLevel.SELF_DECLARED,
) -> list[ProfileSkill]:
    """Add the concepts the profile does not have yet, in one go; returns the new ones.

    One audit entry and one version step for the whole batch.
    """
    require(source in SkillSource.values, "source", _("Unknown source."))
    require(not level or level in SkillLevel.values, "level", _("Unknown level."))
    require(evidence_level in EvidenceLevel.values, "evidence_level", _("Unknown evidence."))
    require(bool(concepts), "concepts", _("Choose at least one skill or occupation."))
    with transaction.atomic():
        profile = ensure_profile(participant, by)
        have = set(
            ProfileSkill.objects.with_scopes_disabled()
            .filter(profile=profile)
            .values_list("concept_id", flat=True)
        )
        new = []
        for concept in concepts:
            if concept.pk in have:
                continue
            have.add(concept.pk)
            new.append(
                ProfileSkill(
                    profile=profile,
                    concept=concept,
                    source=source,
                    level=level,
                    evidence_level=evidence_level,
                    created_by=by,
                )
            )
        if not new:
            return []
        ProfileSkill.objects.with_scopes_disabled().bulk_create(new)
        bump(profile)
        log_action(
            "competences.skill.added",
            actor=by,
            subject=profile,
            data={"concepts": [skill.concept.uri for skill in new], "source": source},
        )
    return new


def change_skill(skill: ProfileSkill, by, **fields) -> ProfileSkill:
    unknown = set(fields) - {"level", "evidence_level"}
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    return change_part(skill, by, "competences.skill.changed", fields)


def remove_skill(skill: ProfileSkill, by) -> None:
    remove_part(skill, by, "competences.skill.removed")


def essential_skills(occupation: Concept) -> list[Concept]:
    """The occupation's essential skills with their labels. Two queries."""
    return list(
        Concept.objects.filter(
            occupation_relations__occupation=occupation,
            occupation_relations__kind=Relation.Kind.ESSENTIAL,
        )
        .prefetch_related("labels")
        .order_by("uri")
    )


def _concepts(hits) -> list[Concept]:
    """Search and suggestion results as concepts with their labels, in the results' order.

    The taxonomy's functions may return concepts, objects with a ``concept`` or with a
    ``concept_id``, or a tuple of such lists (occupations, skills); all are accepted.
    """
    if isinstance(hits, tuple):
        hits = [hit for part in hits for hit in part]
    ids = []
    for hit in hits:
        if isinstance(hit, Concept):
            ids.append(hit.pk)
        elif getattr(hit, "concept", None) is not None:
            ids.append(hit.concept.pk)
        else:
            ids.append(hit.concept_id)
    return concepts_by_id(list(dict.fromkeys(ids)))


def search_concepts(query: str, language: str, kind: str | None = None, limit: int = 20):
    """Skills or occupations whose label or synonym matches, ranked (see quartier.esco)."""
    if not query.strip():
        return []
    return _concepts(esco_search.search(query, language, kind=kind, limit=limit))


def suggest_concepts(text: str, language: str, limit: int = 8):
    """Occupations, then skills, for a description written in any language (see quartier.esco)."""
    if not text.strip():
        return []
    return _concepts(esco_suggest.suggest(text, language, limit=limit))


def concepts_by_id(ids: list[int], kind: str | None = None) -> list[Concept]:
    """The concepts with these ids, in that order; unknown ids are left out. Two queries."""
    concepts = Concept.objects.filter(pk__in=ids).prefetch_related("labels")
    if kind:
        concepts = concepts.filter(kind=kind)
    by_id = {concept.pk: concept for concept in concepts}
    return [by_id[pk] for pk in ids if pk in by_id]
