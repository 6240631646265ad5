"""What the competence profile adds to the person: a link on the person page, entries on the
timeline, sections of the export, and steps of erasure and anonymisation.

``register()`` is called once from ``CompetencesConfig.ready``; people knows nothing of
competences.
"""

from django.utils.translation import gettext_lazy as _

from quartier.competences.profile import rights
from quartier.competences.profile.models import (
    CompetenceProfile,
    Experience,
    InformalCompetence,
    LanguageSkill,
    ProfileSkill,
    Qualification,
)
from quartier.competences.profile.services import PROFILE_READ
from quartier.competences.profile.timeline import timeline_entries
from quartier.lib.countries import country_name
from quartier.lib.languages import language_name
from quartier.people import person_links, timeline
from quartier.people import rights as people_rights


def _register_rights() -> None:
    """Add the profile's export sections, eraser and anonymiser to the people registries."""
    esco = {"esco": _("ESCO concept")}
    sections = (
        (
            "competences_profile",
            rights.profile_rows,
            CompetenceProfile,
            ["summary", "version", "changed_at"],
            _("Competence profile"),
            {},
        ),
        (
            "competences_qualifications",
            rights.qualification_rows,
            Qualification,
            rights.QUALIFICATION_FIELDS,
            _("Qualifications"),
            {"country": country_name, "original_language": language_name},
        ),
        (
            "competences_languages",
            rights.language_rows,
            LanguageSkill,
            rights.LANGUAGE_FIELDS,
            _("Languages"),
            {"language": language_name},
        ),
        (
            "competences_experience",
            rights.experience_rows,
            Experience,
            rights.EXPERIENCE_FIELDS,
            _("Experience"),
            {"country": country_name},
        ),
        (
            "competences_skills",
            rights.skill_rows,
            ProfileSkill,
            rights.SKILL_FIELDS,
            _("Skills and occupations (ESCO)"),
            {},
        ),
        (
            "competences_informal",
            rights.informal_rows,
            InformalCompetence,
            rights.INFORMAL_FIELDS,
            _("Informal competences"),
            {},
        ),
    )
    for name, rows, model, fields, title, formatters in sections:
        description = people_rights.describe(model, fields)
        if model in (Qualification, Experience, ProfileSkill):
            description["labels"].update(esco)
        people_rights.register_exporter(
            name, rows, title=title, formatters=formatters, **description
        )
    people_rights.register_eraser("competences", rights.erase)
    people_rights.register_anonymiser("competences", rights.anonymise)


def register() -> None:
    person_links.register(
        person_links.PersonLink("competences:profile", _("Competence profile"), PROFILE_READ, 30)
    )
    timeline.register(timeline_entries)
    _register_rights()
