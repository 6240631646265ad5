"""The timeline on the person page: everything that happened, newest first, from every app.

Parts contribute through ``PersonPart.timeline_entries`` (``people/parts.py``),
called as ``timeline_entries(participant, user)``; it returns a list of
dicts ``{"when", "kind", "badge", "title", "url"}``: ``when`` an aware datetime or a
date, ``kind`` a short stable code (``"contact"``, ``"consent"``), ``badge`` the kind
in a word for the reader, ``title`` a translated text, ``url`` a link or ``None``.
It runs inside the request's organisation scope and must only return what ``user``
may see. It must use a constant number of queries per kind (the person page's count
is asserted).

The page shows the newest ``PAGE`` entries and a "show older" link for the next ones
(``shown``), which HTMX swaps in place (``people/_timeline.html``).

``people`` knows no other app: the dependencies point one way, towards it.
"""

from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.people import parts
from quartier.people.models import INFORMATION_ONLY, Participant
from quartier.people.parts import TimelineEntry

__all__ = ["PAGE", "TimelineEntry", "entries_for", "people_entries", "shown"]

# Entries shown at first, and added by each "show older".
PAGE = 30


def _moment(when: datetime | date) -> datetime:
    """Where an entry sorts. A day without a time (a contact, a goal) sorts at the end of
    that day: above what was timed that day, so a case opened on the day of the intake
    stands above the intake, never below it."""
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time.max, tzinfo=timezone.get_current_timezone())


def entries_for(participant: Participant, user) -> list[TimelineEntry]:
    """All parts' entries, newest first (entries of the same moment in the parts' order)."""
    entries = [
        entry for part in parts.person_parts() for entry in part.timeline_entries(participant, user)
    ]
    return sorted(entries, key=lambda entry: _moment(entry["when"]), reverse=True)


def shown(asked: str | None) -> int:
    """How many entries to show for the page's ``timeline`` parameter: whole pages, at least one."""
    try:
        count = int(asked or PAGE)
    except ValueError:
        count = PAGE
    return max(1, -(-count // PAGE)) * PAGE


def people_entries(participant: Participant, user) -> list[TimelineEntry]:
    """Intake, entry data completed and consent changes. Uses ``participant.entry`` and
    ``participant.consents`` as the page fetched them: no query of its own."""
    entries: list[TimelineEntry] = [
        {
            "when": participant.created_at,
            "kind": "intake",
            "badge": _("Intake"),
            "title": _("Taken in"),
            "url": None,
        }
    ]
    entry = getattr(participant, "entry", None)
    if entry is not None and entry.completed_at is not None:
        entries.append(
            {
                "when": entry.completed_at,
                "kind": "people.entry.completed",
                "badge": _("Entry data"),
                "title": _("ESF+ entry data completed"),
                "url": reverse("people:entry-data", kwargs={"code": participant.public_id}),
            }
        )
    for consent in participant.consents.all():
        purpose = consent.get_purpose_display()
        if consent.purpose in INFORMATION_ONLY:
            given = _("Information given: %(purpose)s") % {"purpose": purpose}
        else:
            given = _("Consent given: %(purpose)s") % {"purpose": purpose}
        entries.append(
            {
                "when": consent.given_at,
                "kind": "consent",
                "badge": _("Consent"),
                "title": given,
                "url": None,
            }
        )
        if consent.withdrawn_at:
            entries.append(
                {
                    "when": consent.withdrawn_at,
                    "kind": "consent",
                    "badge": _("Consent"),
                    "title": _("Consent withdrawn: %(purpose)s") % {"purpose": purpose},
                    "url": None,
                }
            )
    return entries
