"""Passports issued, on the person's timeline (see ``quartier.people.timeline``).

Only for users who may read the profile of this person's organisation (``PROFILE_READ``
there). One query; none for others.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartier.competences.passport.models import Passport
from quartier.competences.profile.services import PROFILE_READ
from quartier.people.timeline import TimelineEntry


def timeline_entries(participant, user) -> list[TimelineEntry]:
    if participant.organisation_id not in PROFILE_READ.organisations(user):
        return []
    url = reverse("competences:passport", kwargs={"code": participant.public_id})
    entries: list[TimelineEntry] = []
    passports = Passport.objects.with_scopes_disabled().filter(participant=participant)
    for passport in passports.only("pk", "issued_at", "withdrawn_at"):
        entries.append(
            {
                "when": passport.issued_at,
                "kind": "competences.passport",
                "badge": _("Passport"),
                "title": _("Competence passport issued"),
                "url": url,
            }
        )
    return entries
