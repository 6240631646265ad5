"""What a competence passport says, laid out as rows of two cells: German and the person's language.

Every cell is rendered on its own inside ``translation.override(language)``, so
its fixed texts come from that language's catalogue and its ``lang``/``dir``
are its own: an Arabic cell is right-to-left beside a German one.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quartier.competences.profile.models import (
    CompetenceProfile,
    Experience,
    InformalCompetence,
    LanguageSkill,
    ProfileSkill,
    Qualification,
)
from quartier.competences.profile.services import SKILL_GROUPS, grouped_skills, sorted_languages
from quartier.lib.countries import country_name
from quartier.lib.languages import language_name

GERMAN = "de"


def passport_languages(participant) -> list[str]:
    """German first, then the person's own language if Quartier speaks it and it is not German."""
    codes = {code for code, _name in settings.LANGUAGES}
    own = participant.preferred_language
    return [GERMAN, own] if own in codes and own != GERMAN else [GERMAN]


def month(value) -> str:
    return formats.date_format(value, "YEAR_MONTH_FORMAT") if value else ""


# -- Cells and rows -------------------------------------------------------------


@dataclass
class Cell:
    language: str
    direction: str
    html: str


@dataclass
class Section:
    key: str
    heading: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)


def cell(language: str, template: str, context: dict[str, Any]) -> Cell:
    """One template rendered in ``language`` (fixed texts from that language's catalogue)."""
    with translation.override(language):
        return Cell(
            language=language,
            direction="rtl" if translation.get_language_bidi() else "ltr",
            html=render_to_string(template, {**context, "language_code": language}),
        )


def row(languages: list[str], template: str, build) -> list[Cell]:
    """One row: ``build(language)`` (called inside the language) gives each cell's context."""
    cells = []
    for language in languages:
        with translation.override(language):
            context = build(language)
        cells.append(cell(language, template, context))
    return cells


def heading(languages: list[str], text) -> list[Cell]:
    """A section heading: ``text`` is a lazy translation, resolved in each language."""
    return row(languages, "competences/passport/_heading.html", lambda _lang: {"text": str(text)})


# -- The sections ---------------------------------------------------------------


def _qualification(item: Qualification):
    def build(language: str) -> dict[str, Any]:
        german_title = item.title_de or item.title_original
        title = german_title if language == GERMAN else item.title_original
        return {
            "q": item,
            "title": title,
            "also": german_title if title != german_title else "",
            "country": country_name(item.country) if item.country else "",
            "language_name": language_name(item.original_language)
            if item.original_language
            else "",
            "reference": item.reference_occupation.label(language)
            if item.reference_occupation
            else item.reference_occupation_text,
        }

    return build


def _language(item: LanguageSkill):
    def build(language: str) -> dict[str, Any]:
        return {"skill": item, "name": language_name(item.language)}

    return build


def _skills(skills: list[ProfileSkill]):
    def build(language: str) -> dict[str, Any]:
        labels = sorted((skill.concept.label(language) for skill in skills), key=str.casefold)
        return {"labels": labels}

    return build


def _experience(item: Experience):
    def build(language: str) -> dict[str, Any]:
        return {
            "item": item,
            "occupation": item.occupation.label(language) if item.occupation else "",
            "country": country_name(item.country) if item.country else "",
            "started": month(item.started_on),
            "ended": month(item.ended_on),
        }

    return build


def _informal(item: InformalCompetence):
    def build(language: str) -> dict[str, Any]:
        return {"item": item}

    return build


def sections(profile: CompetenceProfile, languages: list[str]) -> list[Section]:
    """The passport's sections; ``profile`` must come through ``with_parts``."""
    result = []
    qualifications = list(profile.qualifications.all())
    if qualifications:
        section = Section("qualifications", heading(languages, _("Qualifications")))
        for item in qualifications:
            section.rows.append(
                row(languages, "competences/passport/_qualification.html", _qualification(item))
            )
        result.append(section)
    spoken = sorted_languages(list(profile.languages.all()))
    if spoken:
        section = Section("languages", heading(languages, _("Languages")))
        for spoken_language in spoken:
            section.rows.append(
                row(languages, "competences/passport/_language.html", _language(spoken_language))
            )
        result.append(section)
    groups = grouped_skills(list(profile.skills.all()))
    titles = {
        "occupations": _("Occupations (ESCO)"),
        "skills": _("Skills and competences (ESCO)"),
        "knowledge": _("Knowledge (ESCO)"),
    }
    for key in SKILL_GROUPS:
        if groups[key]:
            section = Section(key, heading(languages, titles[key]))
            section.rows.append(
                row(languages, "competences/passport/_skills.html", _skills(groups[key]))
            )
            result.append(section)
    experience = list(profile.experience.all())
    if experience:
        section = Section("experience", heading(languages, _("Experience")))
        for entry in experience:
            section.rows.append(
                row(languages, "competences/passport/_experience.html", _experience(entry))
            )
        result.append(section)
    informal = list(profile.informal.all())
    if informal:
        section = Section("informal", heading(languages, _("Informal competences")))
        for competence in informal:
            section.rows.append(
                row(languages, "competences/passport/_informal.html", _informal(competence))
            )
        result.append(section)
    return result


def header(languages: list[str], participant, organisation, issued_at) -> list[Cell]:
    def build(language: str) -> dict[str, Any]:
        return {
            "name": str(participant),
            "name_latin": participant.name_latin,
            "organisation": organisation.name,
            "issued_on": formats.date_format(timezone.localtime(issued_at), "DATE_FORMAT"),
            "title": gettext("Competence passport"),
        }

    return row(languages, "competences/passport/_header.html", build)
