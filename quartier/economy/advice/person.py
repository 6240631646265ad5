"""What the advice part adds to a person (``quartier.people.parts.PersonPart``): the
person's founder records and the vacancies they filled in the export, erasure and
anonymisation (``rights.py``). People knows nothing of the economy.
"""

from typing import Any

from quartier.economy.advice import rights
from quartier.people.models import Participant
from quartier.people.parts import Exporter, PersonPart


class AdvicePart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        return rights.export_sections()

    def erase(self, participant: Participant, by: Any) -> None:
        rights.erase(participant, by)

    def anonymise(self, participant_ids: list[int]) -> None:
        rights.anonymise(participant_ids)
