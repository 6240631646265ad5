"""The start page's numbers of the participant list: ESF+ entry data still to complete."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from quartier.accounts import start
from quartier.people.filters import EntryStatus, ParticipantFilter
from quartier.people.intake import CASEWORK
from quartier.people.models import Participant


def _entry_count(status: str):
    """People the participant list shows with ``?entry=status`` (its queryset and filter)."""

    def count(user) -> int:
        people = Participant.objects.filter(anonymised_at=None)
        chosen = ParticipantFilter(QueryDict(f"entry={status}"), queryset=people, user=user)
        return chosen.qs.count()

    return count


def register() -> None:
    start.contribute(
        start.COUNSELLOR,
        start.Number(
            "entry-data-due",
            _("Entry data to complete within four weeks"),
            "people:list",
            CASEWORK,
            _entry_count(EntryStatus.DUE),
            query={"entry": EntryStatus.DUE},
            order=30,
        ),
    )
    start.contribute(
        start.LEAD,
        start.Number(
            "entry-data-overdue",
            _("Entry data incomplete past the deadline"),
            "people:list",
            CASEWORK,
            _entry_count(EntryStatus.OVERDUE),
            query={"entry": EntryStatus.OVERDUE},
            order=10,
        ),
    )
