"""What people itself adds to a person through ``PersonPart`` (``people/parts.py``).

The record, the ESF+ entry data, the consents and who used the record in the export;
intake and consent changes on the timeline; the links to the data-subject rights on
the person page. Named first among the parts (people comes before every feature app
in ``INSTALLED_APPS``), so its sections open the export.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import AuditEntry
from quartier.lib.countries import country_name
from quartier.lib.languages import language_name
from quartier.people import rights, timeline
from quartier.people.models import Consent, EntryData, Participant
from quartier.people.parts import Exporter, PersonLink, PersonPart, TimelineEntry
from quartier.people.rights_views import RIGHTS


class PeoplePart(PersonPart):
    def export_sections(self) -> list[Exporter]:
        participant = rights.describe(Participant, rights.PARTICIPANT_FIELDS)
        participant["labels"]["public_id"] = _("reference number")
        return [
            rights.export_section(
                "participant",
                rights.participant_rows,
                title=_("Personal details"),
                formatters={
                    "languages": language_name,
                    "preferred_language": language_name,
                    "citizenships": country_name,
                },
                **participant,
            ),
            rights.export_section(
                "entry_data",
                rights.entry_rows,
                title=_("ESF+ entry data"),
                **rights.describe(EntryData, rights.ENTRY_FIELDS),
            ),
            rights.export_section(
                "consents",
                rights.consent_rows,
                title=_("Consents"),
                formatters={"language": language_name},
                **_with_kind(rights.describe(Consent, rights.CONSENT_FIELDS)),
            ),
            rights.export_section(
                "access_log",
                rights.access_rows,
                title=_("Who used the record"),
                **rights.describe(AuditEntry, rights.ACCESS_FIELDS),
            ),
        ]

    def person_links(self) -> list[PersonLink]:
        return [
            PersonLink(url_name, label, RIGHTS, order)
            for url_name, label, order in (
                ("people:consent-sheet", _("Print the information and consent sheet"), 60),
                ("people:export-json", _("Export the data (JSON)"), 70),
                ("people:export-pdf", _("Export the data (PDF)"), 71),
                ("people:erase", _("Erasure request"), 90),
            )
        ]

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return timeline.people_entries(participant, user)


# The export's "kind" of a consent record: a consent, or an information notice.
CONSENT_KINDS = {"consent": _("consent"), "notice": _("information notice (not a consent)")}


def _with_kind(described: dict[str, dict]) -> dict[str, dict]:
    """The consents' labels and choices, with the column telling a notice from a consent."""
    return {
        "labels": {**described["labels"], "kind": _("kind")},
        "choices": {**described["choices"], "kind": CONSENT_KINDS},
    }
