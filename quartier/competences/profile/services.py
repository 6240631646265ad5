"""The competence profile: who may see and change it, creating it, and the shared write path.

A profile is read by the counsellors and project leads of the organisation that
holds the person, and changed by its counsellors. Everyone else gets a 404 (or
a 403 for the wrong role), so another organisation cannot tell that the person
exists. Permission checks belong to the callers (views, API); the services here
and in the modules for each part (``qualifications.py``, ``languages.py``,
``experience.py``, ``skills.py``, ``informal.py``) validate, write in a
transaction, audit, and bump ``CompetenceProfile.version`` on every change.
``with_parts`` loads whole profiles for the passport and the employer view.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.access import roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Role
from quartier.competences.profile.models import (
    Cefr,
    CompetenceProfile,
    Experience,
    InformalCompetence,
    LanguageSkill,
    ProfileSkill,
    Qualification,
)
from quartier.esco.models import Concept, Label
from quartier.people.models import Participant

PROFILE_READ = roles(Role.COUNSELLOR, Role.PROJECT_LEAD)
# Changing a profile, and issuing its passport.
PROFILE_WRITE = roles(Role.COUNSELLOR)


def get_participant(user, code, write: bool = False) -> Participant:
    """The person with public id ``code`` if the user may see (or change) their profile; else 404.

    One query; the person's profile comes with it (``competence_profile``) when it exists.
    """
    organisations = (PROFILE_WRITE if write else PROFILE_READ).organisations(user)
    participant = (
        Participant.objects.with_scopes_disabled()
        .filter(organisation_id__in=organisations, anonymised_at=None, public_id=code)
        .select_related("competence_profile", "organisation")
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def existing_profile(participant: Participant) -> CompetenceProfile | None:
    try:
        return participant.competence_profile
    except CompetenceProfile.DoesNotExist:
        return None


def ensure_profile(participant: Participant, by) -> CompetenceProfile:
    """The person's profile, created (and audited) on the first write to it."""
    profile = existing_profile(participant)
    if profile is not None:
        return profile
    with transaction.atomic():
        profile, created = CompetenceProfile.objects.with_scopes_disabled().get_or_create(
            participant=participant,
            defaults={"organisation_id": participant.organisation_id, "created_by": by},
        )
        if created:
            log_action("competences.profile.created", actor=by, subject=profile)
    participant.competence_profile = profile
    return profile


def bump(profile: CompetenceProfile) -> None:
    """Count one more change to the profile (the passport's cache key), and copy the
    parts that matching selects by onto it (``matching_fields``). Six queries."""
    now = timezone.now()
    fields = matching_fields([profile.pk])[profile.pk]
    CompetenceProfile.objects.with_scopes_disabled().filter(pk=profile.pk).update(
        version=F("version") + 1, changed_at=now, **fields
    )
    profile.version += 1
    profile.changed_at = now
    for name, value in fields.items():
        setattr(profile, name, value)


# CEFR levels as steps (a native speaker above C2), as matching counts the gap.
CEFR_STEPS = {level: step for step, level in enumerate(Cefr.values, start=1)}


def language_step(understanding: str, speaking: str) -> int:
    """The lower of the two levels as a CEFR step; 0 when neither is given."""
    steps = [CEFR_STEPS[level] for level in (understanding, speaking) if level in CEFR_STEPS]
    return min(steps) if steps else 0


