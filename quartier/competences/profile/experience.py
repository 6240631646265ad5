"""Experience: work done, formal or informal, paid or not, in Germany or elsewhere."""

from django.utils.translation import gettext_lazy as _

from quartier.competences.profile.models import Experience
from quartier.competences.profile.services import (
    add_part,
    change_part,
    remove_part,
    require,
    unknown_fields,
)
from quartier.lib.countries import COUNTRY_CODES
from quartier.people.models import Participant

FIELDS = (
    "occupation",
    "title",
    "country",
    "employer",
    "setting",
    "formal",
    "started_on",
    "ended_on",
    "description",
)


def _validate(item: Experience) -> None:
    require(
        not item.country or item.country in COUNTRY_CODES,
        "country",
        _("Choose a country from the list."),
    )
    require(
        item.occupation is None or item.occupation.kind == "occupation",
        "occupation",
        _("Choose an occupation, not a skill."),
    )
    require(
        item.ended_on is None or item.started_on is None or item.ended_on >= item.started_on,
        "ended_on",
        _("The end lies before the start."),
    )


def _months(fields: dict) -> dict:
    """Dates count to the month: keep the first of the month."""
    for name in ("started_on", "ended_on"):
        if fields.get(name):
            fields[name] = fields[name].replace(day=1)
    return fields


def add_experience(participant: Participant, by, **fields) -> Experience:
    unknown_fields(fields, FIELDS)
    return add_part(
        Experience, participant, by, "competences.experience.added", _months(fields), _validate
    )


def change_experience(item: Experience, by, **fields) -> Experience:
    unknown_fields(fields, FIELDS)
    return change_part(item, by, "competences.experience.changed", _months(fields), _validate)


def remove_experience(item: Experience, by) -> None:
    remove_part(item, by, "competences.experience.removed")
