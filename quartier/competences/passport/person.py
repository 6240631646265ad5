"""What the passport adds to a person (``quartier.people.parts.PersonPart``): a section of
the export, a step of erasure and anonymisation, the passports issued on the timeline and
the button that issues one. People knows nothing of competences.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.competences.passport import rights, timeline
from quartier.competences.profile.services import PROFILE_WRITE
from quartier.people import rights as people_rights
from quartier.people.models import Participant
from quartier.people.parts import Exporter, PersonAction, PersonPart, TimelineEntry


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

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return timeline.timeline_entries(participant, user)

    def person_actions(self, participant: Participant, user: Any) -> list[PersonAction]:
        # The passport page is read by leads too; issuing it is the counsellors' (the
        # view checks ``PROFILE_WRITE`` on the POST).
        return [
            PersonAction(
                "competences:passport",
                {"code": participant.public_id},
                _("Issue a passport"),
                order=60,
                post=True,
                narrower=PROFILE_WRITE,
            )
        ]
