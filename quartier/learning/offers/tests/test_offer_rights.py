"""Registrations in a person's export and erasure; residents' details go after the offer."""

import pytest
import time_machine
from django_scopes import scopes_disabled

from quartier.learning.models import Registration
from quartier.learning.offers.attendance import set_attendance
from quartier.learning.offers.registrations import register
from quartier.learning.offers.rights import anonymise, anonymise_past_public_registrations
from quartier.people.rights import export_person

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer, person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def test_the_export_lists_the_persons_registrations_and_dates_attended(
    home_org, coordinator, counsellor, project
):
    offer = make_offer(home_org, coordinator, dates=[at(10, 10)], title={"de": "Digital fit"})
    lan = person(home_org, project, counsellor, "Lan", "Trần", "vi")
    registration = register(offer, counsellor, participant=lan)
    set_attendance(registration, offer.dates.get(), True, coordinator)
    with scopes_disabled():
        export = export_person(lan, counsellor, "json")
    [row] = export["sections"]["learning"]
    assert row["offer"] == "Digital fit" and row["status"] == "confirmed"
    assert row["dates_attended"] == [at(10, 10)]


def test_anonymising_a_participant_replaces_the_name_on_their_registrations(
    home_org, coordinator, counsellor, project
):
    offer = make_offer(home_org, coordinator)
    lan = person(home_org, project, counsellor, "Lan", "Trần", "vi")
    register(offer, counsellor, participant=lan)
    anonymise([lan.pk])
    with scopes_disabled():
        assert Registration.objects.get().name == "Anonymised"


def test_residents_details_go_ninety_days_after_the_offer_ended(home_org, coordinator):
    offer = make_offer(home_org, coordinator, dates=[at(17, 10)])
    later = make_offer(home_org, coordinator, dates=[at(17, 10), at(30, 10, month=9)])
    register(offer, None, name="Anna", email="anna@example.org", phone="0341 1")
    register(later, None, name="Boris", email="boris@example.org")
    assert anonymise_past_public_registrations() == 0
    with time_machine.travel(at(17, 13, month=9), tick=False):
        assert anonymise_past_public_registrations() == 1
        assert anonymise_past_public_registrations() == 0
    with scopes_disabled():
        rows = dict(Registration.objects.values_list("offer_id", "name"))
        anna = Registration.objects.get(offer=offer)
    assert rows == {offer.pk: "Anonymised", later.pk: "Boris"}
    assert (anna.email, anna.phone) == ("", "")
