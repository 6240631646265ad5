"""Filters of the participant list that other apps contribute (case status, goal, counsellor).

``people`` filters by what it owns (name, quarter, language, entry data). Apps
that know more about a person add filters through ``PersonPart.list_filters``
(``people/parts.py``)::

    def list_filters(self):
        return [ParticipantFilter(
            name="case_status",
            field=lambda user: forms.ChoiceField(label=_("Case status"), choices=...),
            apply=lambda participants, value, user: participants.filter(...),
        )]

``field(user)`` makes the form field (its choices may depend on the user);
``apply(participants, value, user)`` narrows the queryset for a non-empty
cleaned value and must not add queries per row (the list's count is asserted).
"""

from quartier.people import parts
from quartier.people.parts import ParticipantFilter

__all__ = ["ParticipantFilter", "filters"]


def filters() -> list[ParticipantFilter]:
    """Every part's filters in the parts' order; a later filter of the same name wins."""
    by_name = {
        participant_filter.name: participant_filter
        for part in parts.person_parts()
        for participant_filter in part.list_filters()
    }
    return list(by_name.values())
