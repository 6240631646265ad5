"""The employers' view: pseudonymous profiles of the people who agreed to be shown to employers.

Visibility is decided at every read from the person's live consent
(``Purpose.EMPLOYER_PROFILE``), never cached: a withdrawal hides the profile at
once. What an employer sees is chosen here, field by field; nothing that
identifies the person (name, contact, birth date, photo, nationality, address,
employers' names, exact dates, documents) leaves this module.
"""

import base64
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from quartier.accounts.access import EMPLOYER
from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.competences.profile.models import CompetenceProfile, Experience, Qualification
from quartier.competences.profile.services import (
    SKILL_GROUPS,
    grouped_skills,
    sorted_languages,
    with_parts,
)
from quartier.esco.models import Label, normalise
from quartier.lib.languages import language_name
from quartier.people.models import Consent, Purpose


def employer_organisation(user) -> Organisation:
    """The business the user acts for (their first employer membership)."""
    ids = EMPLOYER.organisations(user)
    if not ids:
        raise Http404
    return Organisation.objects.get(pk=ids[0])


def visible_profiles() -> QuerySet[CompetenceProfile]:
    """Profiles of people with a live consent to be shown to employers, checked in the query."""
    consent = Consent.objects.with_scopes_disabled().filter(
        participant_id=OuterRef("participant_id"),
        purpose=Purpose.EMPLOYER_PROFILE,
        recipient=None,
        withdrawn_at=None,
    )
    return CompetenceProfile.objects.with_scopes_disabled().filter(
        Exists(consent),
        participant__anonymised_at=None,
        participant__erasure_requested_at=None,
    )


def get_candidate(public_code) -> CompetenceProfile:
    """The visible profile with this pseudonymous code, with its parts; 404 otherwise.

    Without consent it is a 404, not a 403: employers cannot tell the profile exists.
    """
    profile = (
        with_parts(visible_profiles().select_related("participant__quarter", "organisation"))
        .filter(public_code=public_code)
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def pseudonym(profile: CompetenceProfile) -> str:
    """A short name for the profile from its public code: "Profile 7F3KQ2"."""
    letters = base64.b32encode(profile.public_code.bytes).decode()[:6]
    return _("Profile %(code)s") % {"code": letters}


def filter_candidates(
    profiles: QuerySet[CompetenceProfile],
    text: str = "",
    language: str = "",
    quarter: int | None = None,
) -> QuerySet[CompetenceProfile]:
    """Narrow by a skill or occupation (any label, any language), a language, a quarter."""
    if text:
        folded = normalise(text)
        labels = Label.objects.filter(normalised__contains=folded)
        profiles = profiles.filter(
            Q(skills__concept__in=labels.values("concept_id"))
            | Q(experience__occupation__in=labels.values("concept_id"))
        )
    if language:
        profiles = profiles.filter(languages__language=language)
    if quarter:
        profiles = profiles.filter(participant__quarter_id=quarter)
    return profiles.distinct()


# -- What an employer sees ----------------------------------------------------------


@dataclass
class CandidateExperience:
    title: str
    setting: str
    formal: bool
    years: str


@dataclass
class Candidate:
    code: str
    pseudonym: str
    quarter: str
    languages: list[dict] = field(default_factory=list)
    qualifications: list[dict] = field(default_factory=list)
    skills: dict[str, list[str]] = field(default_factory=dict)
    experience: list[CandidateExperience] = field(default_factory=list)
    informal: list[dict] = field(default_factory=list)


def duration(months: int) -> str:
    if months < 12:
        return _("less than a year")
    years = months // 12
    return ngettext("%(years)d year", "%(years)d years", years) % {"years": years}


def _qualification(item: Qualification, language: str) -> dict:
    # The German title only: the title as written may name a school or a place.
    return {
        "title": item.title_de or item.field_of_study or _("Qualification without German title"),
        "isced": item.get_isced_level_display() if item.isced_level else "",
        "recognition": item.get_recognition_status_display(),
        "reference": item.reference_occupation.label(language) if item.reference_occupation else "",
        "without_papers": item.without_papers,
    }


def _experience(item: Experience, language: str) -> CandidateExperience:
    # No employer, no country, no dates: only what was done and for how long.
    return CandidateExperience(
        title=item.occupation.label(language) if item.occupation else item.title,
        setting=item.get_setting_display(),
        formal=item.formal,
        years=duration(item.months),
    )


def candidate(profile: CompetenceProfile, language: str) -> Candidate:
    """The pseudonymous view of a profile (loaded through ``with_parts``)."""
    participant = profile.participant
    result = Candidate(
        code=str(profile.public_code),
        pseudonym=pseudonym(profile),
        quarter=participant.quarter.name if participant.quarter else "",
    )
    result.languages = [
        {
            "name": language_name(item.language),
            "levels": [
                (
                    pgettext("language area", "Understanding"),
                    item.get_understanding_display() or "—",
                ),
                (pgettext("language area", "Speaking"), item.get_speaking_display() or "—"),
                (pgettext("language area", "Writing"), item.get_writing_display() or "—"),
            ],
            "certificate": item.get_certificate_display()
            if item.certificate and item.certificate != "none"
            else "",
        }
        for item in sorted_languages(list(profile.languages.all()))
    ]
    groups = grouped_skills(list(profile.skills.all()))
    result.skills = {
        key: sorted((skill.concept.label(language) for skill in groups[key]), key=str.casefold)
        for key in SKILL_GROUPS
    }
    result.qualifications = [_qualification(q, language) for q in profile.qualifications.all()]
    result.experience = [_experience(item, language) for item in profile.experience.all()]
    result.informal = [
        {
            "field": item.get_field_display(),
            "competence": item.competence,
            "evidence": item.get_evidence_level_display(),
        }
        for item in profile.informal.all()
    ]
    return result


def view_candidate(profile: CompetenceProfile, by, employer: Organisation) -> None:
    """An employer read a (pseudonymous) profile: audited in the holding organisation's log."""
    log_action(
        "competences.candidate.viewed",
        actor=by,
        subject=profile,
        data={"employer": employer.slug},
        organisation=profile.organisation,
    )
