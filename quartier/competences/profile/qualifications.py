"""Qualifications, their recognition in Germany, and the validation route for people without papers.

The validation procedure (§ 50b BBiG, "Validierungsverfahren") is open to people
who are at least 25 years old and have worked in the occupation for at least
one and a half times the regular training period. ``validation_eligibility``
computes both from the birth date and the experience records.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.competences.profile.models import RECOGNITION_DECIDED, Experience, Qualification
from quartier.competences.profile.services import (
    add_part,
    change_part,
    remove_part,
    require,
    unknown_fields,
)
from quartier.lib.countries import COUNTRY_CODES
from quartier.lib.languages import LANGUAGE_CODES
from quartier.people.models import Participant

FIELDS = (
    "title_original",
    "title_de",
    "country",
    "original_language",
    "isced_level",
    "year",
    "field_of_study",
    "without_papers",
    "recognition_status",
    "competent_body",
    "reference_occupation",
    "reference_occupation_text",
    "recognition_decided_on",
    "validation_status",
)

VALIDATION_MIN_AGE = 25
# A regular German dual vocational training lasts three years.
REGULAR_TRAINING_MONTHS = 36
VALIDATION_FACTOR = 1.5


def _validate(qualification: Qualification) -> None:
    require(
        not qualification.country or qualification.country in COUNTRY_CODES,
        "country",
        _("Choose a country from the list."),
    )
    require(
        not qualification.original_language or qualification.original_language in LANGUAGE_CODES,
        "original_language",
        _("Choose a language from the list."),
    )
    require(
        qualification.reference_occupation is None
        or qualification.reference_occupation.kind == "occupation",
        "reference_occupation",
        _("The reference occupation must be an occupation, not a skill."),
    )
    decided = qualification.recognition_status in RECOGNITION_DECIDED
    require(
        qualification.recognition_decided_on is None or decided,
        "recognition_decided_on",
        _("A decision date belongs only to a recognition that was decided."),
    )
    require(
        qualification.recognition_decided_on is None
        or qualification.recognition_decided_on <= timezone.localdate(),
        "recognition_decided_on",
        _("The decision date cannot be in the future."),
    )


def add_qualification(participant: Participant, by, **fields) -> Qualification:
    unknown_fields(fields, FIELDS)
    return add_part(
        Qualification, participant, by, "competences.qualification.added", fields, _validate
    )


def change_qualification(qualification: Qualification, by, **fields) -> Qualification:
    unknown_fields(fields, FIELDS)
    before = qualification.recognition_status
    qualification = change_part(
        qualification, by, "competences.qualification.changed", fields, _validate
    )
    if before != qualification.recognition_status:
        log_action(
            "competences.recognition.changed",
            actor=by,
            subject=qualification,
            data={"from": before, "to": qualification.recognition_status},
            organisation=qualification.profile.organisation,
        )
    return qualification


def remove_qualification(qualification: Qualification, by) -> None:
    """Delete the qualification and, once the deletion is committed, its evidence file."""
    name = qualification.evidence.name if qualification.evidence else ""
    storage = qualification.evidence.storage
    with transaction.atomic():
        remove_part(qualification, by, "competences.qualification.removed")
        if name:
            transaction.on_commit(lambda: storage.delete(name))


@dataclass(frozen=True)
class ValidationEligibility:
    age: int | None
    old_enough: bool
    months_of_experience: int
    months_needed: int
    enough_experience: bool

    @property
    def eligible(self) -> bool:
        return self.old_enough and self.enough_experience


def age_on(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def validation_eligibility(
    participant: Participant,
    experience: list[Experience],
    occupation_id: int | None = None,
    training_months: int = REGULAR_TRAINING_MONTHS,
    today: date | None = None,
) -> ValidationEligibility:
    """Whether the person meets § 50b BBiG's conditions. No queries: pass the experience in.

    Experience in ``occupation_id`` counts when there is any; otherwise all of it counts,
    and the counsellor judges whether it is relevant.
    """
    today = today or timezone.localdate()
    age = age_on(participant.date_of_birth, today)
    relevant = [
        item for item in experience if occupation_id and item.occupation_id == occupation_id
    ]
    months = sum(item.months for item in (relevant or experience))
    needed = int(training_months * VALIDATION_FACTOR)
    return ValidationEligibility(
        age=age,
        old_enough=age is not None and age >= VALIDATION_MIN_AGE,
        months_of_experience=months,
        months_needed=needed,
        enough_experience=months >= needed,
    )
