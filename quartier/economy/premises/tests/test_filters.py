"""The staff premises page's filters (premises/filters.py): block, status and use."""

import pytest
from django.urls import reverse

from quartier.economy.models import House, Unit, UnitUse

pytestmark = pytest.mark.django_db


@pytest.fixture
def houses(db) -> None:
    first = House.objects.create(name="Haus 1", street="Hauptstraße", house_number="1", block="A")
    Unit.objects.create(house=first, floor=0, label="Laden", intended_use=UnitUse.RETAIL)
    Unit.objects.create(
        house=first, floor=1, label="Büro", intended_use=UnitUse.OFFICE, status="renovation"
    )
    second = House.objects.create(name="Haus 2", street="Hauptstraße", house_number="3", block="B")
    Unit.objects.create(house=second, floor=0, label="Atelier", intended_use=UnitUse.STUDIO)
    House.objects.create(name="Haus 3", street="Nebenweg", house_number="5", block="B")


def shown(client, **query) -> dict[str, list[str]]:
    response = client.get(reverse("economy:premises"), query)
    assert response.status_code == 200
    return {
        row["house"].name: sorted(unit.label for unit in row["house"].shown)
        for row in response.context["rows"]
    }


def test_a_block_shows_its_houses_also_those_without_units(client, personas, houses):
    client.force_login(personas["advisor"])
    assert shown(client, block="B") == {"Haus 2": ["Atelier"], "Haus 3": []}


def test_status_and_use_must_hold_for_the_same_unit(client, personas, houses):
    client.force_login(personas["advisor"])
    assert shown(client, status="vacant") == {"Haus 1": ["Laden"], "Haus 2": ["Atelier"]}
    assert shown(client, status="renovation", use="office") == {"Haus 1": ["Büro"]}
    # Haus 1 has a vacant unit and an office, but no vacant office.
    assert shown(client, status="vacant", use="office") == {}


def test_bad_values_are_ignored_with_a_message(client, personas, houses):
    client.force_login(personas["advisor"])
    assert shown(client, block="Z", status="vacant", use="castle") == {
        "Haus 1": ["Laden"],
        "Haus 2": ["Atelier"],
    }
    html = client.get(reverse("economy:premises"), {"use": "castle"}).content.decode()
    assert "Select a valid choice." in html
