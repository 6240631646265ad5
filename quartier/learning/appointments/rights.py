"""Appointments' and visits' part of the data-subject rights (see ``quartier.people.rights``).

Only appointments and visits linked to a participant are the person's record here;
appointments residents book without being participants carry their own contact
details and are reached through the resident's own link.

Export: the person's appointments (time, place, status, language, topic, note) and
visits (time, place, kind). One query each.

Erasure and anonymisation: the appointment's free text and contact details go (topic,
note, e-mail, phone; the name becomes "Anonymised"); time, place, status and language
stay for the use statistics. Visits lose the link to the person and stay as counts.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.learning.models import Appointment, Visit
from quartier.people import rights
from quartier.people.parts import Exporter

ANONYMISED_NAME = "Anonymised"

APPOINTMENT_FIELDS = ["start", "end", "status", "language", "topic", "note", "preferred_times"]
VISIT_FIELDS = ["at", "kind", "people", "language", "duration_minutes"]


def appointment_rows(participant) -> list[dict[str, Any]]:
    rows = (
        Appointment.objects.with_scopes_disabled()
        .filter(participant=participant)
        .order_by("start", "pk")
        .values("contact_point__name", *APPOINTMENT_FIELDS)
    )
    return [{"place": row.pop("contact_point__name"), **row} for row in rows]


def visit_rows(participant) -> list[dict[str, Any]]:
    rows = (
        Visit.objects.with_scopes_disabled()
        .filter(participant=participant)
        .order_by("at", "pk")
        .values("contact_point__name", *VISIT_FIELDS)
    )
    return [{"place": row.pop("contact_point__name"), **row} for row in rows]


def _clear(participant_ids: list[int]) -> tuple[int, int]:
    appointments = Appointment.objects.with_scopes_disabled().filter(
        participant_id__in=participant_ids
    )
    cleared = appointments.update(
        name=ANONYMISED_NAME, email="", phone="", topic="", note="", preferred_times=""
    )
    unlinked = (
        Visit.objects.with_scopes_disabled()
        .filter(participant_id__in=participant_ids)
        .update(participant=None)
    )
    return cleared, unlinked


def erase(participant, by) -> None:
    cleared, unlinked = _clear([participant.pk])
    if cleared or unlinked:
        log_action(
            "learning.appointments.erased",
            actor=by,
            subject=participant,
            data={"appointments": cleared, "visits": unlinked},
        )


def anonymise(participant_ids: list[int]) -> None:
    _clear(participant_ids)


def export_sections() -> list[Exporter]:
    """Appointments and visits in the export (``appointments/person.py`` offers them)."""
    appointments = rights.export_section(
        "learning_appointments",
        appointment_rows,
        title=_("Appointments"),
        **_with_place(rights.describe(Appointment, APPOINTMENT_FIELDS)),
    )
    visits = rights.export_section(
        "learning_visits",
        visit_rows,
        title=_("Visits to the learning place"),
        **_with_place(rights.describe(Visit, VISIT_FIELDS)),
    )
    return [appointments, visits]


def _with_place(description: dict) -> dict:
    description["labels"]["place"] = _("place")
    return description
