"""The coordinators' date list: this week's dates and what they need, on Monday 15 June
2026 at midday (``frozen_now``)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.learning.offers.attendance import set_attendance
from quartier.learning.offers.registrations import register

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def date_list() -> str:
    with translation.override("en"):
        return reverse("learning:date-list")


def titles(response) -> list[str]:
    return [row["title"] for row in response.context["rows"]]


@pytest.fixture
def week(home_org, coordinator, lerneck):
    """A full course this morning (one waiting), an open table on Wednesday, a table
    with places next week."""
    course = make_offer(
        home_org, coordinator, lerneck, capacity=1, title={"de": "Deutschkurs"}, dates=[at(15, 9)]
    )
    register(course, None, name="Anna", email="anna@example.org")
    register(course, None, name="Boris", email="boris@example.org")
    make_offer(home_org, coordinator, lerneck, capacity=None, title={"de": "Tisch"})
    make_offer(home_org, coordinator, lerneck, title={"de": "Später"}, dates=[at(23, 15)])
    return course


def test_this_week_and_what_each_date_needs(client, coordinator, week):
    client.force_login(coordinator)
    assert titles(client.get(date_list())) == ["Deutschkurs", "Tisch"]
    assert titles(client.get(date_list(), {"week": "next"})) == ["Später"]
    assert titles(client.get(date_list(), {"need": "free"})) == ["Tisch"]
    assert titles(client.get(date_list(), {"need": "waiting"})) == ["Deutschkurs"]
    assert titles(client.get(date_list(), {"need": "check-in"})) == ["Deutschkurs"]
    # An unknown value filters nothing; the week stays this one.
    assert titles(client.get(date_list(), {"need": "x", "week": "y"})) == ["Deutschkurs", "Tisch"]


def test_a_recorded_check_in_leaves_the_list_of_check_ins_to_do(client, coordinator, week):
    with scopes_disabled():
        offer_date = week.dates.get()
        anna = week.registrations.get(name="Anna")
        set_attendance(anna, offer_date, True, coordinator)
    client.force_login(coordinator)
    assert titles(client.get(date_list(), {"need": "check-in"})) == []


def test_only_the_dates_of_offers_the_user_manages(client, personas, week):
    client.force_login(personas["outsider"])  # a project lead of another organisation
    response = client.get(date_list())
    assert response.status_code == 200
    assert titles(response) == []
    assert "No dates match." in response.content.decode()
    for persona in ("counsellor", "advisor", "viewer", "resident", "employer"):
        client.force_login(personas[persona])
        assert client.get(date_list()).status_code == 403, persona


def test_the_date_list_takes_the_same_number_of_queries(
    client, coordinator, home_org, lerneck, week, django_assert_num_queries
):
    client.force_login(coordinator)
    # 1 session, 2 user, 3 memberships, 4 the page of dates with offers and counts,
    # 5 the bounded count.
    with django_assert_num_queries(5):
        client.get(date_list())
    for number in range(4):
        make_offer(home_org, coordinator, lerneck, title={"de": f"Tisch {number}"})
    with django_assert_num_queries(5):
        response = client.get(date_list())
    assert len(response.context["rows"]) == 6
