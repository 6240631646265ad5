"""Every result explains itself, in the viewer's language.

The full breakdown (for counsellors and advisors) lists each component of the score
with its points, which add up to the total shown; the short sentence (for residents
and employers) says the same in a line. Negative reasons are stated plainly.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from quartier.esco.models import FALLBACK_LANGUAGES, Label
from quartier.lib.languages import language_name
from quartier.matching.courses import Course
from quartier.matching.score import (
    CEFR_STEPS,
    GATE_CLOSED,
    GATE_CONSENT,
    GATE_LANGUAGE,
    GATE_RECOGNITION,
    GATES,
    LanguageGap,
    Match,
)

COMPONENT_LABELS = {
    "essential_covered": gettext_lazy("Essential skills the person has"),
    "essential_missing": gettext_lazy("Essential skills missing"),
    "optional_covered": gettext_lazy("Optional skills the person has"),
    "occupation": gettext_lazy("Occupation"),
    "languages": gettext_lazy("Languages"),
    "recognition": gettext_lazy("Recognition of the qualification"),
    "distance": gettext_lazy("Distance"),
    "hours": gettext_lazy("Hours per week"),
    "availability": gettext_lazy("Availability"),
    "freshness": gettext_lazy("Profile up to date"),
}

GATE_REASONS = {
    GATE_CONSENT: gettext_lazy("The person has not agreed to be shown to employers."),
    GATE_LANGUAGE: gettext_lazy("A language level the vacancy requires is not reached."),
    GATE_RECOGNITION: gettext_lazy(
        "The occupation is regulated in Germany and the qualification is not fully recognised."
    ),
    GATE_CLOSED: gettext_lazy("The closing date of the vacancy has passed."),
}

LEVEL_NAMES = {step: level for level, step in CEFR_STEPS.items()}


@dataclass
class Gap:
    """A missing essential skill and the open offers that teach it (none: no course yet)."""

    skill: str
    courses: list[Course] = field(default_factory=list)


@dataclass
class Explanation:
    total: int
    version: str
    components: list[tuple[str, int]]
    matched: list[str]
    missing: list[str]
    optional: list[str]
    languages: list[str]
    distance: str
    negatives: list[str]
    gates: list[str] = field(default_factory=list)
    sentence: str = ""
    missing_ids: list[int] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)


def concept_labels(ids: Iterable[int], language: str) -> dict[int, str]:
    """Preferred labels of the concepts in ``language``, else German, else English. One query."""
    order = (language, *FALLBACK_LANGUAGES)
    best: dict[int, tuple[int, str]] = {}
    for concept_id, code, text in Label.objects.filter(
        concept_id__in=list(ids), kind=Label.Kind.PREFERRED, language__in=order
    ).values_list("concept_id", "language", "text"):
        rank = order.index(code)
        if concept_id not in best or rank < best[concept_id][0]:
            best[concept_id] = (rank, text)
    return {key: text for key, (_rank, text) in best.items()}


def _level(step: int) -> str:
    if step == 0:
        return _("none")
    if step == CEFR_STEPS["native"]:
        return _("native language")
    return LEVEL_NAMES[step]


def _language(gap: LanguageGap) -> str:
    name = language_name(gap.language)
    if not gap.steps:
        return _("%(language)s: %(asked)s asked, reached") % {
            "language": name,
            "asked": _level(gap.asked),
        }
    return ngettext(
        "%(language)s: %(asked)s asked, %(has)s given (%(steps)d level below)",
        "%(language)s: %(asked)s asked, %(has)s given (%(steps)d levels below)",
        gap.steps,
    ) % {"language": name, "asked": _level(gap.asked), "has": _level(gap.has), "steps": gap.steps}


def _distance(place: str) -> str:
    return {
        "neighbourhood": _("Lives in the same neighbourhood."),
        "quarter": _("Lives in the same quarter."),
        "elsewhere": _("Lives in another quarter of the city."),
    }.get(place, _("Distance unknown."))


def _names(ids: Iterable[int], labels: dict[int, str]) -> list[str]:
    return sorted((labels.get(pk, str(pk)) for pk in ids), key=str.casefold)


def explain(
    match: Match, labels: dict[int, str], courses: dict[int, list[Course]] | None = None
) -> Explanation:
    """The explanation of ``match`` in the active language (``labels`` from ``concept_labels``;
    ``courses``: the open offers teaching each skill, from ``courses.courses_teaching``)."""
    courses = courses or {}
    negatives = []
    missing = _names(match.missing_essential, labels)
    if missing:
        negatives.append(
            _("Missing essential skills: %(skills)s.") % {"skills": ", ".join(missing)}
        )
    if match.occupation == "none" and match.components["occupation"] < 0:
        negatives.append(_("Has not worked in this occupation or a related one."))
    for gap in match.language_gaps:
        if gap.steps:
            negatives.append(_language(gap) + ".")
    if match.components["recognition"] < 0:
        negatives.append(str(GATE_REASONS[GATE_RECOGNITION]))
    if match.components["hours"] < 0:
        negatives.append(_("The hours wanted and offered differ."))
    if match.components["availability"] < 0:
        negatives.append(_("Available only after the start date."))
    if match.components["freshness"] < 0:
        negatives.append(_("The profile has not been confirmed for more than a year."))
    essential = len(match.matched_essential) + len(match.missing_essential)
    parts = []
    if essential:
        parts.append(
            ngettext(
                "has %(count)d of %(total)d essential skill",
                "has %(count)d of %(total)d essential skills",
                essential,
            )
            % {"count": len(match.matched_essential), "total": essential}
        )
    if match.occupation == "same":
        parts.append(_("has worked in this occupation"))
    elif match.occupation == "related":
        parts.append(_("has worked in a related occupation"))
    for gap in match.language_gaps:
        if gap.steps:
            parts.append(_language(gap))
    if match.place == "neighbourhood":
        parts.append(_("lives in the same neighbourhood"))
    elif match.place == "quarter":
        parts.append(_("lives in the same quarter"))
    sentence = (
        _("%(points)d points: %(reasons)s.") % {"points": match.total, "reasons": "; ".join(parts)}
        if parts
        else _("%(points)d points.") % {"points": match.total}
    )
    return Explanation(
        total=match.total,
        version=match.version,
        components=[
            (str(COMPONENT_LABELS[key]), points) for key, points in match.components.items()
        ],
        matched=_names(match.matched_essential, labels),
        missing=missing,
        optional=_names(match.matched_optional, labels),
        languages=[_language(gap) for gap in match.language_gaps],
        distance=_distance(match.place),
        negatives=negatives,
        gates=[str(GATE_REASONS[gate]) for gate in GATES if gate in match.gates],
        sentence=sentence,
        missing_ids=sorted(match.missing_essential),
        gaps=sorted(
            (Gap(labels.get(pk, str(pk)), courses.get(pk, [])) for pk in match.missing_essential),
            key=lambda gap: gap.skill.casefold(),
        ),
    )


def concepts_of(matches: Iterable[Match]) -> set[int]:
    """Every concept an explanation of these matches names."""
    found: set[int] = set()
    for match in matches:
        found |= match.matched_essential | match.missing_essential | match.matched_optional
    return found
