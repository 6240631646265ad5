from datetime import date

import pytest

from quartier.counselling.cases import open_case, set_case_status
from quartier.counselling.goals import add_goal
from quartier.people.intake import take_in

pytestmark = pytest.mark.django_db

URL = "/en/staff/people/"


@pytest.fixture
def second(home_org, project, counsellor):
    person = take_in(
        home_org, project, counsellor, date(2026, 3, 2), given_name="Olena", family_name="Koval"
    )
    return person


def names(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200
    return sorted(row["person"].given_name for row in response.context["rows"])


def test_the_participant_list_filters_by_case_status_goal_and_counsellor(
    client, case, lan, second, counsellor, lead
):
    other_case = open_case(second, lead, opened_on=date(2026, 3, 2))
    set_case_status(other_case, "paused", lead)
    add_goal(case, counsellor, kind="recognition")
    client.force_login(counsellor)
    assert names(client) == ["Olena", "Thị Lan"]
    assert names(client, case_status="paused") == ["Olena"]
    assert names(client, goal="recognition") == ["Thị Lan"]
    assert names(client, counsellor=str(lead.pk)) == ["Olena"]
