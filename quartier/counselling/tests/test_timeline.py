from datetime import date

import pytest
from django.utils import translation

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.goals import add_goal, set_goal_status
from quartier.counselling.outcomes import record_exit, record_follow_up
from quartier.counselling.referrals import record_referral_outcome, refer
from quartier.counselling.sharing import share_case
from quartier.counselling.timeline import timeline_entries
from quartier.people.consent import record_consent, withdraw_consent
from quartier.people.models import Purpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(lan, counsellor):
    """A case over a year: opened, a goal reached, a contact, a referral, exit, follow-up."""
    case = open_case(lan, counsellor, opened_on=date(2025, 6, 2))
    goal = add_goal(case, counsellor, kind="job", set_on=date(2025, 6, 2))
    set_goal_status(goal, "reached", counsellor, on=date(2025, 11, 20))
    add_contact(
        case, counsellor, date=date(2025, 7, 1), duration_minutes=45, channel="phone", language="vi"
    )
    referral = refer(case, counsellor, target="agency", agency="jobcenter", date=date(2025, 7, 2))
    record_referral_outcome(referral, "successful", counsellor, date(2025, 8, 1))
    record_exit(case, counsellor, exit_date=date(2025, 12, 1), situation="employed")
    record_follow_up(case.follow_up, counsellor, in_employment=True)
    return case


def test_the_timeline_lists_the_case_history_newest_first(history, lan, counsellor):
    url = f"/en/staff/counselling/{history.public_id}/"
    with translation.override("en"):
        entries = timeline_entries(lan, counsellor)
    assert [(entry["when"], entry["kind"], entry["title"]) for entry in entries] == [
        (date(2026, 6, 15), "counselling.follow_up", "Follow-up: in employment"),
        (date(2025, 12, 1), "counselling.exit", "Exit: In employment, including self-employment"),
        (date(2025, 11, 20), "counselling.goal.reached", "Goal reached: Job"),
        (date(2025, 8, 1), "counselling.referral.outcome", "Referral to Jobcenter: Successful"),
        (date(2025, 7, 2), "counselling.referral", "Referral to Jobcenter"),
        (date(2025, 7, 1), "counselling.contact", "Counselling contact: Phone, 45 min"),
        (date(2025, 6, 2), "counselling.case.opened", "Case opened"),
        (date(2025, 6, 2), "counselling.goal", "Goal set: Job"),
    ]
    assert all(entry["url"].startswith(url) for entry in entries)


def test_the_timeline_shows_nothing_to_another_organisation(history, lan, personas):
    assert timeline_entries(lan, personas["outsider"]) == []
    assert timeline_entries(lan, personas["advisor"]) == []


def test_the_timeline_follows_a_share_and_its_consent(history, lan, counsellor, other_org):
    # A new open case, shared: the recipient sees that case only.
    shared = open_case(lan, counsellor)
    partner = make_user("partner@example.org", Role.COUNSELLOR, other_org)
    consent = record_consent(lan, Purpose.HANDOVER, "vi", counsellor, recipient=other_org)
    share_case(shared, other_org, counsellor)
    assert [entry["kind"] for entry in timeline_entries(lan, partner)] == [
        "counselling.case.opened"
    ]
    withdraw_consent(consent, counsellor)
    assert timeline_entries(lan, partner) == []


def test_the_timeline_takes_four_queries_however_many_cases(
    history, lan, counsellor, django_assert_num_queries
):
    timeline_entries(lan, counsellor)  # caches the memberships on the user
    # 1 cases with exit and follow-up, 2 goals, 3 contacts, 4 referrals.
    with django_assert_num_queries(4):
        timeline_entries(lan, counsellor)
    case = open_case(lan, counsellor)
    add_goal(case, counsellor, kind="language")
    add_contact(
        case,
        counsellor,
        date=date(2026, 6, 15),
        duration_minutes=10,
        channel="video",
        language="vi",
    )
    with django_assert_num_queries(4):
        assert len(timeline_entries(lan, counsellor)) == 11
