"""Offers on the person page's timeline: registrations and the dates attended.

Only registrations of the person page's participant, who belongs to the user's
organisation (the person page checked that). One query for registrations with
their attendance (prefetched: two queries in all).
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from quartier.learning.models import Attendance, Registration, RegistrationStatus


def timeline_entries(participant, user) -> list[dict]:
    registrations = (
        Registration.objects.with_scopes_disabled()
        .filter(participant=participant)
        .select_related("offer")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.with_scopes_disabled()
                .filter(present=True)
                .select_related("date"),
                to_attr="attended",
            )
        )
    )
    entries: list[dict] = []
    for registration in registrations:
        title = registration.offer.title_text()
        url = reverse("learning:offer-detail", kwargs={"code": registration.offer.code})
        if registration.status == RegistrationStatus.WAITING:
            text = _("On the waiting list: %(offer)s") % {"offer": title}
        else:
            text = _("Registered: %(offer)s") % {"offer": title}
        entries.append(
            {
                "when": registration.registered_at,
                "kind": "learning.registration",
                "badge": _("Offer"),
                "title": text,
                "url": url,
            }
        )
        if registration.cancelled_at:
            entries.append(
                {
                    "when": registration.cancelled_at,
                    "kind": "learning.registration.cancelled",
                    "badge": _("Offer"),
                    "title": _("Registration cancelled: %(offer)s") % {"offer": title},
                    "url": url,
                }
            )
        for attendance in registration.attended:
            entries.append(
                {
                    "when": attendance.date.starts_at,
                    "kind": "learning.attendance",
                    "badge": _("Offer"),
                    "title": _("Attended: %(offer)s") % {"offer": title},
                    "url": url,
                }
            )
    return entries
