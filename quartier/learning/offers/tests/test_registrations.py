"""The one registration service: capacity, waiting list, move-up, duplicates, cancelling."""

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.learning.models import Registration, RegistrationStatus
from quartier.learning.offers.registrations import (
    RegistrationError,
    cancel,
    register,
    register_participants,
    waiting_rank,
)
from quartier.learning.offers.services import change_offer

from .fixtures import *  # noqa: F403
from .fixtures import make_offer, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def resident(offer, name: str, email: str = "", phone: str = "", language: str = "de"):
    return register(offer, None, name=name, email=email, phone=phone, language=language)


def test_places_are_confirmed_until_full_then_people_wait_in_order(home_org, coordinator):
    offer = make_offer(home_org, coordinator, capacity=2)
    first = resident(offer, "Anna", "anna@example.org")
    second = resident(offer, "Boris", "boris@example.org")
    third = resident(offer, "Chi", "chi@example.org")
    fourth = resident(offer, "Dara", phone="0341 123")
    assert [first.status, second.status] == ["confirmed", "confirmed"]
    assert [third.status, fourth.status] == ["waiting", "waiting"]
    assert [third.position, fourth.position] == [1, 2]
    assert [waiting_rank(third), waiting_rank(fourth)] == [1, 2]


def test_cancelling_a_place_moves_the_first_waiting_person_up_and_mails_them_in_their_language(
    home_org, coordinator, django_capture_on_commit_callbacks
):
    offer = make_offer(home_org, coordinator, capacity=1)
    anna = resident(offer, "Anna", "anna@example.org")
    olga = resident(offer, "Olga", "olga@example.org", language="ru")
    chi = resident(offer, "Chi", "chi@example.org", language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        moved = cancel(anna)

    assert moved.pk == olga.pk
    with scopes_disabled():
        statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Anna": "cancelled", "Olga": "confirmed", "Chi": "waiting"}
    chi.refresh_from_db()
    assert waiting_rank(chi) == 1
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {"anna@example.org", "olga@example.org"}
    moved_up = recipients["olga@example.org"]
    assert moved_up.extra_headers["Content-Language"] == "ru"
    assert "Соседский стол" in moved_up.subject
    assert [name for name, _body, _type in moved_up.attachments] == ["offer.ics"]
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="learning.registration.moved_up").count() == 1


def test_cancelling_a_waiting_place_moves_nobody(home_org, coordinator):
    offer = make_offer(home_org, coordinator, capacity=1)
    resident(offer, "Anna", "anna@example.org")
    boris = resident(offer, "Boris", "boris@example.org")
    assert cancel(boris) is None
    with scopes_disabled():
        assert Registration.objects.filter(status="confirmed").count() == 1


def test_cancelling_twice_is_refused(home_org, coordinator):
    offer = make_offer(home_org, coordinator)
    anna = resident(offer, "Anna", "anna@example.org")
    cancel(anna)
    with pytest.raises(RegistrationError, match="already cancelled"):
        cancel(anna)


def test_nobody_is_registered_twice(home_org, coordinator, counsellor, project):
    offer = make_offer(home_org, coordinator, capacity=10)
    resident(offer, "Anna", "Anna@Example.org")
    with pytest.raises(RegistrationError, match="already registered"):
        resident(offer, "Anna K.", "anna@example.ORG")
    resident(offer, "Boris", phone="0341 99")
    with pytest.raises(RegistrationError, match="already registered"):
        resident(offer, "Boris", phone="0341 99")
    lan = person(home_org, project, counsellor, "Lan", "Trần", "vi")
    register(offer, counsellor, participant=lan)
    with pytest.raises(RegistrationError, match="already registered"):
        register(offer, counsellor, participant=lan)
    with scopes_disabled():
        assert Registration.objects.count() == 3


def test_after_cancelling_the_same_person_may_register_again(home_org, coordinator):
    offer = make_offer(home_org, coordinator)
    cancel(resident(offer, "Anna", "anna@example.org"))
    again = resident(offer, "Anna", "anna@example.org")
    assert again.status == RegistrationStatus.CONFIRMED


def test_a_resident_must_give_a_name_and_a_way_to_reach_them(home_org, coordinator):
    offer = make_offer(home_org, coordinator)
    with pytest.raises(RegistrationError, match="e-mail address or a phone number"):
        resident(offer, "Anna")
    with pytest.raises(RegistrationError, match="your name"):
        resident(offer, "  ", "a@example.org")
    with scopes_disabled():
        assert not Registration.objects.exists()


def test_closed_and_unpublished_offers_take_no_public_registrations(home_org, coordinator):
    closed = make_offer(home_org, coordinator, registration_open=False)
    hidden = make_offer(home_org, coordinator, published=False)
    for offer in (closed, hidden):
        with pytest.raises(RegistrationError, match="closed"):
            resident(offer, "Anna", "anna@example.org")


def test_staff_register_several_participants_at_once_and_hear_about_refusals(
    home_org, coordinator, counsellor, project
):
    offer = make_offer(home_org, coordinator, capacity=2)
    people = [person(home_org, project, counsellor, name, "Test") for name in "ABC"]
    register(offer, counsellor, participant=people[0])
    done, refused = register_participants(offer, people, counsellor)
    assert [r.status for r in done] == ["confirmed", "waiting"]
    assert [(p.given_name, error) for p, error in refused] == [
        ("A", "This person is already registered for this offer.")
    ]
    assert done[0].language == "de" and done[0].name == "B Test"


def test_more_places_move_people_up_from_the_waiting_list(home_org, coordinator):
    offer = make_offer(home_org, coordinator, capacity=1)
    resident(offer, "Anna", "anna@example.org")
    resident(offer, "Boris", "boris@example.org")
    resident(offer, "Chi", "chi@example.org")
    change_offer(offer, coordinator, capacity=2)
    with scopes_disabled():
        statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Anna": "confirmed", "Boris": "confirmed", "Chi": "waiting"}


def test_an_offer_without_a_limit_confirms_everybody(home_org, coordinator):
    offer = make_offer(home_org, coordinator, capacity=None)
    for number in range(5):
        assert resident(offer, f"P{number}", f"p{number}@example.org").status == "confirmed"
