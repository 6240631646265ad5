from pathlib import Path

import pytest

from quartier.accounts.models import AuditEntry, Organisation
from quartier.places.models import (
    ContactPoint,
    Neighbourhood,
    OpeningHours,
    Postcode,
    Quarter,
    SitePack,
)

ROOT = Path(__file__).resolve().parents[3]
LEIPZIG = ROOT / "sitepacks" / "leipzig-ost.toml"
NORDHAFEN = Path(__file__).resolve().parent / "packs" / "nordhafen.toml"

MODELS = [SitePack, Organisation, Quarter, Neighbourhood, Postcode, ContactPoint, OpeningHours]

# The smallest pack that exercises every field; tests change it to break it.
SMALL_PACK = """\
name = "Kleines Programm"
city = "Beispielstadt"
time_zone = "Europe/Berlin"

[holidays]
country = "DE"
subdivision = "SN"

[description]
de = "Beratung im Viertel."
en = "Advice in the quarter."

[[organisations]]
slug = "traeger"
name = "Träger e. V."
kind = "counselling"
email = "post@traeger.example"

[[quarters]]
slug = "mitte"
name = "Mitte"

[[quarters.neighbourhoods]]
slug = "markt"
name = "Am Markt"
postcodes = ["01001"]

[[contact_points]]
slug = "buero"
name = "Beratungsbüro"
organisation = "traeger"
street = "Markt 1"
postcode = "01001"
city = "Beispielstadt"
location = "Raum 2"
phone = "0123 456-7"
email = "buero@traeger.example"
languages = ["de", "kmr"]
opening_hours = [
  { day = "wednesday", opens = "10:00", closes = "17:00" },
]

[contact_points.note]
de = "sowie nach Vereinbarung"
en = "and by appointment"
"""


def row_counts() -> dict[str, int]:
    from django_scopes import scopes_disabled

    with scopes_disabled():
        counts = {model.__name__: model.objects.count() for model in MODELS}
        counts["AuditEntry"] = AuditEntry.objects.count()
    return counts


@pytest.fixture
def write_pack(tmp_path):
    def write(text: str, name: str = "pack.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
