"""Staff pages: offers created and edited by coordinators, registrations by staff and
businesses, and what other organisations, residents and employers may not see."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Role
from quartier.conftest import make_user
from quartier.learning.models import Offer, OfferDate, Registration
from quartier.learning.offers import views as offer_views
from quartier.learning.offers.registrations import register
from quartier.tests.pagination import walk

from .fixtures import *  # noqa: F403
from .fixtures import make_offer, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"learning:{name}", kwargs=kwargs)


def offer_form(**fields) -> dict:
    return {
        "kind": "taster",
        "audience": "residents",
        "contact_point": "",
        "room": "",
        "online_url": "https://meet.example.org/garden",
        "capacity": "8",
        "cost": "0",
        "cost_note": "",
        "published": "on",
        "registration_open": "on",
        "languages": ["de", "ar"],
        "title_de": "Gärtnern im Quartier",
        "title_ar": "البستنة في الحي",
        "description_de": "Schnupperkurs.",
    } | fields


def test_a_coordinator_creates_an_offer_with_titles_in_several_languages_and_adds_dates(
    client, coordinator, home_org
):
    client.force_login(coordinator)
    response = client.post(url("offer-create"), offer_form())
    offer = Offer.objects.get()
    assert response["Location"] == url("date-add", code=offer.code)
    assert offer.organisation == home_org
    assert offer.title == {"de": "Gärtnern im Quartier", "ar": "البستنة في الحي"}
    assert offer.title_text("ar") == "البستنة في الحي"
    assert offer.title_text("ru") == "Gärtnern im Quartier"
    assert offer.languages == ["de", "ar"] and offer.capacity == 8

    response = client.post(
        url("date-add", code=offer.code),
        {"starts_at": "2026-06-19T10:00", "ends_at": "2026-06-19T12:00", "room": ""},
    )
    assert response.status_code == 302
    assert OfferDate.objects.get().offer == offer
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="learning.offer.created").count() == 1


def test_an_offer_needs_a_place_or_a_link_and_a_date_must_end_after_it_starts(
    client, coordinator, home_org
):
    client.force_login(coordinator)
    response = client.post(url("offer-create"), offer_form(online_url=""))
    assert "Choose a place or give the link of the online offer." in response.content.decode()
    assert not Offer.objects.exists()
    offer = make_offer(home_org, coordinator, dates=[])
    response = client.post(
        url("date-add", code=offer.code),
        {"starts_at": "2026-06-19T12:00", "ends_at": "2026-06-19T10:00"},
    )
    assert "A date must end after it starts." in response.content.decode()
    assert not OfferDate.objects.exists()


def test_the_coordinator_edits_the_offer_and_more_places_move_people_up(
    client, coordinator, home_org
):
    offer = make_offer(home_org, coordinator, capacity=1)
    register(offer, None, name="A", email="a@example.org")
    waiting = register(offer, None, name="B", email="b@example.org")
    client.force_login(coordinator)
    form = offer_form(capacity="2", title_de="Neuer Titel", languages=["de"])
    assert client.post(url("offer-edit", code=offer.code), form).status_code == 302
    offer.refresh_from_db()
    waiting.refresh_from_db()
    assert (offer.title_text("de"), offer.capacity, waiting.status) == (
        "Neuer Titel",
        2,
        "confirmed",
    )


def test_another_organisations_coordinator_cannot_edit_or_see_registrations(
    client, coordinator, home_org, other_org, personas
):
    offer = make_offer(home_org, coordinator)
    hidden = make_offer(home_org, coordinator, published=False)
    register(offer, None, name="Anna Geheim", email="anna@example.org")
    elsewhere = make_user("lerneck@elsewhere.example.org", Role.LEARNING_COORDINATOR, other_org)
    date = offer.dates.get()
    for user in (elsewhere, personas["outsider"]):
        client.force_login(user)
        assert client.get(url("offer-edit", code=offer.code)).status_code == 404
        assert client.get(url("offer-detail", code=hidden.code)).status_code == 404
        assert client.get(url("check-in", pk=date.pk)).status_code == 404
        assert client.post(url("date-cancel", pk=date.pk)).status_code == 404
        page = client.get(url("offer-detail", code=offer.code)).content.decode()
        assert "Anna Geheim" not in page
    with scopes_disabled():
        registration = Registration.objects.get()
    client.force_login(elsewhere)
    assert client.post(url("registration-cancel", code=registration.code)).status_code == 404
    assert client.get(url("certificate", code=registration.code)).status_code == 404


def test_residents_employers_and_viewers_are_refused_on_the_staff_pages(
    client, coordinator, home_org, personas
):
    offer = make_offer(home_org, coordinator)
    for persona in ("resident", "employer", "viewer", "advisor"):
        client.force_login(personas[persona])
        assert client.get(url("offer-list")).status_code == 403, persona
        assert client.get(url("offer-detail", code=offer.code)).status_code == 403, persona
        assert client.get(url("check-in", pk=offer.dates.get().pk)).status_code == 403, persona
    client.logout()
    assert client.get(url("offer-list")).status_code == 302


def test_a_counsellor_registers_several_of_their_participants_and_sees_only_their_own(
    client, coordinator, counsellor, home_org, other_org, project
):
    offer = make_offer(home_org, coordinator, capacity=2)
    people = [person(home_org, project, counsellor, name, "Test") for name in ("Ana", "Ben", "Cem")]
    elsewhere = make_user("berater@elsewhere.example.org", Role.COUNSELLOR, other_org)
    stranger = person(other_org, project, elsewhere, "Dana", "Fremd")
    client.force_login(counsellor)
    page = client.get(url("offer-register", code=offer.code)).content.decode()
    assert "Test, Ana" in page and "Fremd" not in page
    response = client.post(
        url("offer-register", code=offer.code),
        {"participants": [p.pk for p in people]},
        follow=True,
    )
    assert "Registered: 2 with a place, 1 on the waiting list." in response.content.decode()
    refused = client.post(url("offer-register", code=offer.code), {"participants": [stranger.pk]})
    assert refused.status_code == 200  # not a choice: the form refuses it
    with scopes_disabled():
        assert Registration.objects.count() == 3
    # The other organisation's counsellor sees none of these people on the offer.
    client.force_login(elsewhere)
    page = client.get(url("offer-detail", code=offer.code)).content.decode()
    assert "Ana Test" not in page


def test_an_employer_registers_staff_for_a_business_offer_and_cancels_one(
    client, coordinator, home_org, personas
):
    offer = make_offer(home_org, coordinator, kind="business", audience="businesses", capacity=2)
    residents_only = make_offer(home_org, coordinator, audience="residents")
    client.force_login(personas["employer"])
    assert client.get(url("business-offers")).status_code == 200
    assert client.get(url("offer-business", code=residents_only.code)).status_code == 404
    response = client.post(
        url("offer-business", code=offer.code),
        {"names": "Mai Nguyen\nJonas Weber\nLea Roth"},
        follow=True,
    )
    page = response.content.decode()
    assert "Mai Nguyen is registered." in page and "Lea Roth is on the waiting list." in page
    again = client.post(
        url("offer-business", code=offer.code), {"names": "mai nguyen"}, follow=True
    )
    assert "already registered" in again.content.decode()
    with scopes_disabled():
        mai = Registration.objects.get(name="Mai Nguyen")
    assert mai.business == personas["employer"].memberships.get().organisation
    client.post(url("registration-cancel", code=mai.code))
    with scopes_disabled():
        assert Registration.objects.get(name="Lea Roth").status == "confirmed"


def test_the_offer_list_needs_a_constant_number_of_queries(
    client, coordinator, home_org, django_assert_num_queries
):
    make_offer(home_org, coordinator)
    client.force_login(coordinator)

    def count():
        # 1 session, 2 user, 3 memberships, 4 the page of offers with places and
        # organisations, 5 their upcoming dates, 6 the count of offers (at most 10 001).
        with django_assert_num_queries(6):
            client.get(url("offer-list"))

    count()
    for _number in range(5):
        offer = make_offer(home_org, coordinator)
        register(offer, None, name="A", email="a@example.org")
    count()


def test_the_registrations_list_needs_a_constant_number_of_queries(
    client, coordinator, home_org, django_assert_num_queries
):
    offer = make_offer(home_org, coordinator, capacity=2)
    register(offer, None, name="A", email="a@example.org")
    client.force_login(coordinator)

    def count():
        # 1 session, 2 user, 3 memberships, 4 the offer with organisation, place and
        # quarter, 5 dates, 6 the page of registrations with businesses and waiting
        # places, 7 their bounded count, 8 the audit entry of the read, 9 places taken,
        # 10 the labels of the skills it teaches.
        with django_assert_num_queries(10):
            response = client.get(url("offer-detail", code=offer.code))
        return response

    count()
    for number in range(5):
        register(offer, None, name=f"P{number}", email=f"p{number}@example.org")
    page = count().content.decode()
    assert "Waiting list, place 4" in page


def test_a_long_registration_list_pages_by_cursor_with_each_person_once(
    client, coordinator, home_org, monkeypatch
):
    monkeypatch.setattr(offer_views, "REGISTRATIONS_PER_PAGE", 4)
    offer = make_offer(home_org, coordinator, capacity=5)
    for number in range(11):
        register(offer, None, name=f"Person {number:02}", email=f"p{number}@example.org")
    client.force_login(coordinator)

    places = {}

    def shown(response):
        assert "5 / 5" in response.content.decode()
        places.update((r.name, r.rank) for r in response.context["page"])
        return [registration.name for registration in response.context["page"]]

    forward, backward = walk(client, url("offer-detail", code=offer.code), {}, shown)
    assert [len(page) for page in forward] == [4, 4, 3]
    # The five with a place first, then the waiting list in its order.
    assert [name for page in forward for name in page] == [f"Person {n:02}" for n in range(11)]
    assert backward == list(reversed(forward))
    # The places on the waiting list run on across the pages.
    assert [places[f"Person {n:02}"] for n in range(4, 11)] == [None, 1, 2, 3, 4, 5, 6]


def test_a_partner_sees_the_true_place_on_the_waiting_list_and_all_places_taken(
    client, coordinator, counsellor, home_org, other_org, project
):
    offer = make_offer(home_org, coordinator, capacity=2)
    for number in range(3):
        register(offer, None, name=f"Zuzug {number}", email=f"p{number}@example.org")
    elsewhere = make_user("berater@elsewhere.example.org", Role.COUNSELLOR, other_org)
    theirs = person(other_org, project, elsewhere, "Dana", "Fremd")
    client.force_login(elsewhere)
    client.post(url("offer-register", code=offer.code), {"participants": [theirs.pk]})
    page = client.get(url("offer-detail", code=offer.code)).content.decode()
    # One person of the home organisation waits before Dana: she is second, not first
    # among the people her counsellor may see; the places taken are the offer's.
    assert "Fremd" in page and "Zuzug" not in page
    assert "Waiting list, place 2" in page
    assert "2 / 2" in page


def test_a_counsellor_can_narrow_the_choice_to_their_own_group(
    client, coordinator, counsellor, lead, home_org, project
):
    from quartier.counselling.cases import open_case

    offer = make_offer(home_org, coordinator)
    mine = person(home_org, project, counsellor, "Ana", "Meine")
    theirs = person(home_org, project, counsellor, "Ben", "Andere")
    open_case(mine, counsellor)
    open_case(theirs, counsellor, counsellor=lead)
    client.force_login(counsellor)
    page = client.get(url("offer-register", code=offer.code), {"mine": "1"}).content.decode()
    assert "Meine, Ana" in page and "Andere, Ben" not in page


def test_who_organises_for_two_organisations_chooses_which_one(
    client, coordinator, home_org, other_org
):
    from quartier.accounts.models import Membership

    Membership.objects.create(user=coordinator, organisation=other_org, role="coordinator")
    client.force_login(coordinator)
    response = client.post(url("offer-create"), offer_form(organisation=other_org.pk))
    assert response.status_code == 302
    assert Offer.objects.get().organisation == other_org


def test_the_offer_list_pages_forward_and_back_with_each_offer_once(
    client, coordinator, home_org, monkeypatch
):
    monkeypatch.setattr(offer_views, "PAGE_SIZE", 5)
    # Created in batches at the same instant: pages break inside them.
    for number in range(23):
        with time_machine.travel(f"2026-06-0{number // 4 + 1} 10:00 +02:00", tick=False):
            make_offer(home_org, coordinator, dates=[], title={"de": f"Angebot {number}"})
    client.force_login(coordinator)

    def shown(response):
        return [row["offer"].pk for row in response.context["rows"]]

    forward, backward = walk(client, url("offer-list"), {}, shown)
    with scopes_disabled():
        expected = list(Offer.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))
    assert [len(page) for page in forward] == [5, 5, 5, 5, 3]
    assert [pk for page in forward for pk in page] == expected
    assert backward == list(reversed(forward))
    assert shown(client.get(url("offer-list"), {"cursor": "x"})) == forward[0]
