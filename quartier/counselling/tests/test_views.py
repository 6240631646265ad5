from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Role
from quartier.conftest import make_user
from quartier.counselling import views as counselling_views
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.goals import add_goal
from quartier.counselling.models import Case, CaseStatus, Contact, FollowUp, Goal, Referral
from quartier.counselling.outcomes import record_exit
from quartier.counselling.referrals import refer
from quartier.counselling.sharing import share_case
from quartier.counselling.views import my_cases_queryset
from quartier.people.consent import record_consent, withdraw_consent
from quartier.people.intake import take_in
from quartier.people.models import Purpose
from quartier.tests.pagination import walk

pytestmark = pytest.mark.django_db


def url(name: str, case=None, **kwargs) -> str:
    """The page in English, so that the tests can read its texts."""
    if case is not None:
        kwargs["code"] = case.public_id
    with translation.override("en"):
        return reverse(f"counselling:{name}", kwargs=kwargs)


def person(organisation, project, by, given: str, family: str):
    return take_in(
        organisation, project, by, date(2026, 3, 2), given_name=given, family_name=family
    )


def busy_case(
    organisation,
    project,
    counsellor,
    given: str,
    family: str,
    due: date | None = None,
    opened_on: date = date(2026, 3, 2),
):
    """A case with a goal, two contacts and a referral."""
    participant = person(organisation, project, counsellor, given, family)
    case = open_case(participant, counsellor, opened_on=opened_on)
    add_goal(case, counsellor, kind="job")
    add_contact(
        case,
        counsellor,
        date=opened_on + timedelta(days=30),
        duration_minutes=30,
        channel="phone",
        language="ru",
    )
    add_contact(
        case,
        counsellor,
        date=opened_on + timedelta(days=60),
        duration_minutes=60,
        channel="person",
        language="ru",
        topics=["job_search"],
        next_step="Lebenslauf mitbringen" if due else "",
        next_step_due=due,
    )
    refer(case, counsellor, target="agency", agency="jobcenter", date=opened_on)
    return case


# -- My cases -------------------------------------------------------------------


def test_my_cases_lists_due_steps_and_follow_ups_first_and_flags_the_overdue(
    client, counsellor, home_org, project
):
    later = busy_case(home_org, project, counsellor, "Olena", "Koval", due=date(2026, 6, 30))
    nothing = busy_case(home_org, project, counsellor, "Ahmad", "Ali")
    overdue = busy_case(home_org, project, counsellor, "Lan", "Trần", due=date(2026, 6, 1))
    exited = busy_case(home_org, project, counsellor, "Rojda", "Demir", opened_on=date(2025, 9, 1))
    record_exit(exited, counsellor, exit_date=date(2025, 12, 10), situation="employed")
    done = busy_case(home_org, project, counsellor, "Done", "Already")
    record_exit(done, counsellor, exit_date=date(2026, 6, 1), situation="none")
    with scopes_disabled():
        FollowUp.objects.filter(case=done).update(
            done_on=date(2026, 6, 1), in_employment=False, improved_situation="n/a"
        )
    client.force_login(counsellor)
    response = client.get(url("my-cases"))
    assert response.status_code == 200
    rows = [row["case"] for row in response.context["rows"]]
    # Follow-up due 10 June, step overdue since 1 June, step due 30 June, nothing due;
    # the case whose follow-up is done is gone.
    assert rows == [overdue, exited, later, nothing]
    flags = [row["overdue"] for row in response.context["rows"]]
    assert flags == [True, True, False, False]
    html = response.content.decode()
    assert 'class="overdue"' in html
    assert "Follow-up due on" in html


def test_my_cases_shows_only_my_own_cases(client, counsellor, home_org, project):
    colleague = make_user("kollege@example.org", Role.COUNSELLOR, home_org)
    busy_case(home_org, project, colleague, "Ivan", "Petrov")
    mine = busy_case(home_org, project, counsellor, "Lan", "Trần")
    client.force_login(counsellor)
    response = client.get(url("my-cases"))
    assert [row["case"] for row in response.context["rows"]] == [mine]


def test_my_cases_takes_the_same_number_of_queries_however_many_cases(
    client, counsellor, home_org, project, django_assert_num_queries
):
    client.force_login(counsellor)
    busy_case(home_org, project, counsellor, "Lan", "Trần", due=date(2026, 6, 1))
    # 1 session, 2 user, 3 memberships, 4 the page of cases with their participants,
    # 5 the count of my cases (at most KEYSET_COUNT_CAP + 1).
    with django_assert_num_queries(5):
        client.get(url("my-cases"))
    for number in range(5):
        busy_case(
            home_org, project, counsellor, f"Person{number}", "Test", due=date(2026, 7, number + 1)
        )
    with django_assert_num_queries(5):
        response = client.get(url("my-cases"))
    assert len(response.context["rows"]) == 6