def matching_fields(profile_ids: list[int]) -> dict[int, dict[str, Any]]:
    """What ``CompetenceProfile.skill_ids``, ``occupation_ids`` and ``language_steps``
    must hold for each profile, computed from its parts. Five queries, whatever the count.
    """
    skills: dict[int, set[int]] = {pk: set() for pk in profile_ids}
    occupations: dict[int, set[int]] = {pk: set() for pk in profile_ids}
    languages: dict[int, dict[str, int]] = {pk: {} for pk in profile_ids}
    for profile_id, concept_id, kind in (
        ProfileSkill.objects.with_scopes_disabled()
        .filter(profile_id__in=profile_ids)
        .values_list("profile_id", "concept_id", "concept__kind")
    ):
        (occupations if kind == Concept.Kind.OCCUPATION else skills)[profile_id].add(concept_id)
    for profile_id, concept_id in InformalCompetence.skills.through.objects.filter(
        informalcompetence__profile_id__in=profile_ids
    ).values_list("informalcompetence__profile_id", "concept_id"):
        skills[profile_id].add(concept_id)
    for profile_id, concept_id in (
        Experience.objects.with_scopes_disabled()
        .filter(profile_id__in=profile_ids, occupation__isnull=False)
        .values_list("profile_id", "occupation_id")
    ):
        occupations[profile_id].add(concept_id)
    for profile_id, concept_id in (
        Qualification.objects.with_scopes_disabled()
        .filter(profile_id__in=profile_ids, reference_occupation__isnull=False)
        .values_list("profile_id", "reference_occupation_id")
    ):
        occupations[profile_id].add(concept_id)
    for profile_id, code, understanding, speaking in (
        LanguageSkill.objects.with_scopes_disabled()
        .filter(profile_id__in=profile_ids)
        .values_list("profile_id", "language", "understanding", "speaking")
    ):
        languages[profile_id][code] = language_step(understanding, speaking)
    return {
        pk: {
            "skill_ids": sorted(skills[pk]),
            "occupation_ids": sorted(occupations[pk]),
            "language_steps": languages[pk],
        }
        for pk in profile_ids
    }


def refresh_matching_fields(profile_ids: list[int]) -> None:
    """Recompute the matching fields of these profiles (after a bulk load that wrote
    parts directly). Five queries and one update per profile."""
    for pk, fields in matching_fields(profile_ids).items():
        CompetenceProfile.objects.with_scopes_disabled().filter(pk=pk).update(**fields)


def view_profile(participant: Participant, by) -> None:
    """Record that ``by`` read the person's competence profile."""
    log_action(
        "competences.profile.viewed",
        actor=by,
        subject=participant,
        organisation=participant.organisation,
    )


# What the person looks for, read by matching; changed with the summary.
WISHES = ("hours_per_week", "available_from")


def change_summary(participant: Participant, by, summary: str, **wishes) -> CompetenceProfile:
    """Change the summary and, when given, the wishes (``WISHES``: hours per week wanted,
    available from). Hours must lie between 1 and 60; audited with the fields changed."""
    unknown = set(wishes) - set(WISHES)
    if unknown:
        raise ValueError(f"Not a wish: {sorted(unknown)}")
    hours = wishes.get("hours_per_week")
    if hours is not None and not 0 < hours <= 60:
        raise ValidationError(_("Hours per week must be between 1 and 60."))
    with transaction.atomic():
        profile = ensure_profile(participant, by)
        values = {"summary": summary.strip(), **wishes}
        changed = sorted(name for name, value in values.items() if getattr(profile, name) != value)
        for name, value in values.items():
            setattr(profile, name, value)
        profile.save(update_fields=list(values))
        bump(profile)
        log_action(
            "competences.profile.changed", actor=by, subject=profile, data={"fields": changed}
        )
    return profile


# -- The write path every part shares -------------------------------------------


def _check(part: Model, exclude: tuple[str, ...] = ()) -> None:
    part.full_clean(exclude=["profile", "created_by", *exclude], validate_constraints=True)


def add_part(
    model: type[Model],
    participant: Participant,
    by,
    code: str,
    fields: dict[str, Any],
    validate=None,
) -> Any:
    """Create one part of the person's profile: validated, audited, version bumped.

    ``validate(part)`` may raise ``ValidationError`` for rules the model cannot state.
    """
    with transaction.atomic():
        profile = ensure_profile(participant, by)
        part = model(profile=profile, created_by=by, **fields)
        # The specific rules first: their messages say more than a constraint's name.
        if validate is not None:
            validate(part)
        _check(part)
        part.save()
        bump(profile)
        log_action(code, actor=by, subject=part, organisation=participant.organisation)
    return part


