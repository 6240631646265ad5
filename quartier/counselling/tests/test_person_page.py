"""The person page as configured, with the counselling timeline in it."""

from datetime import date

import pytest

from quartier.counselling.contacts import add_contact
from quartier.counselling.goals import add_goal
from quartier.counselling.referrals import refer

pytestmark = pytest.mark.django_db


def test_the_person_page_with_casework_needs_a_constant_number_of_queries(
    client, case, lan, counsellor, django_assert_num_queries
):
    client.force_login(counsellor)
    url = f"/en/staff/people/{lan.public_id}/"

    def count():
        # 1 session, 2 user, 3 memberships, 4 the person with relations, 5 consents,
        # 6 the "viewed" entry; the current cases: 7 open cases with counsellor and
        # organisation, 8 their open goals; the counselling timeline: 9 cases with exit
        # and follow-up, 10 goals, 11 contacts, 12 referrals; the competence timeline:
        # 13 qualifications, 14 languages, 15 experience, 16 skills (none, so no labels),
        # 17 passports, 18 contact requests; the learning timeline: 19 appointments
        # with their contact point, 20 visits with their contact point,
        # 21 registrations with attendance.
        with django_assert_num_queries(21):
            response = client.get(url)
        assert response.status_code == 200
        return response

    count()
    for day in (3, 10, 17):
        add_contact(
            case,
            counsellor,
            date=date(2026, 4, day),
            duration_minutes=30,
            channel="phone",
            language="vi",
        )
    add_goal(case, counsellor, kind="job")
    refer(case, counsellor, target="course", description="German B1", date=date(2026, 4, 20))
    response = count()
    kinds = [entry["kind"] for entry in response.context["timeline"]]
    assert kinds.count("counselling.contact") == 3
