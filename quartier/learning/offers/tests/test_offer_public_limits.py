"""Registering on the public offer page resists abuse: limits, honeypot, the mail's content.

The clock stands still (``frozen_now``), so the counting windows do not turn over
during a test; each request names its client address.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from quartier.learning.models import Registration
from quartier.learning.offers.registrations import cancel_token, register

from .fixtures import *  # noqa: F403
from .fixtures import NOW, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TOO_MANY = "Too many attempts. Please wait a little and try again."
CHECK_ENTRIES = "Please check your entries and send the form again."


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"learning-public:{name}", kwargs=kwargs)


def registration_form(**fields) -> dict:
    return {
        "name": "Thị Lan Trần",
        "email": "lan@example.org",
        "language": "en",
        "privacy": "on",
    } | fields


def registrations() -> int:
    return Registration.objects.with_scopes_disabled().count()


@pytest.fixture
def offer(home_org, coordinator, lerneck):
    return make_offer(home_org, coordinator, lerneck)


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(path: str, data: dict, address: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, REMOTE_ADDR=address)

    return post


def test_one_address_gets_the_form_back_after_too_many_attempts(send, offer, settings):
    settings.PUBLIC_FORM_RATE_PER_IP = "2/m"
    for number in range(2):  # attempts count, valid or not
        response = send(
            url("offer", code=offer.code), {"email": f"x{number}@example.org"}, "10.0.0.1"
        )
        assert response.status_code == 200

    response = send(url("offer", code=offer.code), registration_form(), "10.0.0.1")

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert registrations() == 0
    assert mail.outbox == []
    assert send(url("offer", code=offer.code), registration_form(), "10.0.0.2").status_code == 302


def test_one_email_address_gets_the_form_back_after_too_many_attempts_from_anywhere(
    send, offer, settings
):
    settings.PUBLIC_FORM_RATE_PER_EMAIL = "2/h"
    for number, typed in enumerate(["Lan@Example.org", " lan@example.org "]):
        response = send(url("offer", code=offer.code), {"email": typed}, f"10.0.0.{number}")
        assert response.status_code == 200

    response = send(url("offer", code=offer.code), registration_form(), "10.0.0.9")

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert registrations() == 0
    assert mail.outbox == []


def test_a_filled_honeypot_is_refused_like_a_mistake(client, send, offer):
    page = client.get(url("offer", code=offer.code)).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true"><label for="id_website">' in page

    response = send(url("offer", code=offer.code), registration_form(website="Buy now"), "10.0.0.1")

    assert response.status_code == 200
    assert CHECK_ENTRIES in response.content.decode()
    assert registrations() == 0
    assert mail.outbox == []


def test_the_mail_greets_with_the_name_only_cut_and_without_links(send, offer):
    name = "Lan www.spam.example " + "Trần-" * 40

    response = send(url("offer", code=offer.code), registration_form(name=name), "10.0.0.1")

    assert response.status_code == 302
    [message] = mail.outbox
    greeting = "Lan " + ("Trần-" * 40)[:56]
    html = message.alternatives[0][0]
    assert f"Hello {greeting}," in message.body
    assert f"Hello {greeting}," in html
    assert "spam" not in message.body + html + message.subject


def test_an_address_gets_three_answers_a_day_and_the_fourth_is_skipped(
    send, home_org, coordinator, lerneck, caplog
):
    offers = [make_offer(home_org, coordinator, lerneck) for _ in range(5)]
    for number, offer in enumerate(offers[:4]):
        response = send(url("offer", code=offer.code), registration_form(), f"10.0.0.{number}")
        assert response.status_code == 302

    assert registrations() == 4  # the places are taken; only the mail is not sent
    assert len(mail.outbox) == 3
    assert "Not sent: the confirmed mail of registration" in caplog.text
    assert "lan@example.org" not in caplog.text

    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        send(url("offer", code=offers[4].code), registration_form(), "10.0.0.9")
    assert len(mail.outbox) == 4


def test_the_cancel_link_gets_the_page_back_after_too_many_attempts(send, offer, settings):
    settings.PUBLIC_FORM_RATE_PER_IP = "1/m"
    anna = register(offer, None, name="Anna", email="anna@example.org")
    link = url("offer-cancel", code=anna.code, token=cancel_token(anna))
    send(link, {}, "10.0.0.1")
    mail.outbox.clear()

    response = send(link, {}, "10.0.0.1")

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert mail.outbox == []
