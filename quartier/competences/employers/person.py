"""What the employer view adds to a person (``quartier.people.parts.PersonPart``): the
withdrawal of the consent to be shown to employers ends open requests at once; the
contact requests are a section of the export, a step of erasure and anonymisation, and
entries on the timeline. People knows nothing of competences.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.competences.employers import contact_requests, rights, timeline
from quartier.competences.employers.models import ContactRequest
from quartier.people import rights as people_rights
from quartier.people.models import Consent, Participant
from quartier.people.parts import Exporter, PersonPart, TimelineEntry


class EmployersPart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        return [
            people_rights.export_section(
                "employer_contact_requests",
                rights.contact_request_rows,
                title=_("Contact requests from employers"),
                labels={
                    "employer": _("Employer"),
                    "asked_at": _("Asked on"),
                    "message": _("Message"),
                    "status": _("Status"),
                    "answered_at": _("Answered"),
                    "answer": _("Answer to the employer"),
                },
                choices={"status": dict(ContactRequest.Status.choices)},
            )
        ]

    def erase(self, participant: Participant, by: Any) -> None:
        rights.erase(participant, by)

    def anonymise(self, participant_ids: list[int]) -> None:
        rights.anonymise(participant_ids)

    def consent_withdrawn(self, consent: Consent, by: Any) -> None:
        contact_requests.on_consent_withdrawn(consent, by)

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return timeline.timeline_entries(participant, user)
