"""What the appointments part adds to a person (``quartier.people.parts.PersonPart``):
the person's appointments and visits in the export, erasure and anonymisation
(``rights.py``), on the timeline (``timeline.py``) and a button on the person page
that books them an appointment. People knows nothing of them.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.learning.appointments import rights, timeline
from quartier.people.models import Participant
from quartier.people.parts import Exporter, PersonAction, PersonPart, TimelineEntry


class AppointmentsPart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        return rights.export_sections()

    def erase(self, participant: Participant, by: Any) -> None:
        rights.erase(participant, by)

    def anonymise(self, participant_ids: list[int]) -> None:
        rights.anonymise(participant_ids)

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return timeline.timeline_entries(participant, user)

    def person_actions(self, participant: Participant, user: Any) -> list[PersonAction]:
        return [
            PersonAction(
                "learning:person-book",
                {"code": participant.public_id},
                _("Book an appointment"),
                45,
            )
        ]
