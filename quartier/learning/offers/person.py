"""What the offers part adds to a person (``quartier.people.parts.PersonPart``): the
person's registrations and attendance in the export, erasure and anonymisation
(``rights.py``) and on the timeline (``timeline.py``). People knows nothing of them.
"""

from typing import Any

from quartier.learning.offers import rights, timeline
from quartier.people.models import Participant
from quartier.people.parts import Exporter, PersonPart, TimelineEntry


class OffersPart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        return rights.export_sections()

    def erase(self, participant: Participant, by: Any) -> None:
        rights.erase(participant, by)

    def anonymise(self, participant_ids: list[int]) -> None:
        rights.anonymise(participant_ids)

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return timeline.timeline_entries(participant, user)
