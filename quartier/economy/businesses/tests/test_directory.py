"""The public directory: businesses that agreed to be listed, by sector and language."""

# ruff: noqa: F811 (fixtures imported from businesses_fixtures)

import pytest
from django.conf import settings

from quartier.economy.businesses import public_views
from quartier.economy.models import Sector
from quartier.economy.tests.businesses_fixtures import east, make_business  # noqa: F401
from quartier.tests.pagination import next_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(make_business):
    make_business(
        "Saigon Markt",
        sector=Sector.objects.get(slug="food-retail"),
        languages=["vi", "de"],
        listed_publicly=True,
        opening_hours="Mo–Sa 9–20",
    )
    make_business(
        "Damaskus Grill",
        sector=Sector.objects.get(slug="gastronomy"),
        languages=["ar"],
        listed_publicly=True,
    )
    make_business("Nicht gelistet", sector=Sector.objects.get(slug="gastronomy"))
    make_business("Geschlossen", listed_publicly=True, status="closed")


def test_only_businesses_that_agreed_are_listed(client, listed):
    page = client.get("/de/economy/businesses/").content.decode()
    assert "Saigon Markt" in page and "Damaskus Grill" in page
    assert "Nicht gelistet" not in page and "Geschlossen" not in page
    assert "Mo–Sa 9–20" in page


def test_the_directory_filters_by_sector_and_language(client, listed):
    page = client.get("/de/economy/businesses/", {"sector": "gastronomy"}).content.decode()
    assert "Damaskus Grill" in page and "Saigon Markt" not in page
    page = client.get("/de/economy/businesses/", {"language": "vi"}).content.decode()
    assert "Saigon Markt" in page and "Damaskus Grill" not in page


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_directory_reads_in_every_language(client, listed, language):
    response = client.get(f"/{language}/economy/businesses/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    if language == "ar":
        assert 'dir="rtl"' in html
        assert "المطاعم والضيافة" in html  # the sector's Arabic name


def test_the_directory_uses_a_fixed_number_of_queries(client, listed, django_assert_num_queries):
    # the filter form's sectors, the count, the page of businesses with sector and
    # neighbourhood.
    with django_assert_num_queries(3):
        assert client.get("/de/economy/businesses/").status_code == 200


def test_the_filter_and_the_page_links_keep_each_other(client, listed, make_business, monkeypatch):
    monkeypatch.setattr(public_views, "DIRECTORY_PAGE_SIZE", 1)
    make_business(
        "Pho Ost",
        sector=Sector.objects.get(slug="gastronomy"),
        languages=["vi"],
        listed_publicly=True,
    )
    first = client.get("/de/economy/businesses/", {"language": "vi"})
    assert next_link(first) == "?language=vi&page=2"
    second = client.get("/de/economy/businesses/" + next_link(first))
    assert second.context["page"].number == 2
    assert second.context["page"].paginator.count == 2
    assert second.context["form"]["language"].value() == "vi"
    assert "Damaskus Grill" not in second.content.decode()
