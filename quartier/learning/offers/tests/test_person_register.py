"""Registering one person for an offer from their person page: the list to choose from,
a place or the waiting list through the one service, and nobody else's people."""

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.learning.models import Registration

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def page(code) -> str:
    return f"/en/staff/learning/people/{code}/register/"


@pytest.fixture
def lan(home_org, project, counsellor):
    return person(home_org, project, counsellor, "Lan", "Tran", "vi", email="lan@example.org")


def test_the_offers_to_come_are_listed_soonest_first_with_their_free_places(
    client, home_org, other_org, coordinator, counsellor, lan, django_assert_num_queries
):
    later = make_offer(home_org, coordinator, title={"de": "Später"}, dates=[at(24, 10)])
    sooner = make_offer(home_org, coordinator, title={"de": "Bald"}, capacity=1)
    make_offer(home_org, coordinator, title={"de": "Vorbei"}, dates=[at(1, 10)])
    make_offer(home_org, coordinator, title={"de": "Geschlossen"}, registration_open=False)
    make_offer(other_org, coordinator, title={"de": "Fremd, unveröffentlicht"}, published=False)
    client.force_login(counsellor)
    # 1 session, 2 user, 3 memberships, 4 the person, 5 offers with counts, next date and
    # the person's registration, 6 their dates to come, 7 the "viewed" entry.
    with django_assert_num_queries(7):
        response = client.get(page(lan.public_id))
    rows = response.context["rows"]
    assert [row["title"] for row in rows] == ["Bald", "Später"]
    assert [row["free"] for row in rows] == [1, 3]
    assert rows[0]["offer"] == sooner and rows[1]["offer"] == later


def test_a_counsellor_registers_the_person_and_returns_to_the_person_page(
    client, home_org, coordinator, counsellor, lan
):
    offer = make_offer(home_org, coordinator, title={"de": "Nachbarschaftstisch"})
    client.force_login(counsellor)
    response = client.post(page(lan.public_id), {"offer": str(offer.code)}, follow=True)
    assert response.redirect_chain[-1][0] == f"/en/staff/people/{lan.public_id}/"
    with scopes_disabled():
        registration = Registration.objects.get()
        assert (registration.participant, registration.status) == (lan, "confirmed")
        assert registration.registered_by == counsellor
        assert AuditEntry.objects.filter(code="learning.registration.created").count() == 1
    page_text = response.content.decode()
    assert "Registered for Nachbarschaftstisch." in page_text
    assert "Registered: Nachbarschaftstisch" in page_text  # on the timeline
    listed = client.get(page(lan.public_id)).context["rows"]
    assert listed[0]["registered"] is True


def test_a_full_offer_puts_the_person_on_the_waiting_list(
    client, home_org, project, coordinator, counsellor, lan
):
    offer = make_offer(home_org, coordinator, capacity=1, title={"de": "Kochkurs"})
    first = person(home_org, project, counsellor, "Anna", "Berg")
    client.force_login(counsellor)
    client.post(page(first.public_id), {"offer": str(offer.code)})
    response = client.post(page(lan.public_id), {"offer": str(offer.code)}, follow=True)
    assert "The offer is full: on the waiting list for Kochkurs." in response.content.decode()
    with scopes_disabled():
        waiting = Registration.objects.get(participant=lan)
    assert (waiting.status, waiting.position) == ("waiting", 1)


def test_registering_twice_is_refused_with_a_message(
    client, home_org, coordinator, counsellor, lan
):
    offer = make_offer(home_org, coordinator)
    client.force_login(counsellor)
    client.post(page(lan.public_id), {"offer": str(offer.code)})
    again = client.post(page(lan.public_id), {"offer": str(offer.code)}, follow=True)
    assert "This person is already registered for this offer." in again.content.decode()
    with scopes_disabled():
        assert Registration.objects.count() == 1


def test_another_organisations_person_is_not_found(
    client, home_org, other_org, project, coordinator, lan, personas
):
    offer = make_offer(home_org, coordinator)
    client.force_login(personas["outsider"])  # a project lead at the other organisation
    assert client.get(page(lan.public_id)).status_code == 404
    assert client.post(page(lan.public_id), {"offer": str(offer.code)}).status_code == 404
    with scopes_disabled():
        assert not Registration.objects.exists()


def test_roles_without_registrations_are_refused(client, lan, personas):
    for name in ("advisor", "viewer", "resident"):
        client.force_login(personas[name])
        assert client.get(page(lan.public_id)).status_code == 403, name
