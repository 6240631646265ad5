from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.counselling.cases import CounsellingError
from quartier.counselling.goals import add_goal, set_goal_status
from quartier.counselling.models import Agency, GoalStatus, Referral, ReferralOutcome
from quartier.counselling.referrals import record_referral_outcome, refer

pytestmark = pytest.mark.django_db


def last_code() -> str:
    with scopes_disabled():
        return AuditEntry.objects.latest("id").code


def test_a_goal_starts_open_and_its_status_changes_are_dated(case, counsellor):
    goal = add_goal(case, counsellor, kind="recognition", note="Diplom Ingenieurin")
    assert (goal.status, goal.set_on) == (GoalStatus.OPEN, date(2026, 6, 15))
    assert last_code() == "counselling.goal.added"
    set_goal_status(goal, GoalStatus.REACHED, counsellor)
    assert (goal.status, goal.status_changed_on) == (GoalStatus.REACHED, date(2026, 6, 15))
    assert last_code() == "counselling.goal.changed"


def test_an_unknown_goal_or_status_is_refused(case, counsellor):
    with pytest.raises(CounsellingError):
        add_goal(case, counsellor, kind="lottery")
    goal = add_goal(case, counsellor, kind="job")
    with pytest.raises(CounsellingError):
        set_goal_status(goal, "forgotten", counsellor)


def test_a_referral_to_an_agency_names_the_agency(case, counsellor):
    referral = refer(case, counsellor, target="agency", agency=Agency.RECOGNITION)
    assert referral.target_label() == "Recognition counselling"
    assert referral.outcome == ReferralOutcome.PENDING
    assert last_code() == "counselling.referral.added"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"target": "agency"}, "Choose the agency"),
        ({"target": "vacancy", "agency": "jobcenter"}, "only named for a referral to an agency"),
        ({"target": "course"}, "Describe the vacancy or course"),
        ({"target": "agency", "agency": "other"}, "Describe which agency"),
        ({"target": "space"}, "Choose where"),
        ({"target": "course", "description": "B1", "date": date(2026, 7, 1)}, "future"),
    ],
)
def test_bad_referrals_are_refused(case, counsellor, fields, message):
    with pytest.raises(CounsellingError, match=message):
        refer(case, counsellor, **fields)
    with scopes_disabled():
        assert not Referral.objects.exists()


def test_a_referral_outcome_is_dated_and_back_to_pending_clears_the_date(case, counsellor):
    referral = refer(
        case, counsellor, target="course", description="Deutsch B1", date=date(2026, 5, 4)
    )
    record_referral_outcome(referral, ReferralOutcome.TAKEN_UP, counsellor)
    assert (referral.outcome, referral.outcome_on) == ("taken_up", date(2026, 6, 15))
    assert last_code() == "counselling.referral.outcome_recorded"
    record_referral_outcome(referral, ReferralOutcome.PENDING, counsellor)
    assert referral.outcome_on is None
    with pytest.raises(CounsellingError, match="before the referral"):
        record_referral_outcome(referral, ReferralOutcome.SUCCESSFUL, counsellor, date(2026, 5, 1))