def test_my_cases_pages_forward_and_back_with_each_case_once(
    client, counsellor, home_org, project, monkeypatch, settings
):
    """Due dates tie, some cases have nothing due (last): pages break inside both."""
    monkeypatch.setattr(counselling_views, "PAGE_SIZE", 4)
    dues = [date(2026, 6, 1), date(2026, 7, 1), None]
    for number in range(14):
        with scopes_disabled():
            case = open_case(
                person(home_org, project, counsellor, "Same", f"Name{number % 3}"),
                counsellor,
                opened_on=date(2026, 3, 2),
            )
            Case.objects.filter(pk=case.pk).update(next_step_due=dues[number % 3])
    client.force_login(counsellor)

    def shown(response):
        return [row["case"].pk for row in response.context["rows"]]

    forward, backward = walk(client, url("my-cases"), {}, shown)
    with scopes_disabled():
        expected = [case.pk for case in my_cases_queryset(counsellor)]
    assert [len(page) for page in forward] == [4, 4, 4, 2]
    assert [pk for page in forward for pk in page] == expected
    assert backward == list(reversed(forward))
    first = shown(client.get(url("my-cases")))
    assert shown(client.get(url("my-cases"), {"cursor": "broken"})) == first
    settings.KEYSET_COUNT_CAP = 10
    assert "More than 10 cases" in client.get(url("my-cases")).content.decode()


def test_my_cases_is_in_the_menu_of_counsellors(client, counsellor, lead):
    with translation.override("en"):
        dashboard = reverse("accounts:dashboard")
    menu_link = f'<a href="{url("my-cases")}">My cases</a>'
    client.force_login(counsellor)
    assert menu_link in client.get(dashboard).content.decode()
    client.force_login(lead)
    assert menu_link not in client.get(dashboard).content.decode()


# -- The case page ---------------------------------------------------------------


def test_the_case_page_shows_everything_and_audits_the_read(client, counsellor, home_org, project):
    case = busy_case(home_org, project, counsellor, "Olena", "Koval", due=date(2026, 6, 1))
    client.force_login(counsellor)
    response = client.get(url("case-detail", case))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Olena Koval", "Jobcenter", "Lebenslauf mitbringen", "Russian", "overdue"):
        assert text in html
    for name in ("contact-add", "goal-add", "referral-add", "exit", "case-share"):
        assert url(name, case) in html
    assert "ESF+ entry data are incomplete" in html
    with scopes_disabled():
        entry = AuditEntry.objects.latest("id")
    assert (entry.code, entry.actor) == ("people.participant.viewed", counsellor)


def test_the_case_page_takes_the_same_number_of_queries_however_much_it_holds(
    client, counsellor, home_org, project, django_assert_num_queries
):
    case = busy_case(home_org, project, counsellor, "Olena", "Koval", due=date(2026, 6, 1))
    client.force_login(counsellor)
    # 1 session, 2 user, 3 memberships, 4 the case with participant, its organisation,
    # entry data, holder, counsellor, exit and follow-up, 5 goals, 6 contacts with
    # counsellors, 7 referrals, 8 shares with organisations and consents,
    # 9 audit entry of the read.
    with django_assert_num_queries(9):
        client.get(url("case-detail", case))
    for number in range(4):
        add_goal(case, counsellor, kind="language")
        add_contact(
            case,
            counsellor,
            date=date(2026, 6, number + 2),
            duration_minutes=20,
            channel="video",
            language="uk",
        )
        refer(case, counsellor, target="course", description=f"Kurs {number}")
    with django_assert_num_queries(9):
        response = client.get(url("case-detail", case))
    assert len(response.context["contacts"]) == 6


def test_another_organisation_gets_404_for_every_case_page(
    client, counsellor, home_org, project, personas
):
    case = busy_case(home_org, project, counsellor, "Olena", "Koval")
    with scopes_disabled():
        goal = Goal.objects.get(case=case)
        referral = Referral.objects.get(case=case)
    client.force_login(personas["outsider"])
    for name, extra in [
        ("case-detail", {}),
        ("case-status", {}),
        ("contact-add", {}),
        ("goal-add", {}),
        ("goal-status", {"pk": goal.pk}),
        ("referral-add", {}),
        ("referral-outcome", {"pk": referral.pk}),
        ("exit", {}),
        ("follow-up", {}),
        ("case-share", {}),
    ]:
        assert client.get(url(name, case, **extra)).status_code == 404, name
    assert client.get(url("case-open", code=case.participant.public_id)).status_code == 404


