from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from quartier.places.sitepack import load_site_pack
from quartier.places.tests.conftest import SMALL_PACK

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")

BUERO = {
    "slug": "buero",
    "name": "Beratungsbüro",
    "organisation": "traeger",
    "street": "Markt 1",
    "postcode": "01001",
    "city": "Beispielstadt",
    "location": "Raum 2",
    "phone": "0123 456-7",
    "email": "buero@traeger.example",
    "website": "",
    "languages": ["de", "kmr"],
    "opening_hours": [{"weekday": 2, "day": "wednesday", "opens": "10:00", "closes": "17:00"}],
    "note": {"de": "sowie nach Vereinbarung", "en": "and by appointment"},
    "open_now": True,
    "next_change": "2025-11-26T17:00:00+01:00",
}


@pytest.fixture
def small_pack(write_pack):
    load_site_pack(write_pack(SMALL_PACK))


@time_machine.travel(datetime(2025, 11, 26, 12, 0, tzinfo=BERLIN), tick=False)
def test_the_list_is_public_and_complete(client, small_pack, django_assert_num_queries):
    # 1 site pack, 2 contact points with organisations, 3 opening hours (prefetch)
    with django_assert_num_queries(3):
        response = client.get("/api/v1/places/contact-points")

    assert response.status_code == 200
    assert response.json() == [BUERO]


@time_machine.travel(datetime(2025, 11, 26, 18, 0, tzinfo=BERLIN), tick=False)
def test_the_detail_names_the_next_opening_when_closed(
    client, small_pack, django_assert_num_queries
):
    # 1 contact point with organisation, 2 opening hours (prefetch), 3 site pack
    with django_assert_num_queries(3):
        response = client.get("/api/v1/places/contact-points/buero")

    assert response.status_code == 200
    assert response.json() == {
        **BUERO,
        "open_now": False,
        "next_change": "2025-12-03T10:00:00+01:00",
    }


def test_the_list_query_count_does_not_grow_with_more_contact_points(
    client, write_pack, django_assert_num_queries
):
    extra = "".join(
        SMALL_PACK[SMALL_PACK.index("[[contact_points]]") :]
        .replace('slug = "buero"', f'slug = "buero-{n}"')
        .replace("[contact_points.note]", "[contact_points.note]", 1)
        for n in range(3)
    )
    load_site_pack(write_pack(SMALL_PACK + "\n" + extra))

    with django_assert_num_queries(3):
        response = client.get("/api/v1/places/contact-points")

    assert len(response.json()) == 4


def test_an_unknown_contact_point_is_404(client, small_pack):
    response = client.get("/api/v1/places/contact-points/nirgendwo")
    assert response.status_code == 404


def test_before_any_pack_is_loaded_the_list_is_empty(client):
    response = client.get("/api/v1/places/contact-points")
    assert response.status_code == 200
    assert response.json() == []
