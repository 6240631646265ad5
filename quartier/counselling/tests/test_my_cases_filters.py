"""The filters and the name search of "My cases", on Monday 15 June 2026 (conftest)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.counselling import views as counselling_views
from quartier.counselling.cases import open_case, set_case_status
from quartier.counselling.contacts import add_contact
from quartier.counselling.models import Case
from quartier.counselling.outcomes import record_exit
from quartier.people.intake import take_in
from quartier.tests.pagination import walk

pytestmark = pytest.mark.django_db


def my_cases() -> str:
    with translation.override("en"):
        return reverse("counselling:my-cases")


def case_of(organisation, project, counsellor, given, family, *, step_due=None, exited_on=None):
    """A case opened in March, with a next step due on ``step_due``, or closed on
    ``exited_on`` (its follow-up then falls due six months later)."""
    participant = take_in(
        organisation, project, counsellor, date(2026, 3, 2), given_name=given, family_name=family
    )
    opened_on = date(2025, 9, 1) if exited_on else date(2026, 3, 2)
    case = open_case(participant, counsellor, opened_on=opened_on)
    if step_due:
        add_contact(
            case,
            counsellor,
            date=date(2026, 5, 4),
            duration_minutes=30,
            channel="phone",
            language="de",
            next_step="Lebenslauf mitbringen",
            next_step_due=step_due,
        )
    if exited_on:
        record_exit(case, counsellor, exit_date=exited_on, situation="employed")
    return case


@pytest.fixture
def cases(home_org, project, counsellor):
    return {
        # Next step overdue since 10 June; a Cyrillic name.
        "overdue_step": case_of(
            home_org, project, counsellor, "Олена", "Коваль", step_due=date(2026, 6, 10)
        ),
        "step_this_week": case_of(
            home_org, project, counsellor, "Lan", "Trần", step_due=date(2026, 6, 18)
        ),
        "step_later": case_of(
            home_org, project, counsellor, "Ivan", "Petrov", step_due=date(2026, 6, 30)
        ),
        # Follow-up due 10 June (overdue), an Arabic name; and one due 17 June.
        "overdue_follow_up": case_of(
            home_org, project, counsellor, "رامي", "حداد", exited_on=date(2025, 12, 10)
        ),
        "follow_up_this_week": case_of(
            home_org, project, counsellor, "Rojda", "Demir", exited_on=date(2025, 12, 17)
        ),
        "nothing_due": case_of(home_org, project, counsellor, "Ahmad", "Ali"),
    }


def shown(client, **params) -> set[str]:
    response = client.get(my_cases(), params)
    assert response.status_code == 200
    return {str(row["case"].participant) for row in response.context["rows"]}


def names(cases, *keys) -> set[str]:
    return {str(cases[key].participant) for key in keys}


def test_each_filter_shows_the_cases_it_names(client, counsellor, cases):
    with scopes_disabled():
        set_case_status(cases["step_later"], "paused", counsellor)
    client.force_login(counsellor)
    assert shown(client) == names(cases, *cases)
    assert shown(client, due="overdue") == names(cases, "overdue_step", "overdue_follow_up")
    # By Sunday 21 June, the overdue included.
    assert shown(client, due="week") == names(
        cases, "overdue_step", "step_this_week", "overdue_follow_up", "follow_up_this_week"
    )
    assert shown(client, kind="follow-up") == names(
        cases, "overdue_follow_up", "follow_up_this_week"
    )
    assert shown(client, kind="follow-up", due="overdue") == names(cases, "overdue_follow_up")
    assert shown(client, kind="next-step", due="overdue") == names(cases, "overdue_step")
    assert shown(client, kind="next-step") == names(
        cases, "overdue_step", "step_this_week", "step_later"
    )
    assert shown(client, status="paused") == names(cases, "step_later")
    assert shown(client, status="closed") == names(
        cases, "overdue_follow_up", "follow_up_this_week"
    )


def test_a_value_that_is_not_offered_filters_nothing(client, counsellor, cases):
    client.force_login(counsellor)
    assert shown(client, due="yesterday", status="lost") == names(cases, *cases)
    assert shown(client, due="overdue", kind="nonsense") == names(
        cases, "overdue_step", "overdue_follow_up"
    )


def test_the_name_search_finds_people_in_latin_and_in_their_own_script(client, counsellor, cases):
    client.force_login(counsellor)
    assert shown(client, q="Коваль") == names(cases, "overdue_step")
    assert shown(client, q="olena koval") == names(cases, "overdue_step")
    assert shown(client, q="حداد") == names(cases, "overdue_follow_up")
    assert shown(client, q="tran") == names(cases, "step_this_week")
    assert shown(client, q="Trần Lan") == names(cases, "step_this_week")
    assert shown(client, q="nobody") == set()
    response = client.get(my_cases(), {"q": "nobody"})
    assert "No case matches these filters." in response.content.decode()


def test_only_my_own_cases_unless_everyone_s_are_asked_for(
    client, counsellor, home_org, other_org, project, cases
):
    colleague = make_user("kollegin@example.org", Role.COUNSELLOR, home_org)
    theirs = case_of(home_org, project, colleague, "Mariam", "Said", step_due=date(2026, 6, 1))
    elsewhere = make_user("anderswo@example.org", Role.COUNSELLOR, other_org)
    case_of(other_org, project, elsewhere, "Fremd", "Person", step_due=date(2026, 6, 1))
    client.force_login(counsellor)
    assert "Mariam Said" not in shown(client, due="overdue")
    assert shown(client, whose="all", kind="next-step", due="overdue") == names(
        cases, "overdue_step"
    ) | {str(theirs.participant)}


def test_the_filters_keep_working_across_the_cursor_pages(
    client, counsellor, home_org, project, monkeypatch
):
    monkeypatch.setattr(counselling_views, "PAGE_SIZE", 3)
    for number in range(8):
        case_of(home_org, project, counsellor, "Due", f"Soon{number}", step_due=date(2026, 6, 19))
        case_of(home_org, project, counsellor, "Due", f"Later{number}", step_due=date(2026, 7, 1))
    client.force_login(counsellor)

    def rows(response):
        return [str(row["case"].participant) for row in response.context["rows"]]

    params = {"due": "week", "q": "due"}
    forward, backward = walk(client, my_cases(), params, rows)
    assert [len(page) for page in forward] == [3, 3, 2]
    assert sorted(name for page in forward for name in page) == sorted(
        f"Due Soon{number}" for number in range(8)
    )
    assert backward == list(reversed(forward))


def test_the_filtered_list_takes_the_same_number_of_queries(
    client, counsellor, home_org, project, cases, django_assert_num_queries
):
    client.force_login(counsellor)
    params = {"q": "olena", "kind": "next-step", "due": "week", "status": "active"}
    # 1 session, 2 user, 3 memberships, 4 the page of cases with their participants,
    # 5 the bounded count of the filtered cases.
    with django_assert_num_queries(5):
        client.get(my_cases(), params)
    for number in range(4):
        case_of(home_org, project, counsellor, "Olena", f"Nr{number}", step_due=date(2026, 6, 16))
    with django_assert_num_queries(5):
        response = client.get(my_cases(), params)
    assert len(response.context["rows"]) == 5


def test_roles_without_casework_are_refused(client, personas):
    for persona in ("advisor", "coordinator", "viewer", "admin", "resident", "employer"):
        client.force_login(personas[persona])
        assert client.get(my_cases(), {"due": "overdue"}).status_code == 403, persona
    client.logout()
    assert client.get(my_cases(), {"q": "olena"}).status_code == 302


def test_a_case_is_not_double_counted_through_its_follow_up(client, counsellor, cases):
    client.force_login(counsellor)
    response = client.get(my_cases(), {"kind": "follow-up"})
    assert response.context["page"].count == 2
    with scopes_disabled():
        assert Case.objects.count() == 6