def change_part(part: Any, by, code: str, fields: dict[str, Any], validate=None) -> Any:
    """Change fields of one part; audits the names of the fields that changed."""
    changed = sorted(name for name, value in fields.items() if getattr(part, name) != value)
    if not changed:
        return part
    with transaction.atomic():
        for name, value in fields.items():
            setattr(part, name, value)
        part.changed_at = timezone.now()
        if validate is not None:
            validate(part)
        _check(part)
        part.save()
        bump(part.profile)
        log_action(
            code,
            actor=by,
            subject=part,
            data={"fields": changed},
            organisation=part.profile.organisation,
        )
    return part


def remove_part(part: Any, by, code: str) -> None:
    with transaction.atomic():
        profile = part.profile
        data = {"id": part.pk}
        part.delete()
        bump(profile)
        log_action(code, actor=by, subject=profile, data=data)


def unknown_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


def require(condition: bool, field: str, message) -> None:
    if not condition:
        raise ValidationError({field: [message]})


# -- Reading a whole profile (the passport and the employer view) ---------------


def _concepts(path: str) -> Prefetch:
    """The preferred labels of the concepts at ``path`` (``Concept.label`` reads them)."""
    return Prefetch(
        f"{path}__labels",
        queryset=Label.objects.filter(kind=Label.Kind.PREFERRED).only(
            "concept_id", "language", "kind", "text"
        ),
    )


def part_prefetches() -> list[Prefetch]:
    """Every part of a profile with its ESCO labels: six queries, whatever the profile's size.

    The parts' querysets are unscoped on purpose: who may see the profile is
    decided by the query that found it (the holding organisation's staff, or an
    employer through the person's consent), not by the request's scope.
    """
    return [
        Prefetch(
            "qualifications",
            queryset=Qualification.objects.with_scopes_disabled()
            .select_related("reference_occupation")
            .prefetch_related(_concepts("reference_occupation")),
        ),
        Prefetch("languages", queryset=LanguageSkill.objects.with_scopes_disabled().all()),
        Prefetch(
            "skills",
            queryset=ProfileSkill.objects.with_scopes_disabled()
            .select_related("concept")
            .prefetch_related(_concepts("concept")),
        ),
        Prefetch(
            "experience",
            queryset=Experience.objects.with_scopes_disabled()
            .select_related("occupation")
            .prefetch_related(_concepts("occupation")),
        ),
        Prefetch("informal", queryset=InformalCompetence.objects.with_scopes_disabled().all()),
    ]


def with_parts(profiles: QuerySet[CompetenceProfile]) -> QuerySet[CompetenceProfile]:
    return profiles.prefetch_related(*part_prefetches())


def sorted_languages(languages: list[LanguageSkill]) -> list[LanguageSkill]:
    """German first (the issue asks for it), then in the order they were recorded."""
    return sorted(languages, key=lambda skill: (skill.language != "de", skill.pk))


# Skill groups in the passport's order: (key, which concepts belong).
SKILL_GROUPS = ("occupations", "skills", "knowledge")


def skill_group(concept: Concept) -> str:
    if concept.kind == Concept.Kind.OCCUPATION:
        return "occupations"
    if concept.skill_type == Concept.SkillType.KNOWLEDGE:
        return "knowledge"
    return "skills"


def grouped_skills(skills: list[ProfileSkill]) -> dict[str, list[ProfileSkill]]:
    groups: dict[str, list[ProfileSkill]] = {key: [] for key in SKILL_GROUPS}
    for skill in skills:
        groups[skill_group(skill.concept)].append(skill)
    return groups
