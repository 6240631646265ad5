"""Taking a person in: the participant record, derived place, duplicate check."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q

from quartier.accounts.access import roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Role
from quartier.lib.search import search_key
from quartier.people.models import EntryData, Participant, Project
from quartier.places.directory import locate_postcode

# Who works with people's records: reads a person's data and takes people in, for
# the organisations where they hold one of these roles (pages and API alike).
CASEWORK = roles(Role.COUNSELLOR, Role.LEARNING_COORDINATOR, Role.PROJECT_LEAD)

PERSONAL_FIELDS = (
    "given_name",
    "family_name",
    "name_latin",
    "date_of_birth",
    "gender",
    "email",
    "phone",
    "preferred_channel",
    "street",
    "postcode",
    "city",
    "languages",
    "preferred_language",
    "citizenships",
)


@dataclass(frozen=True)
class PossibleDuplicate:
    public_id: str
    name: str
    date_of_birth: date | None
    postcode: str


def possible_duplicates(
    organisation,
    project: Project,
    given_name: str,
    family_name: str,
    date_of_birth: date | None,
    postcode: str,
    name_latin: str = "",
) -> list[PossibleDuplicate]:
    """People in the same project who share the name and the birth date or the postcode.

    Must run inside the organisation's scope; other organisations' people are never looked at.
    """
    key = search_key(given_name, family_name)
    latin = search_key(name_latin)
    same_name = Q(search_key__startswith=key)
    if latin:
        same_name |= Q(search_key__contains=latin)
    same_place = Q(postcode=postcode) if postcode else Q(pk__in=[])
    same_birth = Q(date_of_birth=date_of_birth) if date_of_birth else Q(pk__in=[])
    candidates = Participant.objects.filter(
        same_name & (same_birth | same_place),
        organisation=organisation,
        project=project,
        anonymised_at=None,
    )[:10]
    return [
        PossibleDuplicate(str(p.public_id), str(p), p.date_of_birth, p.postcode) for p in candidates
    ]


def _derive(participant: Participant) -> None:
    participant.search_key = search_key(
        participant.given_name, participant.family_name, participant.name_latin
    )
    participant.quarter, participant.neighbourhood = locate_postcode(participant.postcode)


def take_in(organisation, project: Project, by, entry_date: date, **fields) -> Participant:
    """Create a participant with their (possibly incomplete) ESF+ entry data; audited."""
    unknown = set(fields) - set(PERSONAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown participant fields: {sorted(unknown)}")
    with transaction.atomic():
        participant = Participant(
            organisation=organisation, project=project, created_by=by, **fields
        )
        _derive(participant)
        participant.save()
        EntryData.objects.with_scope(organisation=organisation.pk).create(
            participant=participant, entry_date=entry_date
        )
        log_action("people.participant.created", actor=by, subject=participant)
    return participant


def change_participant(participant: Participant, by, **fields) -> Participant:
    """Change personal fields and derive the place again; the audit names the fields only."""
    unknown = set(fields) - set(PERSONAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown participant fields: {sorted(unknown)}")
    changed = sorted(name for name, value in fields.items() if getattr(participant, name) != value)
    if not changed:
        return participant
    with transaction.atomic():
        for name, value in fields.items():
            setattr(participant, name, value)
        _derive(participant)
        participant.save()
        log_action(
            "people.participant.changed", actor=by, subject=participant, data={"fields": changed}
        )
    return participant


def view_participant(participant: Participant, by) -> Participant:
    """Record that ``by`` looked at the person's record (DESIGN.md: reads are audited)."""
    log_action("people.participant.viewed", actor=by, subject=participant)
    return participant
