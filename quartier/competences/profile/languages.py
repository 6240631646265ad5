"""Languages of a profile with CEFR levels per area; German always comes first.

The languages a person named at intake (``Participant.languages``, kept by ``people``,
which knows nothing of profiles) are read here, not copied: the profile shows each
one that has no level yet, with a link to the language form already filled in, so
nobody types them twice and no level is ever invented.
"""

from django.utils.translation import gettext_lazy as _

from quartier.competences.profile.models import LanguageSkill
from quartier.competences.profile.services import (
    add_part,
    change_part,
    remove_part,
    require,
    unknown_fields,
)
from quartier.lib.languages import LANGUAGE_CODES, language_name
from quartier.people.models import Participant

FIELDS = ("language", "understanding", "speaking", "writing", "certificate", "certificate_year")


def _validate(skill: LanguageSkill) -> None:
    require(skill.language in LANGUAGE_CODES, "language", _("Choose a language from the list."))
    require(
        bool(skill.understanding or skill.speaking or skill.writing),
        "understanding",
        _("Give a level for at least one area."),
    )
    require(
        skill.certificate == "none" or bool(skill.certificate_year),
        "certificate_year",
        _("Give the year of the certificate."),
    )


def _unique(skill: LanguageSkill) -> None:
    others = LanguageSkill.objects.with_scopes_disabled().filter(
        profile_id=skill.profile_id, language=skill.language
    )
    if skill.pk:
        others = others.exclude(pk=skill.pk)
    require(not others.exists(), "language", _("This language is already in the profile."))


def add_language(participant: Participant, by, **fields) -> LanguageSkill:
    unknown_fields(fields, FIELDS)

    def validate(skill):
        _validate(skill)
        _unique(skill)

    return add_part(LanguageSkill, participant, by, "competences.language.added", fields, validate)


def change_language(skill: LanguageSkill, by, **fields) -> LanguageSkill:
    unknown_fields(fields, FIELDS)

    def validate(part):
        _validate(part)
        _unique(part)

    return change_part(skill, by, "competences.language.changed", fields, validate)


def remove_language(skill: LanguageSkill, by) -> None:
    remove_part(skill, by, "competences.language.removed")


def german_first(skills: list[LanguageSkill]) -> list[LanguageSkill]:
    """German first, then native languages, then by name in the active language."""
    return sorted(
        skills,
        key=lambda s: (
            s.language != "de",
            "native" not in (s.understanding, s.speaking, s.writing),
            language_name(s.language).casefold(),
        ),
    )


def from_intake(participant: Participant, skills: list[LanguageSkill]) -> list[str]:
    """Codes of the languages given at intake that ``skills`` (the profile's) lack.

    No query: the participant's languages are on the record already loaded.
    """
    assessed = {skill.language for skill in skills}
    return [
        code for code in participant.languages if code in LANGUAGE_CODES and code not in assessed
    ]
