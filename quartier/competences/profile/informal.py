"""Informal competences, ProfilPASS-style: what the person did and what that shows."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.competences.profile.models import InformalCompetence
from quartier.competences.profile.services import (
    add_part,
    bump,
    change_part,
    refresh_matching_fields,
    remove_part,
    require,
    unknown_fields,
)
from quartier.people.models import Participant

FIELDS = (
    "field",
    "activity",
    "competence",
    "self_assessment",
    "counsellor_assessment",
    "evidence_level",
)


def _skills_only(concepts) -> None:
    require(
        all(concept.kind == "skill" for concept in concepts),
        "skills",
        _("Link skills only, not occupations."),
    )


def add_informal(participant: Participant, by, skills=(), **fields) -> InformalCompetence:
    unknown_fields(fields, FIELDS)
    skills = list(skills)
    _skills_only(skills)
    with transaction.atomic():
        item = add_part(InformalCompetence, participant, by, "competences.informal.added", fields)
        if skills:
            item.skills.set(skills)
            # Linked after the part was saved (and the profile bumped): matching's copy.
            refresh_matching_fields([item.profile_id])
    return item


def change_informal(item: InformalCompetence, by, skills=None, **fields) -> InformalCompetence:
    unknown_fields(fields, FIELDS)
    with transaction.atomic():
        if skills is not None:
            skills = list(skills)
            _skills_only(skills)
            if {s.pk for s in skills} != set(item.skills.values_list("pk", flat=True)):
                item.skills.set(skills)
                # The links count as a change of their own: version and audit.
                bump(item.profile)
                log_action(
                    "competences.informal.changed",
                    actor=by,
                    subject=item,
                    data={"fields": ["skills"]},
                    organisation=item.profile.organisation,
                )
        item = change_part(item, by, "competences.informal.changed", fields)
    return item


def remove_informal(item: InformalCompetence, by) -> None:
    remove_part(item, by, "competences.informal.removed")
