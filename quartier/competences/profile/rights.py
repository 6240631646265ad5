"""The competence profile's part of the data-subject rights (see ``quartier.people.rights``).

Export: the profile's summary and each part (qualifications with their
recognition, languages, experience, skills, informal competences), one query
per section. Evidence documents are named, not embedded.

Erasure and anonymisation: the whole profile rests on the person's consent and
serves no indicator, so it is deleted, and its evidence files are deleted from
the disk once the deletion is committed.

``setup.register()`` hooks these into ``quartier.people.rights``.
"""

from typing import Any

from django.db import transaction

from quartier.accounts.audit import log_action
from quartier.competences.profile.evidence import delete_files
from quartier.competences.profile.models import (
    CompetenceProfile,
    Experience,
    InformalCompetence,
    LanguageSkill,
    ProfileSkill,
    Qualification,
)

Rows = list[dict[str, Any]]

QUALIFICATION_FIELDS = [
    "title_original",
    "title_de",
    "country",
    "original_language",
    "isced_level",
    "year",
    "field_of_study",
    "without_papers",
    "evidence_name",
    "recognition_status",
    "competent_body",
    "reference_occupation_text",
    "recognition_decided_on",
    "validation_status",
]
LANGUAGE_FIELDS = [
    "language",
    "understanding",
    "speaking",
    "writing",
    "certificate",
    "certificate_year",
]
EXPERIENCE_FIELDS = [
    "title",
    "country",
    "employer",
    "setting",
    "formal",
    "started_on",
    "ended_on",
    "description",
]
SKILL_FIELDS = ["source", "level", "evidence_level"]
INFORMAL_FIELDS = [
    "field",
    "activity",
    "competence",
    "self_assessment",
    "counsellor_assessment",
    "evidence_level",
]


def _unscoped(model):
    return model.objects.with_scopes_disabled()


def profile_rows(participant) -> Rows:
    return [
        {"summary": profile.summary, "version": profile.version, "changed_at": profile.changed_at}
        for profile in _unscoped(CompetenceProfile).filter(participant=participant)
    ]


def _rows(model, fields: list[str], participant, concept: str = "") -> Rows:
    records = _unscoped(model).filter(profile__participant=participant).order_by("pk")
    if concept:
        records = records.select_related(concept)
    rows = []
    for record in records:
        row = {name: getattr(record, name) for name in fields}
        if concept:
            linked = getattr(record, concept)
            row["esco"] = linked.uri if linked else None
        rows.append(row)
    return rows


def qualification_rows(participant) -> Rows:
    return _rows(Qualification, QUALIFICATION_FIELDS, participant, "reference_occupation")


def language_rows(participant) -> Rows:
    return _rows(LanguageSkill, LANGUAGE_FIELDS, participant)


def experience_rows(participant) -> Rows:
    return _rows(Experience, EXPERIENCE_FIELDS, participant, "occupation")


def skill_rows(participant) -> Rows:
    return _rows(ProfileSkill, SKILL_FIELDS, participant, "concept")


def informal_rows(participant) -> Rows:
    return _rows(InformalCompetence, INFORMAL_FIELDS, participant)


def _delete_profiles(participant_filter: dict[str, Any]) -> dict[str, int]:
    """Delete the matching profiles; their evidence files go once the deletion is committed."""
    files = list(
        _unscoped(Qualification)
        .filter(**{f"profile__{key}": value for key, value in participant_filter.items()})
        .exclude(evidence="")
        .values_list("evidence", flat=True)
    )
    _count, deleted = _unscoped(CompetenceProfile).filter(**participant_filter).delete()
    if files:
        transaction.on_commit(lambda: delete_files(files))
    return {"profiles": deleted.get(CompetenceProfile._meta.label, 0), "evidence_files": len(files)}


def erase(participant, by) -> None:
    """Delete the person's competence profile (runs inside the erasure's transaction)."""
    counts = _delete_profiles({"participant": participant})
    log_action("competences.profile.erased", actor=by, subject=participant, data=counts)


def anonymise(participant_ids: list[int]) -> None:
    if participant_ids:
        _delete_profiles({"participant_id__in": participant_ids})
