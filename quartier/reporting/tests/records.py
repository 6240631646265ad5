"""Building a programme's records through the services, as counsellors record them."""

from datetime import date

from django_scopes import scopes_disabled

from quartier.counselling.cases import open_case
from quartier.counselling.models import Exit
from quartier.counselling.outcomes import record_exit, record_follow_up
from quartier.people.entry import change_entry_data
from quartier.people.intake import take_in
from quartier.people.models import Participant


def enter(organisation, project, by, entry_date: date, name: str, **fields) -> Participant:
    """Take a person in; ``fields`` are the person's (gender, …) and their entry data's."""
    personal = {
        key: fields.pop(key) for key in ("gender", "date_of_birth", "citizenships") if key in fields
    }
    person = take_in(
        organisation, project, by, entry_date, given_name=name, family_name="Muster", **personal
    )
    if fields:
        change_entry_data(person, by, **fields)
    return person


def leave(
    person: Participant, by, opened_on: date, exit_date: date, situation: str, **exit_fields
) -> Exit:
    """Open a case and record its exit (which closes it)."""
    case = open_case(person, by, opened_on=opened_on)
    return record_exit(case, by, exit_date=exit_date, situation=situation, **exit_fields)


def follow_up(record: Exit, by, done_on: date, in_employment: bool, improved: str = "") -> None:
    with scopes_disabled():
        pending = record.case.follow_up
    record_follow_up(
        pending, by, in_employment=in_employment, improved_situation=improved, done_on=done_on
    )
