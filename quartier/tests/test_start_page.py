"""The start page's numbers (accounts.start): each one equals the count of the filtered
list its link opens, follows the organisation rule, and the page costs the same queries
whatever the data size. On Wednesday 17 June 2026, midday in Leipzig."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.accounts.models import Membership, Role
from quartier.accounts.start import LEAD_INDICATORS
from quartier.competences.employers.contact_requests import ask_for_contact
from quartier.competences.profile.services import ensure_profile
from quartier.conftest import make_user
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.outcomes import record_exit
from quartier.economy.advice.consultations import record_consultation
from quartier.economy.businesses.register import save_business
from quartier.economy.models import House, Unit, UnitStatus
from quartier.economy.vacancies.services import create_vacancy
from quartier.learning.models import Appointment, AppointmentStatus
from quartier.learning.offers.registrations import register
from quartier.learning.offers.services import add_date, create_offer
from quartier.people.consent import record_consent
from quartier.people.intake import take_in
from quartier.people.models import Purpose
from quartier.places.models import ContactPoint, Neighbourhood, Postcode, Quarter

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 6, 17, 12, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def start_page() -> str:
    with translation.override("en"):
        return reverse("accounts:dashboard")


@pytest.fixture
def place(home_org) -> ContactPoint:
    quarter = Quarter.objects.create(slug="osten", name="Osten")
    neighbourhood = Neighbourhood.objects.create(
        slug="volkmarsdorf", name="Volkmarsdorf", quarter=quarter
    )
    Postcode.objects.create(code="04315", neighbourhood=neighbourhood)
    return ContactPoint.objects.create(
        slug="lerneck",
        name="Lerneck",
        organisation=home_org,
        street="Konradstraße 1",
        postcode="04315",
        city="Leipzig",
        languages=["de", "ar"],
    )


def case_for(organisation, project, counsellor, name, *, entry=date(2026, 3, 2), **due):
    """A person taken in on ``entry`` (entry data left incomplete) with a case whose next
    step falls due on ``step``, or which was closed on ``exit`` (follow-up six months on)."""
    person = take_in(organisation, project, counsellor, entry, given_name=name, family_name="Test")
    case = open_case(person, counsellor, opened_on=date(2025, 9, 1))
    if "step" in due:
        add_contact(
            case,
            counsellor,
            date=date(2026, 5, 4),
            duration_minutes=30,
            channel="phone",
            language="de",
            next_step="Lebenslauf mitbringen",
            next_step_due=due["step"],
        )
    if "exit" in due:
        record_exit(case, counsellor, exit_date=due["exit"], situation="employed")
    return person


def appointment(place, start, status=AppointmentStatus.CONFIRMED):
    # Booked through the slots elsewhere (learning/appointments tests); here only
    # whether it counts for today matters.
    with scopes_disabled():
        return Appointment.objects.create(
            organisation=place.organisation,
            contact_point=place,
            start=start,
            end=start + timedelta(minutes=30),
            status=status,
            name="Nachbarin",
        )


@pytest.fixture
def programme(personas, home_org, other_org, project, place):
    """A week's work in the home organisation, and some in another one that nobody at
    home may count."""
    counsellor, lead = personas["counsellor"], personas["lead"]
    colleague = make_user("kollegin@example.org", Role.COUNSELLOR, home_org)
    with scopes_disabled():
        case_for(home_org, project, counsellor, "Overdue", step=date(2026, 6, 10))
        case_for(home_org, project, counsellor, "Later", step=date(2026, 6, 30))
        case_for(home_org, project, colleague, "Colleague", step=date(2026, 6, 1))
        case_for(home_org, project, counsellor, "FollowUpLate", exit=date(2025, 12, 1))
        case_for(home_org, project, counsellor, "FollowUpSoon", exit=date(2025, 12, 19))
        case_for(home_org, project, counsellor, "FollowUpJuly", exit=date(2026, 1, 10))
        fresh = take_in(home_org, project, counsellor, date(2026, 6, 8), given_name="Neu")
        take_in(home_org, project, counsellor, date(2026, 6, 1), given_name="Neu2")
        elsewhere = make_user("anderswo@example.org", Role.COUNSELLOR, other_org)
        case_for(other_org, project, elsewhere, "Elsewhere", step=date(2026, 6, 1))
        take_in(other_org, project, elsewhere, date(2026, 6, 8), given_name="Fremd")

        record_consent(fresh, Purpose.EMPLOYER_PROFILE, "de", counsellor)
        profile = ensure_profile(fresh, counsellor)
        ask_for_contact(
            profile,
            personas["employer"].memberships.get().organisation,
            personas["employer"],
            "Wir suchen eine Köchin.",
            "0341 123456",
        )

        appointment(place, NOW + timedelta(hours=2))
        appointment(place, NOW - timedelta(hours=3))
        appointment(place, NOW + timedelta(hours=1), AppointmentStatus.CANCELLED)
        appointment(place, NOW + timedelta(days=1))

    coordinator = personas["coordinator"]
    full = create_offer(
        home_org,
        coordinator,
        kind="course",
        title={"de": "Deutschkurs"},
        description={"de": "Deutsch lernen."},
        audience="everyone",
        contact_point=place,
        online_url="",
        capacity=1,
        languages=["de"],
        published=True,
    )
    monday = datetime(2026, 6, 15, 10, 0, tzinfo=BERLIN)
    add_date(full, coordinator, monday, monday + timedelta(hours=2))
    register(full, None, name="Anna", email="anna@example.org")
    register(full, None, name="Boris", email="boris@example.org")  # waits
    open_table = create_offer(
        home_org,
        coordinator,
        kind="table",
        title={"de": "Nachbarschaftstisch"},
        description={"de": "Kochen und reden."},
        audience="everyone",
        contact_point=place,
        online_url="",
        capacity=None,
        languages=["de"],
        published=True,
    )
    thursday = datetime(2026, 6, 18, 15, 0, tzinfo=BERLIN)
    add_date(open_table, coordinator, thursday, thursday + timedelta(hours=2))
    add_date(
        open_table, coordinator, thursday + timedelta(days=7), thursday + timedelta(days=7, hours=2)
    )

    advisor = personas["advisor"]
    deli = save_business(
        None, {"name": "Feinkost Aleppo", "postcode": "04315", "city": "Leipzig"}, advisor
    )
    with scopes_disabled():
        record_consultation(deli, advisor, date=date(2026, 5, 29), follow_up_on=date(2026, 6, 5))
        record_consultation(deli, advisor, follow_up_on=date(2026, 6, 19))
        record_consultation(deli, advisor, follow_up_on=date(2026, 7, 1))
    create_vacancy(deli, advisor, kind="job", titles={"de": "Koch"})
    house = House.objects.create(name="Haus 1", street="Eisenbahnstraße", house_number="1")
    Unit.objects.create(house=house, floor=0, label="EG links", intended_use="gastronomy")
    Unit.objects.create(house=house, floor=0, label="EG rechts", intended_use="retail")
    Unit.objects.create(house=house, floor=1, label="1. OG", status=UnitStatus.LET)
    return {"lead": lead, "counsellor": counsellor}


def panels_of(client, user) -> dict[str, int]:
    """The numbers of the day's-work panels; the programme figures (LEAD_INDICATORS) link
    to the dashboard's cells and are compared with them in reporting's tests."""
    client.force_login(user)
    response = client.get(start_page())
    assert response.status_code == 200
    return {
        stat["key"]: stat
        for panel in response.context["panels"]
        if panel["key"] != LEAD_INDICATORS
        for stat in panel["stats"]
    }


def listed(client, url: str) -> int:
    """The number of rows the list at ``url`` says it holds."""
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    if "totals" in context:  # the premises page counts its units by status
        return sum(count for _label, _code, count in context["totals"])
    page = context["page"]
    return page.paginator.count if hasattr(page, "paginator") else page.count


EXPECTED = {
    "counsellor": {
        # FollowUpLate (1 June) and FollowUpSoon (19 June); July is later.
        "follow-ups-due": 2,
        "next-steps-overdue": 1,
        # Neu (8 June) and Neu2 (1 June) are within their four weeks.
        "entry-data-due": 2,
        "contact-requests-open": 1,
        "appointments-today": 2,
    },
    "coordinator": {"dates-free": 1, "dates-waiting": 1, "check-ins": 1},
    "advisor": {"consultation-follow-ups-due": 2, "vacancies-open": 1, "units-vacant": 2},
    "lead": {
        # The six case people, entered on 2 March, past their four weeks.
        "entry-data-overdue": 6,
        "organisation-next-steps-overdue": 2,
        "contact-requests-unanswered": 1,
    },
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_every_number_equals_what_its_filtered_list_shows(client, personas, programme, persona):
    stats = panels_of(client, personas[persona])
    assert {key: stat["count"] for key, stat in stats.items()} == EXPECTED[persona]
    for key, stat in stats.items():
        assert listed(client, stat["url"]) == stat["count"], key


def test_someone_with_every_role_sees_every_panel_with_the_same_numbers(
    client, personas, home_org, programme
):
    everyone = make_user("alles@example.org", Role.COUNSELLOR, home_org)
    for role in (Role.LEARNING_COORDINATOR, Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD):
        Membership.objects.create(user=everyone, organisation=home_org, role=role)
    stats = panels_of(client, everyone)
    assert set(stats) == {key for numbers in EXPECTED.values() for key in numbers}
    for key, stat in stats.items():
        assert listed(client, stat["url"]) == stat["count"], key


def test_another_organisation_counts_only_its_own(client, personas, other_org, programme):
    stats = panels_of(client, personas["outsider"])  # a project lead elsewhere
    # Their own person with an overdue next step and one with entry data past the
    # deadline; nothing of the home organisation.
    assert {key: stat["count"] for key, stat in stats.items()} == {
        "entry-data-overdue": 1,
        "organisation-next-steps-overdue": 1,
        "contact-requests-unanswered": 0,
    }
    for key, stat in stats.items():
        assert listed(client, stat["url"]) == stat["count"], key


def test_a_second_role_elsewhere_does_not_widen_the_numbers(
    client, two_org_personas, home_org, project
):
    """A counsellor who is a reporting viewer elsewhere counts only the home people."""
    user = two_org_personas["counsellor+viewer"]
    with scopes_disabled():
        take_in(home_org, project, user, date(2026, 6, 8), given_name="Hier")
    stats = panels_of(client, user)
    assert stats["entry-data-due"]["count"] == 1
    assert listed(client, stats["entry-data-due"]["url"]) == 1


@pytest.mark.parametrize("persona", ["no_role", "admin", "employer", "resident"])
def test_roles_without_a_day_s_work_see_no_panel(client, personas, programme, persona):
    client.force_login(personas[persona])
    response = client.get(start_page())
    assert response.context["panels"] == []
    assert 'class="stat"' not in response.content.decode()


def test_a_reporting_viewer_sees_only_the_programme_figures(client, personas, programme):
    client.force_login(personas["viewer"])
    response = client.get(start_page())
    assert [panel["key"] for panel in response.context["panels"]] == [LEAD_INDICATORS]


def test_an_empty_panel_says_what_to_do_next(client, personas):
    client.force_login(personas["counsellor"])
    html = client.get(start_page()).content.decode()
    assert 'class="stat-number">0</span>' in html
    assert (
        '<p class="empty">Nothing is due. Take in a new person or record a contact from the '
        "person&#x27;s page.</p>"
    ) in html


def test_the_numbers_link_to_their_lists(client, personas, programme):
    client.force_login(personas["counsellor"])
    html = client.get(start_page()).content.decode()
    with translation.override("en"):
        my_cases = reverse("counselling:my-cases")
    assert f'<a class="stat" href="{my_cases}?kind=next-step&amp;due=overdue"' in html
    assert '<span class="stat-label">Overdue next steps</span>' in html


def test_the_start_page_takes_the_same_number_of_queries_however_much_there_is(
    client, personas, home_org, project, place, django_assert_num_queries
):
    everyone = make_user("alles@example.org", Role.COUNSELLOR, home_org)
    for role in (Role.LEARNING_COORDINATOR, Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD):
        Membership.objects.create(user=everyone, organisation=home_org, role=role)
    client.force_login(everyone)
    # 1 session, 2 user, 3 memberships (cached for every access check), then one
    # COUNT per number: 5 counsellor, 3 coordinator, 3 advisor, 3 lead (17), then the
    # programme figures: 18 the user's projects (their organisation takes part in none,
    # so nothing more is counted); then 19
    # the memberships with their organisations, 20 the second factor.
    with django_assert_num_queries(20):
        client.get(start_page())
    with scopes_disabled():
        for number in range(3):
            case_for(home_org, project, everyone, f"Mehr{number}", step=date(2026, 6, 1))
            appointment(place, NOW + timedelta(hours=number + 1))
    with django_assert_num_queries(20):
        response = client.get(start_page())
    stats = {
        stat["key"]: stat["count"]
        for panel in response.context["panels"]
        for stat in panel["stats"]
    }
    assert stats["next-steps-overdue"] == 3
    assert stats["appointments-today"] == 3
