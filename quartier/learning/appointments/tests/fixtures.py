"""Fixtures of the appointment tests: a small site pack loaded through the real loader.

"lernort" (the home organisation's learning place) is open Wednesday 10–17 and
Friday 10–13, like the Lerneck; holidays are Saxony's. "buero" belongs to the
other organisation. Import the fixtures with ``from .fixtures import *``.
"""

from datetime import UTC, datetime, time

import pytest
import time_machine

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.learning.appointments import services as appointments
from quartier.learning.models import Availability
from quartier.places.models import ContactPoint
from quartier.places.sitepack import load_site_pack

__all__ = [
    "MONDAY_AFTER_DST",
    "book",
    "counsellor_available",
    "frozen",
    "lernort",
    "other_point",
    "site",
]

PACK = """\
name = "Lernen im Viertel"
city = "Beispielstadt"
time_zone = "Europe/Berlin"

[holidays]
country = "DE"
subdivision = "SN"

[description]
de = "Lernen im Viertel."

[[organisations]]
slug = "beratung-ost"
name = "Beratung Ost"
kind = "counselling"

[[organisations]]
slug = "bildung-west"
name = "Bildung West"
kind = "provider"

[[quarters]]
slug = "mitte"
name = "Mitte"

[[quarters.neighbourhoods]]
slug = "markt"
name = "Am Markt"
postcodes = ["01001"]

[[contact_points]]
slug = "lernort"
name = "Lernort am Markt"
organisation = "beratung-ost"
street = "Markt 1"
postcode = "01001"
city = "Beispielstadt"
location = "Raum 3"
languages = ["de", "ar"]
opening_hours = [
  { day = "wednesday", opens = "10:00", closes = "17:00" },
  { day = "friday", opens = "10:00", closes = "13:00" },
]

[[contact_points]]
slug = "buero"
name = "Büro West"
organisation = "bildung-west"
street = "Weg 2"
postcode = "01001"
city = "Beispielstadt"
languages = ["de"]
opening_hours = [
  { day = "monday", opens = "09:00", closes = "12:00" },
]
"""

# Monday 27 October 2025, 09:00 in Germany: the clocks went back the day before;
# Friday 31 October is Reformation Day, Wednesday 19 November Buß- und Bettag (Saxony).
MONDAY_AFTER_DST = datetime(2025, 10, 27, 8, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY_AFTER_DST, tick=False) as traveller:
        yield traveller


@pytest.fixture
def site(tmp_path, home_org, other_org):
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    load_site_pack(path)


@pytest.fixture
def lernort(site) -> ContactPoint:
    return ContactPoint.objects.get(slug="lernort")


@pytest.fixture
def other_point(site) -> ContactPoint:
    return ContactPoint.objects.get(slug="buero")


def counsellor_available(
    user, point, weekday: int, starts: str = "10:00", ends: str = "17:00", **dates
) -> Availability:
    return appointments.add_availability(
        user,
        user=user,
        contact_point=point,
        weekday=weekday,
        starts=time.fromisoformat(starts),
        ends=time.fromisoformat(ends),
        valid_from=dates.get("valid_from", datetime(2025, 1, 1).date()),
        valid_until=dates.get("valid_until"),
    )


def book(point, start: datetime, name: str = "Amal Haddad", **fields):
    fields.setdefault("email", "amal@example.org")
    return appointments.book_appointment(point, start, name=name, **fields)


def second_counsellor(home_org, email="zweite@example.org"):
    return make_user(email, Role.COUNSELLOR, home_org)
