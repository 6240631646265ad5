"""The timeline on the person page: everything that happened, newest first, from every app.

Parts contribute through ``PersonPart.timeline_entries`` (``people/parts.py``),
called as ``timeline_entries(participant, user)``; it returns a list of
dicts ``{"when", "kind", "title", "url"}``: ``when`` an aware datetime or a date,
``kind`` a short stable code (``"contact"``, ``"consent"``), ``title`` a
translated text, ``url`` a link or ``None``. It runs inside the request's
organisation scope and must only return what ``user`` may see. It must use a
constant number of queries (the person page's count is asserted).

``people`` knows no other app: the dependencies point one way, towards it.
"""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.people import parts
from quartier.people.models import INFORMATION_ONLY, Participant
from quartier.people.parts import TimelineEntry

__all__ = ["TimelineEntry", "entries_for", "people_entries"]


def _moment(when: datetime | date) -> datetime:
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time.min, tzinfo=timezone.get_current_timezone())


def entries_for(participant: Participant, user) -> list[TimelineEntry]:
    """All parts' entries, newest first (entries of the same moment in the parts' order)."""
    entries = [
        entry for part in parts.person_parts() for entry in part.timeline_entries(participant, user)
    ]
    return sorted(entries, key=lambda entry: _moment(entry["when"]), reverse=True)


def people_entries(participant: Participant, user) -> list[TimelineEntry]:
    """Intake and consent changes. Uses ``participant.consents`` as prefetched by the page."""
    entries: list[TimelineEntry] = [
        {"when": participant.created_at, "kind": "intake", "title": _("Taken in"), "url": None}
    ]
    for consent in participant.consents.all():
        purpose = consent.get_purpose_display()
        if consent.purpose in INFORMATION_ONLY:
            given = _("Information given: %(purpose)s") % {"purpose": purpose}
        else:
            given = _("Consent given: %(purpose)s") % {"purpose": purpose}
        entries.append({"when": consent.given_at, "kind": "consent", "title": given, "url": None})
        if consent.withdrawn_at:
            entries.append(
                {
                    "when": consent.withdrawn_at,
                    "kind": "consent",
                    "title": _("Consent withdrawn: %(purpose)s") % {"purpose": purpose},
                    "url": None,
                }
            )
    return entries
