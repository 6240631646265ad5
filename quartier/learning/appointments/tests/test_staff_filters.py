"""The appointment list's and the visit overview's filters: what they show, what they refuse."""

from datetime import UTC, datetime, timedelta

import pytest

from quartier.accounts.models import Membership, Role
from quartier.conftest import make_user
from quartier.learning.appointments.visits import record_visit
from quartier.learning.models import Appointment, AppointmentStatus

from .fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

LIST = "/en/staff/learning/appointments/"
USAGE = "/en/staff/learning/visits/usage/"
WEDNESDAY_10 = datetime(2025, 10, 29, 9, 0, tzinfo=UTC)
REFUSED_PLACE = "Select a valid choice. buero is not one of the available choices."


def appointment(point, name: str, status: str, hour: int = 10) -> Appointment:
    start = WEDNESDAY_10.replace(hour=hour)
    return Appointment.objects.create(
        organisation=point.organisation,
        contact_point=point,
        start=start,
        end=start + timedelta(minutes=30),
        name=name,
        status=status,
    )


def in_both(home_org, other_org, role: str):
    """Someone with the same staff role in both organisations."""
    user = make_user("beide@example.org", role, home_org)
    Membership.objects.create(user=user, organisation=other_org, role=role)
    return user


def names(response) -> list[str]:
    return [row.name for row in response.context["page"]]


@pytest.fixture
def listed(frozen, lernort, other_point):
    appointment(lernort, "Requested Here", AppointmentStatus.REQUESTED, hour=9)
    appointment(lernort, "Cancelled Here", AppointmentStatus.CANCELLED, hour=10)
    appointment(other_point, "Requested There", AppointmentStatus.REQUESTED, hour=11)
    appointment(other_point, "Cancelled There", AppointmentStatus.CANCELLED, hour=12)


def test_the_list_shows_the_open_appointments_without_a_status(client, listed, counsellor):
    client.force_login(counsellor)
    assert names(client.get(LIST)) == ["Requested Here"]
    assert names(client.get(LIST, {"status": "all"})) == ["Requested Here", "Cancelled Here"]
    assert names(client.get(LIST, {"status": ""})) == ["Requested Here", "Cancelled Here"]


def test_the_list_shows_only_the_status_and_place_chosen(
    client, listed, home_org, other_org, django_assert_num_queries
):
    client.force_login(in_both(home_org, other_org, Role.COUNSELLOR))
    assert names(client.get(LIST, {"status": "all"})) == [
        "Requested Here",
        "Cancelled Here",
        "Requested There",
        "Cancelled There",
    ]
    # As many queries as the unfiltered list (test_appointment_staff): 1 session, 2 user,
    # 3 memberships, 4 contact points for the filter, 5 + 6 appointments to reassign,
    # 7 the page, 8 the count, 9 site pack
    with django_assert_num_queries(9):
        response = client.get(LIST, {"status": "cancelled", "place": "buero"})
    assert names(response) == ["Cancelled There"]
    assert '<option value="buero" selected>Büro West</option>' in response.text
    assert '<option value="cancelled" selected>Cancelled</option>' in response.text


def test_a_bad_status_is_dropped_with_its_message_and_the_place_still_applies(
    client, listed, home_org, other_org, django_assert_num_queries
):
    """Dropped as if not given: the default (open) applies, and the select shows it."""
    client.force_login(in_both(home_org, other_org, Role.COUNSELLOR))
    with django_assert_num_queries(9):
        response = client.get(LIST, {"status": "lost", "place": "lernort"})
    assert response.status_code == 200
    assert "Select a valid choice. lost is not one of the available choices." in response.text
    assert names(response) == ["Requested Here"]
    assert '<option value="open" selected>' in response.text
    assert '<option value="lernort" selected>Lernort am Markt</option>' in response.text


def test_another_organisations_place_is_refused(client, listed, two_org_personas):
    """A counsellor here who is a resident at the other organisation: its places are not
    among the choices, and its slug is refused like a bad value."""
    client.force_login(two_org_personas["counsellor+resident"])
    response = client.get(LIST, {"status": "all", "place": "buero"})
    assert response.status_code == 200
    assert REFUSED_PLACE in response.text
    assert names(response) == ["Requested Here", "Cancelled Here"]
    assert 'value="buero"' not in response.text
    assert '<option value="lernort">Lernort am Markt</option>' in response.text


def test_the_reassign_link_keeps_its_address(client, listed, counsellor):
    client.force_login(counsellor)
    response = client.get(LIST, {"status": "reassign"})
    assert response.status_code == 200
    assert names(response) == []
    assert "Select a valid choice" not in response.text


@pytest.fixture
def used(frozen, lernort, other_point, home_org, other_org):
    both = in_both(home_org, other_org, Role.LEARNING_COORDINATOR)
    at = datetime(2025, 10, 8, 9, 0, tzinfo=UTC)
    record_visit(both, contact_point=lernort, kind="walk_in", at=at, people=2)
    record_visit(both, contact_point=other_point, kind="walk_in", at=at, people=5)
    return both


def test_the_overview_counts_only_the_place_chosen(client, used, django_assert_num_queries):
    client.force_login(used)
    assert "2 (7)" in client.get(USAGE, {"year": "2025"}).text
    # 1 session, 2 user, 3 memberships, 4 site pack, 5 contact points, 6 the aggregate
    with django_assert_num_queries(6):
        response = client.get(USAGE, {"year": "2025", "place": "buero"})
    assert "1 (5)" in response.text
    assert "2 (7)" not in response.text
    assert '<option value="buero" selected>Büro West</option>' in response.text


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("soon", "Enter a whole number."),
        ("1999", "Ensure this value is greater than or equal to 2000."),
        ("2027", "Ensure this value is less than or equal to 2026."),
    ],
)
def test_a_bad_year_shows_this_year_with_its_message(
    client, used, year, message, django_assert_num_queries
):
    client.force_login(used)
    with django_assert_num_queries(6):
        response = client.get(USAGE, {"year": year, "place": "lernort"})
    assert response.status_code == 200
    assert message in response.text
    assert "Use per month, 2025" in response.text
    assert '<option value="2025" selected>2025</option>' in response.text
    assert "1 (2)" in response.text


def test_an_empty_year_shows_this_year(client, used):
    client.force_login(used)
    response = client.get(USAGE, {"year": ""})
    assert "Use per month, 2025" in response.text
    assert "2 (7)" in response.text
    assert 'class="errorlist' not in response.text


def test_an_older_year_stays_selected(client, used):
    client.force_login(used)
    response = client.get(USAGE, {"year": "2019"})
    assert "Use per month, 2019" in response.text
    assert '<option value="2019" selected>2019</option>' in response.text
    assert "No visits recorded in this year." in response.text


def test_the_overview_refuses_another_organisations_place(client, used, lernort, two_org_personas):
    counsellor = two_org_personas["counsellor+resident"]
    record_visit(
        counsellor,
        contact_point=lernort,
        kind="walk_in",
        at=datetime(2025, 10, 9, 9, 0, tzinfo=UTC),
        people=1,
    )
    client.force_login(counsellor)
    response = client.get(USAGE, {"year": "2025", "place": "buero"})
    assert response.status_code == 200
    assert REFUSED_PLACE in response.text
    # The year still applies: this organisation's visits of October, not the other's.
    assert "2 (3)" in response.text
