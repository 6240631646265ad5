"""Cancelling an offer date tells everybody registered, each in their own language."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.learning.models import OfferDate, Registration, RegistrationStatus
from quartier.learning.offers.registrations import cancel, cancel_token, register
from quartier.learning.offers.services import cancel_date

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"learning:{name}", kwargs=kwargs)


def day_in(language: str, moment) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


@pytest.fixture
def offer_with_people(home_org, coordinator, lerneck):
    """Two dates; Anna (de) and Olga (ru) confirmed, Chi (vi) waiting, Dara without
    e-mail, Boris cancelled."""
    offer = make_offer(
        home_org, coordinator, lerneck, capacity=3, room="Raum 2", dates=[at(17, 15), at(24, 15)]
    )

    def resident(name, email="", phone="", language="de"):
        return register(offer, None, name=name, email=email, phone=phone, language=language)

    resident("Anna", "anna@example.org")
    boris = resident("Boris", "boris@example.org", language="ru")
    resident("Olga", "olga@example.org", language="ru")
    resident("Dara", phone="0341 123")
    resident("Chi", "chi@example.org", language="vi")
    cancel(boris)
    mail.outbox.clear()
    return offer


def test_cancelling_a_date_mails_every_registered_person_in_their_language(
    client, coordinator, offer_with_people, django_capture_on_commit_callbacks
):
    offer = offer_with_people
    first, second = OfferDate.objects.filter(offer=offer).order_by("starts_at")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("date-cancel", pk=first.pk))

    assert response.status_code == 302
    messages = {message.to[0]: message for message in mail.outbox}
    assert sorted(messages) == ["anna@example.org", "chi@example.org", "olga@example.org"]
    assert len(mail.outbox) == 3
    for email, language, title in (
        ("anna@example.org", "de", "Nachbarschaftstisch"),
        ("olga@example.org", "ru", "Соседский стол"),
        ("chi@example.org", "vi", "Bàn hàng xóm"),
    ):
        message = messages[email]
        assert message.extra_headers["Content-Language"] == language
        assert title in message.subject
        assert day_in(language, first.starts_at) in message.body
        assert day_in(language, second.starts_at) not in message.body
        assert "15:00–17:00" in message.body
        assert "Lerneck, Raum 2, Konradstraße 1, 04315 Leipzig" in message.body
        assert f"/{offer.code}/" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert f'lang="{language}"' in html
        assert day_in(language, first.starts_at) in html
        assert message.attachments == []
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="learning.date.cancelled").count() == 1


def test_the_mail_carries_the_persons_own_cancel_link(
    coordinator, offer_with_people, django_capture_on_commit_callbacks
):
    offer = offer_with_people
    first = OfferDate.objects.filter(offer=offer).order_by("starts_at").first()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_date(first, coordinator)

    with scopes_disabled():
        olga = Registration.objects.get(name="Olga")
    assert olga.status == RegistrationStatus.CONFIRMED
    (message,) = [m for m in mail.outbox if m.to == ["olga@example.org"]]
    assert cancel_token(olga) in message.body
    assert str(olga.code) in message.body


def test_cancelling_an_already_cancelled_date_sends_nothing(
    client, coordinator, offer_with_people, django_capture_on_commit_callbacks
):
    first = OfferDate.objects.filter(offer=offer_with_people).order_by("starts_at").first()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("date-cancel", pk=first.pk))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url("date-cancel", pk=first.pk))

    assert response.status_code == 302
    assert callbacks == []
    assert mail.outbox == []
    with scopes_disabled():
        assert AuditEntry.objects.filter(code="learning.date.cancelled").count() == 1
