"""An offer's dates added and cancelled in place (HTMX), or by plain forms: the same dates."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.learning.models import OfferDate

from .fixtures import *  # noqa: F403
from .fixtures import make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

HX = {"HX-Request": "true"}
NEW_DATE = {"starts_at": "2026-06-19T10:00", "ends_at": "2026-06-19T12:00", "room": "Saal"}


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"learning:{name}", kwargs=kwargs)


def dates(offer) -> list[tuple[str, bool]]:
    with scopes_disabled():
        rows = OfferDate.objects.filter(offer=offer).order_by("starts_at")
        return [(row.room, row.cancelled) for row in rows]


def test_the_offer_page_adds_dates_in_place(client, coordinator, home_org):
    offer = make_offer(home_org, coordinator, dates=[])
    client.force_login(coordinator)
    page = client.get(url("offer-detail", code=offer.code)).content.decode()
    add = url("date-add", code=offer.code)
    assert f'<form method="post" action="{add}" class="stacked" novalidate hx-post="{add}"' in page
    assert 'hx-target="#offer-dates"' in page
    response = client.post(add, NEW_DATE, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="offer-dates">') and "<h1>" not in html
    assert "The date is added." in html and "Saal" in html
    assert "HX-Request" in response["Vary"]
    assert dates(offer) == [("Saal", False)]


def test_a_wrong_date_in_place_says_why_and_adds_nothing(client, coordinator, home_org):
    offer = make_offer(home_org, coordinator, dates=[])
    client.force_login(coordinator)
    wrong = NEW_DATE | {"ends_at": "2026-06-19T09:00"}
    html = client.post(url("date-add", code=offer.code), wrong, headers=HX).content.decode()
    assert html.startswith('<div id="offer-dates">')
    assert "A date must end after it starts." in html
    assert dates(offer) == []


def test_a_date_is_cancelled_in_place(client, coordinator, home_org):
    offer = make_offer(home_org, coordinator)
    client.force_login(coordinator)
    [date] = OfferDate.objects.filter(offer=offer)
    html = client.post(url("date-cancel", pk=date.pk), headers=HX).content.decode()
    assert html.startswith('<div id="offer-dates">')
    assert "The date is cancelled." in html and "cancelled" in html
    assert dates(offer) == [("", True)]


def test_without_htmx_the_same_forms_redirect(client, coordinator, home_org):
    offer = make_offer(home_org, coordinator, dates=[])
    client.force_login(coordinator)
    response = client.post(url("date-add", code=offer.code), NEW_DATE)
    assert response.status_code == 302
    assert dates(offer) == [("Saal", False)]


def test_dates_in_place_are_refused_to_others(client, personas, home_org, coordinator):
    offer = make_offer(home_org, coordinator)
    [date] = OfferDate.objects.filter(offer=offer)
    for name, status in [("counsellor", 403), ("advisor", 403), ("outsider", 404)]:
        client.force_login(personas[name])
        assert (
            client.post(url("date-add", code=offer.code), NEW_DATE, headers=HX).status_code
            == status
        )
        assert client.post(url("date-cancel", pk=date.pk), headers=HX).status_code == status
    assert dates(offer) == [("", False)]
