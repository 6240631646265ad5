"""The competence profile's entries on the person's timeline (see ``quartier.people.timeline``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartier.competences.profile.models import RECOGNITION_DECIDED, Qualification
from quartier.competences.profile.services import PROFILE_READ
from quartier.people.timeline import TimelineEntry


def timeline_entries(participant, user) -> list[TimelineEntry]:
    """Qualifications recorded and recognitions decided. One query; none for others' roles."""
    if not PROFILE_READ.allows(user):
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
                "title": _("Qualification recorded: %(title)s") % {"title": title},
                "url": f"{url}#qualification-{item.pk}",
            }
        )
        if item.recognition_status in RECOGNITION_DECIDED and item.recognition_decided_on:
            entries.append(
                {
                    "when": item.recognition_decided_on,
                    "kind": "recognition",
                    "title": _("Recognition decided: %(title)s – %(status)s")
                    % {"title": title, "status": item.get_recognition_status_display()},
                    "url": f"{url}#qualification-{item.pk}",
                }
            )
    return entries
