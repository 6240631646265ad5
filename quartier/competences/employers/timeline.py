"""Employers' contact requests on the person's timeline (see ``quartier.people.timeline``).

The requests and their answers, for the staff who answer them: those who may read the
profile of this person's organisation (``PROFILE_READ`` there). One query with the
employer; none for others. The employer's message stays on the request's page.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartier.competences.employers.models import ContactRequest
from quartier.competences.profile.services import PROFILE_READ
from quartier.people.timeline import TimelineEntry

_ANSWERS = {
    ContactRequest.Status.ACCEPTED: lambda employer: (
        _("Contact with %(employer)s accepted") % {"employer": employer}
    ),
    ContactRequest.Status.DECLINED: lambda employer: (
        _("Contact with %(employer)s declined") % {"employer": employer}
    ),
}


def timeline_entries(participant, user) -> list[TimelineEntry]:
    if participant.organisation_id not in PROFILE_READ.organisations(user):
        return []
    entries: list[TimelineEntry] = []
    requests = (
        ContactRequest.objects.with_scopes_disabled()
        .filter(profile__participant=participant)
        .select_related("employer")
        .only("public_id", "status", "created_at", "answered_at", "employer__name")
    )
    for request in requests:
        url = reverse("competences:contact-request", kwargs={"code": request.public_id})
        employer = request.employer.name
        entries.append(
            {
                "when": request.created_at,
                "kind": "competences.contact_request",
                "badge": _("Employer"),
                "title": _("Contact request from %(employer)s") % {"employer": employer},
                "url": url,
            }
        )
        if request.status in _ANSWERS and request.answered_at:
            entries.append(
                {
                    "when": request.answered_at,
                    "kind": "competences.contact_request.answered",
                    "badge": _("Employer"),
                    "title": _ANSWERS[request.status](employer),
                    "url": url,
                }
            )
    return entries
