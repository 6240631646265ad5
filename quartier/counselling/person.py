"""What counselling adds to a person (``quartier.people.parts.PersonPart``).

The cases, goals, contacts, referrals and shares in the export, their free text cleared
on erasure and anonymisation (``counselling/rights.py``), the case status, goal and
counsellor filters of the participant list (``counselling/listing.py``), the cases'
events on the timeline (``counselling/timeline.py``), and the current cases with their
buttons at the top of the person page (``counselling/person_page.py``). People knows
nothing of counselling.
"""

from typing import Any

from quartier.counselling import listing, person_page, rights, timeline
from quartier.people.models import Participant
from quartier.people.parts import (
    Exporter,
    ParticipantFilter,
    PersonAction,
    PersonPanel,
    PersonPart,
    TimelineEntry,
)


class CounsellingPart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        return rights.export_sections()

    def erase(self, participant: Participant, by: Any) -> None:
        rights.erase(participant, by)

    def anonymise(self, participant_ids: list[int]) -> None:
        rights.anonymise(participant_ids)

    def list_filters(self) -> list[ParticipantFilter]:
        return listing.filters()

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return timeline.timeline_entries(participant, user)

    def person_actions(self, participant: Participant, user: Any) -> list[PersonAction]:
        return person_page.actions(participant, user)

    def person_panels(self, participant: Participant, user: Any) -> list[PersonPanel]:
        return person_page.panels(participant, user)
