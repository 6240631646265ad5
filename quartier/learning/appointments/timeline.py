"""Appointments and Lerneck visits on the person page's timeline.

Only appointments and visits linked to the person page's participant, and only
those of organisations where the user is a counsellor or learning coordinator
(``APPOINTMENT_STAFF``); for everyone else nothing, without a query. Queries:
1 the appointments with their contact point, 2 the visits with their contact
point (memberships are cached on the user).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartier.learning.appointments.access import APPOINTMENT_STAFF
from quartier.learning.models import Appointment, Visit
from quartier.people.timeline import TimelineEntry


def timeline_entries(participant, user) -> list[TimelineEntry]:
    orgs = APPOINTMENT_STAFF.organisations(user)
    if not orgs:
        return []
    entries: list[TimelineEntry] = []
    appointments = (
        Appointment.objects.with_scopes_disabled()
        .filter(participant=participant, organisation_id__in=orgs)
        .select_related("contact_point")
        .only("public_id", "start", "created_at", "status", "contact_point__name")
    )
    for appointment in appointments:
        entries.append(
            {
                # An individual request has no time yet: it stands at the day it was asked for.
                "when": appointment.start or appointment.created_at,
                "kind": "learning.appointment",
                "badge": _("Appointment"),
                "title": _("Appointment at %(place)s: %(status)s")
                % {
                    "place": appointment.contact_point.name,
                    "status": appointment.get_status_display(),
                },
                "url": reverse(
                    "learning:appointment-detail", kwargs={"code": appointment.public_id}
                ),
            }
        )
    visits = (
        Visit.objects.with_scopes_disabled()
        .filter(participant=participant, organisation_id__in=orgs)
        .select_related("contact_point")
        .only("at", "kind", "contact_point__name")
    )
    for visit in visits:
        entries.append(
            {
                "when": visit.at,
                "kind": "learning.visit",
                "badge": _("Visit"),
                "title": _("Visit: %(kind)s at %(place)s")
                % {"kind": visit.get_kind_display(), "place": visit.contact_point.name},
                "url": None,
            }
        )
    return entries
