from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Membership, Role
from quartier.conftest import make_user
from quartier.counselling.cases import (
    CounsellingError,
    cases_visible_to,
    change_counsellor,
    open_case,
    set_case_status,
)
from quartier.counselling.models import Case, CaseStatus
from quartier.counselling.outcomes import record_exit

pytestmark = pytest.mark.django_db


def audit_codes() -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.order_by("id").values_list("code", flat=True))


def test_opening_a_case_starts_in_intake_with_the_opener_responsible(lan, counsellor, home_org):
    case = open_case(lan, counsellor, opened_on=date(2026, 3, 2))
    assert (case.status, case.counsellor, case.organisation, case.opened_on) == (
        CaseStatus.INTAKE,
        counsellor,
        home_org,
        date(2026, 3, 2),
    )
    assert audit_codes()[-1] == "counselling.case.opened"


def test_a_second_open_case_with_the_same_organisation_is_refused(case, lan, counsellor):
    with pytest.raises(CounsellingError, match="already has an open case"):
        open_case(lan, counsellor)


def test_a_new_case_may_be_opened_once_the_previous_one_is_closed(case, lan, counsellor):
    record_exit(case, counsellor, exit_date=date(2026, 6, 1), situation="searching")
    assert open_case(lan, counsellor).status == CaseStatus.INTAKE


def test_the_responsible_counsellor_must_work_in_the_holding_organisation(
    lan, counsellor, personas
):
    with pytest.raises(CounsellingError, match="must counsel or lead"):
        open_case(lan, counsellor, counsellor=personas["outsider"])
    with pytest.raises(CounsellingError, match="must counsel or lead"):
        open_case(lan, counsellor, counsellor=personas["advisor"])


def test_a_case_cannot_be_opened_in_the_future(lan, counsellor):
    with pytest.raises(CounsellingError):
        open_case(lan, counsellor, opened_on=date(2026, 6, 16))


def test_status_moves_between_intake_active_and_paused_but_closes_only_by_exit(case, counsellor):
    set_case_status(case, CaseStatus.PAUSED, counsellor)
    with scopes_disabled():
        assert Case.objects.get(pk=case.pk).status == CaseStatus.PAUSED
    with pytest.raises(CounsellingError, match="exit"):
        set_case_status(case, CaseStatus.CLOSED, counsellor)
    assert audit_codes()[-1] == "counselling.case.status_changed"


def test_another_counsellor_of_the_organisation_can_take_the_case_over(
    case, counsellor, home_org, lead
):
    colleague = make_user("kollegin@example.org", Role.COUNSELLOR, home_org)
    change_counsellor(case, colleague, lead)
    assert case.counsellor == colleague
    assert audit_codes()[-1] == "counselling.case.counsellor_changed"


def test_a_case_is_visible_to_its_organisation_only(case, personas):
    visible = {
        name: cases_visible_to(user).filter(pk=case.pk).exists()
        for name, user in personas.items()
        if user
    }
    assert {name for name, seen in visible.items() if seen} == {"counsellor", "lead"}


def test_without_a_scope_the_managers_refuse_to_list_cases(case):
    from django_scopes import ScopeError

    with pytest.raises(ScopeError):
        list(Case.objects.all())


def test_a_user_with_two_roles_sees_the_cases_of_the_counselling_one(case, business_org, home_org):
    user = make_user("both@example.org", Role.EMPLOYER, business_org)
    assert not cases_visible_to(user).exists()
    Membership.objects.create(user=user, organisation=home_org, role=Role.PROJECT_LEAD)
    user = type(user).objects.get(pk=user.pk)  # memberships are cached per user object
    assert list(cases_visible_to(user)) == [case]
