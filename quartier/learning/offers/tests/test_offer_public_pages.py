"""The public calendar, the offer page with its registration form, and the cancel link."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.learning.models import Registration
from quartier.learning.offers.registrations import cancel_token, register

from .fixtures import *  # noqa: F403
from .fixtures import at, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"learning-public:{name}", kwargs=kwargs)


def registration_form(**fields) -> dict:
    return {
        "name": "Thị Lan Trần",
        "email": "lan@example.org",
        "language": "vi",
        "privacy": "on",
    } | fields


def test_the_calendar_lists_published_upcoming_offers_with_their_free_places(
    client, home_org, coordinator, lerneck
):
    make_offer(home_org, coordinator, lerneck, capacity=2, title={"de": "Tisch", "en": "Table"})
    full = make_offer(
        home_org, coordinator, lerneck, capacity=1, title={"de": "Voll", "en": "Full"}
    )
    register(full, None, name="A", email="a@example.org")
    make_offer(home_org, coordinator, lerneck, published=False, title={"de": "Geheim"})
    make_offer(home_org, coordinator, lerneck, title={"de": "Vorbei"}, dates=[at(1, 10)])

    page = client.get(url("offers")).content.decode()

    assert "Table" in page and "2 places free" in page
    assert "Full" in page and "Full – waiting list" in page
    assert "Geheim" not in page and "Vorbei" not in page
    assert "Open to all" not in page


def test_the_calendar_filters_by_kind_language_quarter_and_audience(
    client, home_org, coordinator, lerneck
):
    make_offer(
        home_org,
        coordinator,
        lerneck,
        kind="table",
        title={"de": "Tisch"},
        languages=["vi"],
        audience="residents",
    )
    make_offer(
        home_org, coordinator, None, kind="taster", title={"de": "Digital"}, languages=["ar"]
    )
    make_offer(
        home_org,
        coordinator,
        None,
        kind="business",
        title={"de": "Social Media"},
        languages=["de"],
        audience="businesses",
    )

    def titles(**query) -> set[str]:
        response = client.get(url("offers"), query)
        return {card["title"] for card in response.context["cards"]}

    assert titles() == {"Tisch", "Digital", "Social Media"}
    assert titles(kind="taster") == {"Digital"}
    assert titles(language="vi") == {"Tisch"}
    assert titles(quarter="osten") == {"Tisch"}
    assert titles(audience="businesses") == {"Social Media", "Digital"}
    assert titles(audience="residents") == {"Tisch", "Digital"}
    assert titles(kind="no-such-kind") == {"Tisch", "Digital", "Social Media"}


def test_the_calendar_needs_a_constant_number_of_queries(
    client, home_org, coordinator, lerneck, django_assert_num_queries
):
    make_offer(home_org, coordinator, lerneck)

    def count():
        # 1 quarters for the filter, 2 offers with places, organisation and contact
        # point, 3 their upcoming dates.
        with django_assert_num_queries(3):
            client.get(url("offers"))

    count()
    for number in range(4):
        make_offer(home_org, coordinator, lerneck, dates=[at(17 + number, 10), at(24, 10)])
    count()


def test_the_offer_page_needs_a_constant_number_of_queries(
    client, home_org, coordinator, lerneck, django_assert_num_queries
):
    offer = make_offer(home_org, coordinator, lerneck, dates=[at(17, 10)])

    def count():
        # 1 the offer with organisation, place and quarter, 2 the offer with its
        # places, 3 upcoming dates, 4 the labels of the skills it teaches.
        with django_assert_num_queries(4):
            client.get(url("offer", code=offer.code))

    count()
    for day in range(18, 25):
        from quartier.learning.offers.services import add_date

        add_date(offer, coordinator, at(day, 10), at(day, 12))
        register(offer, None, name=f"P{day}", email=f"p{day}@example.org")
    count()


def test_a_resident_registers_in_vietnamese_and_gets_the_mail_in_vietnamese_with_a_calendar(
    client, home_org, coordinator, lerneck, django_capture_on_commit_callbacks
):
    offer = make_offer(home_org, coordinator, lerneck)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("offer", "vi", code=offer.code), registration_form())
    assert response.status_code == 302
    with scopes_disabled():
        registration = Registration.objects.get()
    assert (registration.name, registration.status, registration.language) == (
        "Thị Lan Trần",
        "confirmed",
        "vi",
    )
    [message] = mail.outbox
    assert message.to == ["lan@example.org"]
    assert message.extra_headers["Content-Language"] == "vi"
    assert "Bàn hàng xóm" in message.subject
    cancel_link = (
        f"/vi/learn/registrations/{registration.code}/{cancel_token(registration)}/cancel/"
    )
    assert cancel_link in message.body
    [(filename, ics, mimetype)] = message.attachments
    assert filename == "offer.ics" and mimetype.startswith("text/calendar")
    assert "SUMMARY:Bàn hàng xóm" in ics


def test_a_full_offer_puts_the_resident_on_the_waiting_list_and_says_so(
    client, home_org, coordinator, lerneck, django_capture_on_commit_callbacks
):
    offer = make_offer(home_org, coordinator, lerneck, capacity=1)
    register(offer, None, name="A", email="a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("offer", code=offer.code), registration_form(), follow=True)
    assert "you are on the waiting list, in place 1" in response.content.decode()
    assert "Danh sách chờ" in mail.outbox[-1].subject  # the mail is in her language


def test_bad_input_is_refused_with_a_linked_message_and_nothing_saved(
    client, home_org, coordinator, lerneck
):
    offer = make_offer(home_org, coordinator, lerneck)
    response = client.post(
        url("offer", code=offer.code), registration_form(email="", phone="", privacy="")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please give an e-mail address or a phone number." in page
    assert 'aria-describedby="id_privacy_error"' in page or 'id="id_privacy_error"' in page
    with scopes_disabled():
        assert not Registration.objects.exists()


def test_registering_twice_is_refused_on_the_page(client, home_org, coordinator, lerneck):
    offer = make_offer(home_org, coordinator, lerneck)
    client.post(url("offer", code=offer.code), registration_form())
    response = client.post(url("offer", code=offer.code), registration_form(name="Lan"))
    assert "already registered" in response.content.decode()
    with scopes_disabled():
        assert Registration.objects.count() == 1


def test_unpublished_offers_have_no_public_page(client, home_org, coordinator):
    offer = make_offer(home_org, coordinator, published=False)
    assert client.get(url("offer", code=offer.code)).status_code == 404


def test_the_cancel_link_cancels_once_and_moves_the_next_person_up(
    client, home_org, coordinator, lerneck, django_capture_on_commit_callbacks
):
    offer = make_offer(home_org, coordinator, lerneck, capacity=1)
    anna = register(offer, None, name="Anna", email="anna@example.org")
    olga = register(offer, None, name="Olga", email="olga@example.org", language="ru")
    link = url("offer-cancel", code=anna.code, token=cancel_token(anna))

    assert "Cancel my registration" in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    olga.refresh_from_db()
    assert olga.status == "confirmed"
    assert {m.to[0] for m in mail.outbox} == {"anna@example.org", "olga@example.org"}

    again = client.post(link)
    assert again.status_code == 200
    assert "This registration was already cancelled." in again.content.decode()


def test_a_wrong_token_or_code_finds_nothing(client, home_org, coordinator):
    offer = make_offer(home_org, coordinator)
    anna = register(offer, None, name="Anna", email="anna@example.org")
    wrong = cancel_token(anna)[:-1] + ("0" if cancel_token(anna)[-1] != "0" else "1")
    assert client.get(url("offer-cancel", code=anna.code, token=wrong)).status_code == 404
    assert client.post(url("offer-cancel", code=anna.code, token=wrong)).status_code == 404
    other = "00000000-0000-0000-0000-000000000000"
    assert client.get(url("offer-cancel", code=other, token=cancel_token(anna))).status_code == 404
    anna.refresh_from_db()
    assert anna.status == "confirmed"


def test_the_home_page_links_to_the_calendar(client):
    page = client.get("/en/").content.decode()
    assert f'href="{url("offers")}"' in page


def test_dates_read_naturally_in_kurmanji_too(client, home_org, coordinator):
    from quartier.lib.dates import MONTHS
    from quartier.places.models import Weekday

    offer = make_offer(home_org, coordinator)
    with translation.override("kmr"):
        expected = f"{Weekday.WEDNESDAY.label}, 17 {MONTHS[6]()} 2026, 15:00–17:00"
    assert expected in client.get(url("offer", "kmr", code=offer.code)).content.decode()


def test_the_calendar_ignores_bad_filter_values_and_keeps_the_good_ones(
    client, home_org, coordinator, lerneck
):
    make_offer(home_org, coordinator, lerneck, kind="table", title={"de": "Tisch"})
    make_offer(home_org, coordinator, None, kind="taster", title={"de": "Digital"})
    response = client.get(url("offers"), {"kind": "table", "language": "xx", "quarter": "mars"})
    assert response.status_code == 200
    assert [card["title"] for card in response.context["cards"]] == ["Tisch"]
