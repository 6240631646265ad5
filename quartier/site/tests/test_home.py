from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext, pgettext

from quartier.places.sitepack import load_site_pack
from quartier.places.tests.conftest import NORDHAFEN, SMALL_PACK

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
WEDNESDAY_NOON = datetime(2025, 11, 26, 12, 0, tzinfo=BERLIN)
TUESDAY_EVENING = datetime(2025, 11, 25, 19, 0, tzinfo=BERLIN)


@pytest.fixture
def small_pack(write_pack):
    load_site_pack(write_pack(SMALL_PACK))


def translated(language: str, text: str, **values) -> str:
    """The text as the page shows it in ``language`` (whatever the catalogue holds today)."""
    with translation.override(language):
        return gettext(text) % values


@time_machine.travel(WEDNESDAY_NOON, tick=False)
def test_the_english_home_page_shows_the_programme_and_an_open_contact_point(
    client, small_pack, django_assert_num_queries
):
    # 1 site pack, 2 contact points with organisations, 3 opening hours (prefetch)
    with django_assert_num_queries(3):
        response = client.get("/en/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Advice in the quarter." in page
    assert "<h3>Beratungsbüro</h3>" in page
    assert "<bdi>Markt 1</bdi><br><bdi>01001 Beispielstadt</bdi><br><bdi>Raum 2</bdi>" in page
    assert 'href="tel:01234567"' in page
    assert 'href="mailto:buero@traeger.example"' in page
    assert "Deutsch, Kurmancî" in page
    assert "Wednesday 10:00–17:00" in page
    assert "and by appointment" in page
    assert '<p class="status-open">Open now, until 17:00</p>' in page


@time_machine.travel(TUESDAY_EVENING, tick=False)
def test_the_english_home_page_names_the_next_opening_when_closed(client, small_pack):
    page = client.get("/en/").content.decode()

    assert '<p class="status-closed">Opens Wednesday, 26 November at 10:00</p>' in page


@time_machine.travel(WEDNESDAY_NOON, tick=False)
def test_the_german_home_page_shows_german_texts(client, small_pack, django_assert_num_queries):
    # 1 site pack, 2 contact points with organisations, 3 opening hours (prefetch)
    with django_assert_num_queries(3):
        response = client.get("/de/")

    page = response.content.decode()
    assert '<html lang="de" dir="ltr">' in page
    assert "Beratung im Viertel." in page
    assert "sowie nach Vereinbarung" in page
    status = translated("de", "Open now, until %(time)s", time="17:00")
    assert f'<p class="status-open">{status}</p>' in page
    with translation.override("de"):
        assert pgettext("weekday", "Wednesday") in page


@time_machine.travel(WEDNESDAY_NOON, tick=False)
def test_a_language_without_its_own_description_falls_back_to_german(client, small_pack):
    page = client.get("/uk/").content.decode()

    assert "Beratung im Viertel." in page
    assert "sowie nach Vereinbarung" in page


@time_machine.travel(datetime(2025, 11, 19, 12, 0, tzinfo=BERLIN), tick=False)
def test_a_contact_point_is_closed_on_a_public_holiday(client, small_pack):
    # Buß- und Bettag: a Wednesday and a holiday in Saxony.
    page = client.get("/en/").content.decode()

    assert '<p class="status-closed">Opens Wednesday, 26 November at 10:00</p>' in page


@time_machine.travel(datetime(2025, 11, 24, 9, 30, tzinfo=ZoneInfo("Europe/Lisbon")), tick=False)
def test_opening_status_is_computed_in_the_pack_time_zone(client):
    load_site_pack(NORDHAFEN)

    page = client.get("/en/").content.decode()

    # 09:30 in Lisbon is 10:30 in Berlin; the harbour office keeps Lisbon time.
    assert '<p class="status-open">Open now, until 12:00</p>' in page
    assert "Deutsch, Português, English" in page


def test_the_query_count_does_not_grow_with_more_contact_points(
    client, write_pack, django_assert_num_queries
):
    points = SMALL_PACK[SMALL_PACK.index("[[contact_points]]") :]
    extra = "".join(points.replace('slug = "buero"', f'slug = "buero-{n}"') for n in range(5))
    load_site_pack(write_pack(SMALL_PACK + "\n" + extra))

    with django_assert_num_queries(3):
        response = client.get("/en/")

    assert response.content.decode().count('class="card contact-point"') == 6


def test_the_home_page_works_before_any_pack_is_loaded(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert "No contact points have been published yet." in response.content.decode()