def test_other_roles_of_the_holding_organisation_are_refused(
    client, counsellor, home_org, project, personas
):
    case = busy_case(home_org, project, counsellor, "Olena", "Koval")
    for persona in ("advisor", "coordinator", "viewer", "admin", "resident"):
        client.force_login(personas[persona])
        assert client.get(url("case-detail", case)).status_code == 403, persona
        assert client.get(url("my-cases")).status_code == 403, persona


# -- Forms -------------------------------------------------------------------------


def test_a_counsellor_opens_a_case_for_a_person_of_the_organisation(
    client, counsellor, lan, home_org
):
    client.force_login(counsellor)
    page = client.get(url("case-open", code=lan.public_id))
    assert page.status_code == 200
    response = client.post(
        url("case-open", code=lan.public_id),
        {"counsellor": counsellor.pk, "opened_on": "2026-06-15"},
    )
    with scopes_disabled():
        case = Case.objects.get(participant=lan)
    assert response.status_code == 302
    assert response["Location"] == url("case-detail", case)
    response = client.post(
        url("case-open", code=lan.public_id),
        {"counsellor": counsellor.pk, "opened_on": "2026-06-15"},
    )
    assert response.status_code == 200
    assert "already has an open case" in response.content.decode()


def test_recording_a_contact_through_the_form(client, counsellor, case):
    client.force_login(counsellor)
    form = client.get(url("contact-add", case))
    # The person's preferred language is suggested.
    assert form.context["form"]["language"].value() == "vi"
    response = client.post(
        url("contact-add", case),
        {
            "date": "2026-06-15",
            "duration_minutes": "50",
            "channel": "lerneck",
            "language": "vi",
            "interpreter": "on",
            "topics": ["recognition", "language"],
            "notes": "",
            "next_step": "Termin bei der IQ-Anerkennungsberatung",
            "next_step_due": "2026-06-29",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        contact = Contact.objects.get(case=case)
        assert Case.objects.get(pk=case.pk).status == CaseStatus.ACTIVE
    assert response["Location"] == url("case-detail", case) + f"#contact-{contact.pk}"
    assert contact.interpreter and contact.topics == ["recognition", "language"]


def test_a_bad_contact_form_says_what_is_wrong_and_saves_nothing(client, counsellor, case):
    client.force_login(counsellor)
    response = client.post(
        url("contact-add", case),
        {
            "date": "2026-06-15",
            "duration_minutes": "0",
            "channel": "person",
            "language": "vi",
            "next_step_due": "2026-06-29",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["duration_minutes"]
    response = client.post(
        url("contact-add", case),
        {
            "date": "2026-06-15",
            "duration_minutes": "30",
            "channel": "person",
            "language": "vi",
            "next_step_due": "2026-06-29",
        },
    )
    assert "Describe the next step" in response.content.decode()
    with scopes_disabled():
        assert not Contact.objects.exists()


def test_goals_referrals_and_their_changes_through_the_forms(client, counsellor, case):
    client.force_login(counsellor)
    assert (
        client.post(url("goal-add", case), {"kind": "recognition", "note": ""}).status_code == 302
    )
    with scopes_disabled():
        goal = Goal.objects.get(case=case)
    assert client.get(url("goal-status", case, pk=goal.pk)).status_code == 200
    client.post(url("goal-status", case, pk=goal.pk), {"status": "reached", "note": "Bescheid da"})
    goal.refresh_from_db()
    assert (goal.status, goal.note) == ("reached", "Bescheid da")

    response = client.post(url("referral-add", case), {"target": "agency", "date": "2026-06-15"})
    assert response.context["form"].errors["agency"] == ["Choose the agency."]
    response = client.post(
        url("referral-add", case), {"target": "agency", "agency": "debt", "date": "2026-06-15"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        referral = Referral.objects.get(case=case)
    assert client.get(url("referral-outcome", case, pk=referral.pk)).status_code == 200
    client.post(url("referral-outcome", case, pk=referral.pk), {"outcome": "taken_up"})
    referral.refresh_from_db()
    assert (referral.outcome, referral.outcome_on) == ("taken_up", date(2026, 6, 15))


def test_a_goal_of_another_case_is_not_found(client, counsellor, case, home_org, project):
    other = busy_case(home_org, project, counsellor, "Ivan", "Petrov")
    with scopes_disabled():
        goal = Goal.objects.get(case=other)
    client.force_login(counsellor)
    assert client.get(url("goal-status", case, pk=goal.pk)).status_code == 404


def test_the_exit_and_the_follow_up_through_the_forms(client, counsellor, case):
    client.force_login(counsellor)
    assert client.get(url("follow-up", case)).status_code == 404  # no exit yet
    response = client.post(
        url("exit", case),
        {"exit_date": "2026-06-12", "situation": "education", "certificate": "B1"},
    )
    assert "only recorded when a qualification was gained" in response.content.decode()
    response = client.post(url("exit", case), {"exit_date": "2026-06-12", "situation": "employed"})
    assert response.status_code == 302
    with scopes_disabled():
        follow_up = FollowUp.objects.get(case=case)
    assert follow_up.due_on == date(2026, 12, 12)
    # Closed: the exit page sends back to the case.
    assert client.get(url("exit", case)).status_code == 302
    page = client.get(url("follow-up", case))
    # Not employed at entry: the improvement question is not asked.
    assert "improved_situation" not in page.context["form"].fields
    response = client.post(
        url("follow-up", case), {"done_on": "2026-06-15", "in_employment": "yes"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.in_employment, follow_up.improved_situation) == (True, "n/a")


def test_the_status_and_the_responsible_counsellor_change_through_the_form(
    client, counsellor, lead, case
):
    client.force_login(lead)
    response = client.post(url("case-status", case), {"status": "paused", "counsellor": lead.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.counsellor) == ("paused", lead)


# -- Sharing -------------------------------------------------------------------------


@pytest.fixture
def partner(other_org):
    return make_user("beraterin@bildung-west.example.org", Role.COUNSELLOR, other_org)


def test_sharing_through_the_form_is_refused_without_consent(client, counsellor, case, other_org):
    client.force_login(counsellor)
    response = client.post(url("case-share", case), {"organisation": other_org.pk, "kind": "share"})
    assert response.status_code == 200
    assert "has not consented to passing the case to Bildung West" in response.content.decode()


def test_a_shared_case_is_readable_by_the_recipient_until_the_consent_is_withdrawn(
    client, counsellor, case, lan, other_org, partner
):
    consent = record_consent(lan, Purpose.HANDOVER, "vi", counsellor, recipient=other_org)
    client.force_login(counsellor)
    response = client.post(url("case-share", case), {"organisation": other_org.pk, "kind": "share"})
    assert response.status_code == 302

    client.force_login(partner)
    page = client.get(url("case-detail", case))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Thị Lan Trần" in html
    assert url("contact-add", case) not in html
    assert url("case-share", case) not in html
    # Reading is allowed, adding is not; the holder's own settings are not the recipient's.
    assert client.get(url("contact-add", case)).status_code == 403
    assert client.get(url("case-share", case)).status_code == 403
    assert client.get(url("case-status", case)).status_code == 403

    withdraw_consent(consent, counsellor)
    assert client.get(url("case-detail", case)).status_code == 404
    client.force_login(counsellor)
    assert "Consent withdrawn" in client.get(url("case-detail", case)).content.decode()


def test_a_handed_over_case_can_be_worked_on_by_the_recipient(
    client, counsellor, case, lan, other_org, partner
):
    record_consent(lan, Purpose.HANDOVER, "vi", counsellor, recipient=other_org)
    share_case(case, other_org, counsellor, kind="handover")
    client.force_login(partner)
    response = client.post(
        url("contact-add", case),
        {"date": "2026-06-15", "duration_minutes": "30", "channel": "phone", "language": "de"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Contact.objects.get(case=case).counsellor == partner


def test_the_case_page_of_a_shared_case_takes_the_same_queries(
    client, counsellor, case, lan, other_org, partner, django_assert_num_queries
):
    record_consent(lan, Purpose.HANDOVER, "vi", counsellor, recipient=other_org)
    share_case(case, other_org, counsellor)
    add_goal(case, counsellor, kind="job")
    client.force_login(partner)
    # 1 session, 2 user, 3 memberships, 4 the case, 5 goals, 6 contacts,
    # 7 referrals, 8 may the recipient add to it (a handover?), 9 audit entry.
    with django_assert_num_queries(9):
        response = client.get(url("case-detail", case))
    assert response.status_code == 200


def test_ending_a_share_through_the_form(client, counsellor, case, lan, other_org, partner):
    record_consent(lan, Purpose.HANDOVER, "vi", counsellor, recipient=other_org)
    share = share_case(case, other_org, counsellor)
    client.force_login(counsellor)
    response = client.post(url("share-end", case, pk=share.pk))
    assert response.status_code == 302
    client.force_login(partner)
    assert client.get(url("case-detail", case)).status_code == 404


def test_a_person_without_a_share_cannot_be_found_by_the_other_organisation(
    client, counsellor, lan, personas
):
    client.force_login(personas["outsider"])
    assert client.get(url("case-open", code=lan.public_id)).status_code == 404
