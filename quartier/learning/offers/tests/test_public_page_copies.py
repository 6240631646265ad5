"""Copies of public pages (quartier/lib/page_cache.py), through the real calendar and offer page.

Visitors without a session or messages cookie get a copy of the page for
``PAGE_CACHE_SECONDS``, with their own CSRF token in its forms; staff and visitors
with a session get it fresh.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.learning.models import Registration

from .fixtures import *  # noqa: F403
from .fixtures import NOW, make_offer

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def copies_on(settings):
    settings.PAGE_CACHE_SECONDS = 30


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def url(name: str, **kwargs) -> str:
    with translation.override("de"):
        return reverse(f"learning-public:{name}", kwargs=kwargs)


def test_a_visitor_gets_a_copy_of_the_calendar_until_it_expires(
    clock, home_org, coordinator, django_assert_num_queries
):
    make_offer(home_org, coordinator, title={"de": "Nachbarschaftstisch"})
    first = Client().get(url("offers"))
    assert "Nachbarschaftstisch" in first.content.decode()

    make_offer(home_org, coordinator, title={"de": "Deutsch im Alltag"})
    with django_assert_num_queries(0):  # answered from the copy
        again = Client().get(url("offers"))
    assert again.status_code == 200
    assert "Deutsch im Alltag" not in again.content.decode()
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Content-Security-Policy"]  # the headers of every page are still added

    clock.shift(timedelta(seconds=31))
    assert "Deutsch im Alltag" in Client().get(url("offers")).content.decode()


def test_staff_and_visitors_with_a_cookie_see_a_change_at_once(
    clock, client, home_org, coordinator
):
    make_offer(home_org, coordinator, title={"de": "Nachbarschaftstisch"})
    Client().get(url("offers"))  # makes the copy
    make_offer(home_org, coordinator, title={"de": "Deutsch im Alltag"})

    client.force_login(coordinator)
    assert "Deutsch im Alltag" in client.get(url("offers")).content.decode()
    with_session = Client()
    with_session.cookies["sessionid"] = "a-session-of-this-visitor"
    assert "Deutsch im Alltag" in with_session.get(url("offers")).content.decode()
    htmx = Client().get(url("offers"), headers={"HX-Request": "true"})
    assert "Deutsch im Alltag" in htmx.content.decode()


def test_a_copied_offer_page_carries_each_visitors_own_token_and_both_can_register(
    clock, home_org, coordinator, lerneck, django_assert_num_queries
):
    offer = make_offer(home_org, coordinator, lerneck)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(url("offer", code=offer.code))
    with django_assert_num_queries(0):  # the second visitor gets the copy
        second_page = second.get(url("offer", code=offer.code))
    tokens = [TOKEN.search(page.content.decode()).group(1) for page in (first_page, second_page)]
    assert tokens[0] != tokens[1]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    for visitor, token, name in ((first, tokens[0], "A"), (second, tokens[1], "B")):
        response = visitor.post(
            url("offer", code=offer.code),
            {
                "csrfmiddlewaretoken": token,
                "name": f"Resident {name}",
                "phone": f"0341 1000{name}",
                "language": "de",
                "privacy": "on",
            },
        )
        assert response.status_code == 302
    with scopes_disabled():
        assert Registration.objects.filter(offer=offer).count() == 2


def test_a_visitor_with_a_token_cookie_gets_the_copy_with_that_token(
    clock, home_org, coordinator, lerneck
):
    offer = make_offer(home_org, coordinator, lerneck)
    Client().get(url("offer", code=offer.code))  # makes the copy
    returning = Client(enforce_csrf_checks=True)
    returning.get(url("offers"))
    returning.get(url("offer", code=offer.code))
    secret = returning.cookies["csrftoken"].value
    page = returning.get(url("offer", code=offer.code)).content.decode()
    response = returning.post(
        url("offer", code=offer.code),
        {
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
            "name": "Resident C",
            "phone": "0341 1000C",
            "language": "de",
            "privacy": "on",
        },
    )
    assert response.status_code == 302
    assert returning.cookies["csrftoken"].value == secret  # the same visitor throughout
