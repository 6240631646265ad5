"""Filters of the participant list that other apps contribute (case status, goal, counsellor).

``people`` filters by what it owns (name, quarter, language, entry data). Apps
that know more about a person add a filter in their ``AppConfig.ready()``::

    from quartier.people import listing
    listing.register(listing.ParticipantFilter(
        name="case_status",
        field=lambda user: forms.ChoiceField(label=_("Case status"), required=False, choices=...),
        apply=lambda participants, value, user: participants.filter(...),
    ))

``field(user)`` makes the form field (its choices may depend on the user);
``apply(participants, value, user)`` narrows the queryset for a non-empty
cleaned value and must not add queries per row (the list's count is asserted).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet


@dataclass(frozen=True)
class ParticipantFilter:
    name: str
    field: Callable[[Any], forms.Field]
    apply: Callable[[QuerySet, Any, Any], QuerySet]


_FILTERS: dict[str, ParticipantFilter] = {}


def register(participant_filter: ParticipantFilter) -> None:
    _FILTERS[participant_filter.name] = participant_filter


def filters() -> list[ParticipantFilter]:
    return list(_FILTERS.values())
