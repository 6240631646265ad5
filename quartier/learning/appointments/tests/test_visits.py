"""Visits to the learning place: a quick form, today's list and the use per month and kind."""

from datetime import UTC, datetime

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.learning.appointments.visits import VisitError, record_visit, usage_by_month
from quartier.learning.models import Visit, VisitKind
from quartier.places.directory import current_site_pack, site_calendar

from .fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_a_coordinator_records_a_group_walk_in(client, frozen, lernort, personas):
    client.force_login(personas["coordinator"])
    response = client.post(
        "/en/staff/learning/visits/",
        {
            "contact_point": lernort.pk,
            "kind": VisitKind.WALK_IN,
            "people": 3,
            "language": "ar",
            "at": "2025-10-27T08:45",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        visit = Visit.objects.get()
    assert (visit.people, visit.kind, visit.language) == (3, "walk_in", "ar")
    page = client.get("/en/staff/learning/visits/")
    assert "Walk-in" in page.text


def test_bad_visits_are_refused(client, frozen, lernort, other_point, personas):
    client.force_login(personas["counsellor"])
    response = client.post(
        "/en/staff/learning/visits/",
        {"contact_point": other_point.pk, "kind": "party", "people": 0, "at": "soon"},
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.text
    assert "Ensure this value is greater than or equal to 1." in response.text
    with scopes_disabled():
        assert not Visit.objects.exists()
    with pytest.raises(VisitError, match="may not record visits"):
        record_visit(personas["counsellor"], contact_point=other_point, kind="walk_in")


def test_the_usage_overview_counts_visits_and_people_per_month_and_kind(
    client, frozen, lernort, personas, django_assert_num_queries
):
    coordinator = personas["coordinator"]
    for at, kind, people in [
        (datetime(2025, 9, 30, 22, 30, tzinfo=UTC), "walk_in", 2),  # 1 Oct, local time
        (datetime(2025, 10, 8, 9, 0, tzinfo=UTC), "walk_in", 1),
        (datetime(2025, 10, 8, 10, 0, tzinfo=UTC), "self_learning", 1),
        (datetime(2025, 9, 10, 10, 0, tzinfo=UTC), "appointment", 1),
    ]:
        record_visit(coordinator, contact_point=lernort, kind=kind, at=at, people=people)
    zone = site_calendar(current_site_pack()).zone
    with scopes_disabled():
        rows = usage_by_month([lernort.organisation_id], 2025, zone)
    assert [(r["month"].month, r["cells"], r["visits"], r["people"]) for r in rows] == [
        (9, [(0, 0), (1, 1), (0, 0)], 1, 1),
        (10, [(2, 3), (0, 0), (1, 1)], 3, 4),
    ]
    client.force_login(coordinator)
    # 1 session, 2 user, 3 memberships, 4 site pack, 5 contact points, 6 the aggregate
    with django_assert_num_queries(6):
        response = client.get("/en/staff/learning/visits/usage/?year=2025")
    assert "3 (4)" in response.text


def test_other_organisations_do_not_see_the_visits(client, frozen, lernort, other_org, personas):
    record_visit(personas["coordinator"], contact_point=lernort, kind="walk_in")
    stranger = make_user("west@example.org", Role.LEARNING_COORDINATOR, other_org)
    client.force_login(stranger)
    response = client.get("/en/staff/learning/visits/usage/?year=2025")
    assert "No visits recorded in this year." in response.text
