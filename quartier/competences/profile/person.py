"""What the competence profile adds to a person (``quartier.people.parts.PersonPart``): a
button on the person page, entries on the timeline, sections of the export, and steps of
erasure and anonymisation. People knows nothing of competences.
"""

from typing import Any

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
from quartier.competences.profile.timeline import timeline_entries
from quartier.lib.countries import country_name
from quartier.lib.languages import language_name
from quartier.people import rights as people_rights
from quartier.people.models import Participant
from quartier.people.parts import Exporter, PersonAction, PersonPart, TimelineEntry


class ProfilePart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        esco = {"esco": _("ESCO concept")}
        sections: tuple[tuple[str, Any, Any, list[str], Any, dict[str, Any]], ...] = (
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
        exporters = []
        for name, rows, model, fields, title, formatters in sections:
            description = people_rights.describe(model, fields)
            if model in (Qualification, Experience, ProfileSkill):
                description["labels"].update(esco)
            exporters.append(
                people_rights.export_section(
                    name, rows, title=title, formatters=formatters, **description
                )
            )
        return exporters

    def erase(self, participant: Participant, by: Any) -> None:
        rights.erase(participant, by)

    def anonymise(self, participant_ids: list[int]) -> None:
        rights.anonymise(participant_ids)

    def person_actions(self, participant: Participant, user: Any) -> list[PersonAction]:
        return [
            PersonAction(
                "competences:profile",
                {"code": participant.public_id},
                _("Open the competence profile"),
                order=50,
            )
        ]

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return timeline_entries(participant, user)
