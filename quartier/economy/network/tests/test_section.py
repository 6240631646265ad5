"""The network part's section of the business page: its premises and ongoing cooperation."""

from datetime import date

import pytest
from django.urls import reverse

from quartier.accounts.access import roles_of
from quartier.economy.models import Business, House, Sector, Unit
from quartier.economy.network import views as network_sections
from quartier.economy.network.cooperation import end_cooperation, record_cooperation
from quartier.economy.premises.services import let_unit

pytestmark = pytest.mark.django_db


def test_the_business_page_shows_premises_and_ongoing_cooperation(
    client, personas, home_org, django_assert_num_queries
):
    restaurant = Business.objects.create(
        name="Restaurant Zeder",
        slug="restaurant-zeder",
        sector=Sector.objects.get(slug="gastronomy"),
    )
    house = House.objects.create(name="Haus 1", street="Hauptstraße", house_number="1")
    shop = Unit.objects.create(house=house, floor=0, label="EG", intended_use="gastronomy")
    let_unit(shop, restaurant, date(2025, 3, 1), None)
    record_cooperation(restaurant, home_org, "mentoring", date(2025, 4, 1), None)
    ended = record_cooperation(home_org, restaurant, "event", date(2025, 5, 1), None)
    end_cooperation(ended, date(2025, 5, 2), None)
    client.force_login(personas["counsellor"])
    url = reverse("economy:business-detail", kwargs={"slug": restaurant.slug})
    request = type("Request", (), {"user": personas["counsellor"]})()
    roles_of(request.user)  # memberships, read once per request by the middleware
    with django_assert_num_queries(2):  # the tenancies with unit and house, the relations
        context = network_sections.business_section(request, restaurant)
    assert [t.unit.label for t in context["tenancies"]] == ["EG"]
    html = client.get(url).content.decode()
    assert "Premises and cooperation" in html
    assert "Haus 1 · EG" in html
    assert "Beratung Ost · Mentoring" in html
    assert "Joint event" not in html


def test_employers_do_not_get_the_section(personas):
    business = Business.objects.create(name="Laden", slug="laden")
    request = type("Request", (), {"user": personas["employer"]})()
    assert network_sections.business_section(request, business) is None
