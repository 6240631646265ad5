"""The competence profile's entries on the person's timeline (see ``quartier.people.timeline``).

Qualifications recorded and recognitions decided, languages, experience and ESCO skills
recorded. Only for users who may read the profile of this person's organisation
(``PROFILE_READ`` there: a counsellor here who is a lead elsewhere reads no further).
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from quartier.competences.profile.models import (
    RECOGNITION_DECIDED,
    Experience,
    LanguageSkill,
    ProfileSkill,
    Qualification,
)
from quartier.competences.profile.services import PROFILE_READ
from quartier.esco.models import Label
from quartier.lib.languages import language_name
from quartier.people.timeline import TimelineEntry


def timeline_entries(participant, user) -> list[TimelineEntry]:
    """Queries: 1 qualifications, 2 languages, 3 experience, 4 skills with their concept,
    5 the concepts' preferred labels; none for users without the profile's roles there."""
    if participant.organisation_id not in PROFILE_READ.organisations(user):
        return []
    url = reverse("competences:profile", kwargs={"code": participant.public_id})
    entries: list[TimelineEntry] = []
    found = Qualification.objects.with_scopes_disabled().filter(profile__participant=participant)
    for item in found.only(
        "pk",
        "title_original",
        "title_de",
        "created_at",
        "recognition_status",
        "recognition_decided_on",
    ):
        title = item.title_de or item.title_original
        entries.append(
            {
                "when": item.created_at,
                "kind": "qualification",
                "badge": _("Qualification"),
                "title": _("Qualification recorded: %(title)s") % {"title": title},
                "url": f"{url}#qualification-{item.pk}",
            }
        )
        if item.recognition_status in RECOGNITION_DECIDED and item.recognition_decided_on:
            entries.append(
                {
                    "when": item.recognition_decided_on,
                    "kind": "recognition",
                    "badge": _("Recognition"),
                    "title": _("Recognition decided: %(title)s – %(status)s")
                    % {"title": title, "status": item.get_recognition_status_display()},
                    "url": f"{url}#qualification-{item.pk}",
                }
            )
    languages = LanguageSkill.objects.with_scopes_disabled().filter(
        profile__participant=participant
    )
    for skill in languages.only("pk", "language", "speaking", "created_at"):
        name = language_name(skill.language)
        entries.append(
            {
                "when": skill.created_at,
                "kind": "competences.language",
                "badge": _("Language"),
                "title": (
                    _("Language recorded: %(language)s, speaking %(level)s")
                    % {"language": name, "level": skill.get_speaking_display()}
                    if skill.speaking
                    else _("Language recorded: %(language)s") % {"language": name}
                ),
                "url": f"{url}#language-{skill.pk}",
            }
        )
    experience = Experience.objects.with_scopes_disabled().filter(profile__participant=participant)
    for item in experience.only("pk", "title", "created_at"):
        entries.append(
            {
                "when": item.created_at,
                "kind": "competences.experience",
                "badge": _("Experience"),
                "title": _("Experience recorded: %(title)s") % {"title": item.title},
                "url": f"{url}#experience-{item.pk}",
            }
        )
    language = get_language() or "de"
    labels = Label.objects.filter(kind=Label.Kind.PREFERRED)
    skills = (
        ProfileSkill.objects.with_scopes_disabled()
        .filter(profile__participant=participant)
        .select_related("concept")
        .prefetch_related(Prefetch("concept__labels", queryset=labels))
        .only("pk", "created_at", "concept__uri")
    )
    for skill in skills:
        entries.append(
            {
                "when": skill.created_at,
                "kind": "competences.skill",
                "badge": _("Skill"),
                "title": _("Skill recorded: %(skill)s") % {"skill": skill.concept.label(language)},
                "url": f"{url}#skills",
            }
        )
    return entries
