"""Audit entries about anything of a person carry the person's reference: their export
lists every access, and the audit page finds them by the reference number."""

import pytest

from quartier.accounts.audit import person_reference
from quartier.counselling.cases import open_case
from quartier.counselling.goals import add_goal
from quartier.counselling.models import GoalKind
from quartier.people.rights import collect_export

pytestmark = pytest.mark.django_db


def test_entries_about_a_persons_case_and_goal_carry_their_reference(lan, counsellor):
    case = open_case(lan, counsellor)
    goal = add_goal(case, counsellor, kind=GoalKind.values[0], note="Arbeit in der Pflege")
    assert person_reference(case) == str(lan.public_id)
    assert person_reference(goal) == str(lan.public_id)

    export = collect_export(lan)
    codes = [row["code"] for row in export["sections"]["access_log"]]
    assert "counselling.case.opened" in codes
    assert any(code.startswith("counselling.goal") for code in codes)


def test_the_audit_page_finds_them_by_the_reference_number(client, lan, counsellor, lead):
    open_case(lan, counsellor)
    client.force_login(lead)
    page = client.get("/en/staff/audit/", {"person": str(lan.public_id)}).context["page"]
    assert "counselling.case.opened" in [entry.code for entry in page]


def test_records_of_nobody_have_no_reference(home_org):
    assert person_reference(home_org) == ""
    assert person_reference(None) == ""
