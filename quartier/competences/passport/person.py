"""What the passport adds to a person (``quartier.people.parts.PersonPart``): a section of
the export and a step of erasure and anonymisation. People knows nothing of competences.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.competences.passport import rights
from quartier.people import rights as people_rights
from quartier.people.models import Participant
from quartier.people.parts import Exporter, PersonPart


class PassportPart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        return [
            people_rights.export_section(
                "competence_passports",
                rights.passport_rows,
                title=_("Competence passports"),
                labels={
                    "issued_at": _("Issued"),
                    "verification_code": _("Verification code"),
                    "languages": _("Languages"),
                    "profile_version": _("Profile version"),
                    "file_deleted": _("File deleted"),
                },
            )
        ]

    def erase(self, participant: Participant, by: Any) -> None:
        rights.erase(participant, by)

    def anonymise(self, participant_ids: list[int]) -> None:
        rights.anonymise(participant_ids)
