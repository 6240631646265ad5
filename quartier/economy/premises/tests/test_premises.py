"""Premises: letting units and settlements, the overview house by house, the house page."""

import re
from datetime import date
from io import StringIO

import pytest
import time_machine
from anyascii import anyascii
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.text import slugify

from quartier.accounts.models import AuditEntry
from quartier.economy.models import (
    Business,
    House,
    Sector,
    Settlement,
    Tenancy,
    Unit,
    UnitStatus,
    UnitUse,
)
from quartier.economy.premises.services import (
    PremisesError,
    change_unit,
    end_tenancy,
    let_unit,
    settlement_counts,
)

pytestmark = pytest.mark.django_db


def make_business(name: str, sector: str = "gastronomy") -> Business:
    return Business.objects.create(
        name=name, slug=slugify(anyascii(name)), sector=Sector.objects.get(slug=sector)
    )


@pytest.fixture
def house(db) -> House:
    house = House.objects.create(
        name="Haus 1", street="Hauptstraße", house_number="1", postcode="04315", block="Block A"
    )
    Unit.objects.create(house=house, floor=0, label="EG links", area=80, intended_use="gastronomy")
    Unit.objects.create(house=house, floor=0, label="EG rechts", intended_use=UnitUse.RETAIL)
    Unit.objects.create(
        house=house, floor=1, label="1. OG", intended_use=UnitUse.OFFICE, status="renovation"
    )
    Unit.objects.create(house=house, floor=-1, label="Keller", intended_use=UnitUse.STORAGE)
    return house


def unit(house: House, label: str) -> Unit:
    return house.units.get(label=label)


# -- let_unit -----------------------------------------------------------------


def test_letting_a_unit_records_a_tenancy_and_a_settlement(house, personas):
    restaurant = make_business("Restaurant Zeder")
    tenancy = let_unit(
        unit(house, "EG links"), restaurant, date(2025, 3, 1), personas["advisor"], supported=True
    )
    assert tenancy.until is None
    assert unit(house, "EG links").status == UnitStatus.LET
    settlement = Settlement.objects.get()
    assert (settlement.business, settlement.date) == (restaurant, date(2025, 3, 1))
    assert settlement.new_to_quarter and settlement.supported
    codes = list(
        AuditEntry.objects.with_scopes_disabled().order_by("id").values_list("code", flat=True)
    )
    assert codes == ["economy.tenancy.started", "economy.settlement.recorded"]


def test_letting_ends_the_previous_tenancy_the_day_before(house, personas):
    first, second = make_business("Imbiss Eins"), make_business("Imbiss Zwei")
    shop = unit(house, "EG links")
    old = let_unit(shop, first, date(2024, 5, 1), personas["advisor"])
    new = let_unit(shop, second, date(2025, 1, 1), personas["advisor"])
    old.refresh_from_db()
    assert old.until == date(2024, 12, 31)
    assert new.until is None
    assert Tenancy.objects.filter(unit=shop, until__isnull=True).get() == new
    assert Settlement.objects.count() == 2
    assert (
        AuditEntry.objects.with_scopes_disabled()
        .filter(code="economy.tenancy.ended", subject_id=str(old.pk))
        .exists()
    )


def test_a_business_that_rented_before_is_not_new_to_the_quarter(house, personas):
    moving = make_business("Laden Umzug", "retail")
    let_unit(unit(house, "EG rechts"), moving, date(2024, 1, 1), personas["advisor"])
    end_tenancy(unit(house, "EG rechts"), date(2024, 12, 31), personas["advisor"])
    let_unit(unit(house, "EG links"), moving, date(2025, 1, 1), personas["advisor"])
    assert list(Settlement.objects.order_by("date").values_list("new_to_quarter", flat=True)) == [
        True,
        False,
    ]


def test_the_advisor_may_say_a_business_is_not_new(house, personas):
    known = make_business("Schon Hier")
    let_unit(
        unit(house, "EG links"), known, date(2025, 1, 1), personas["advisor"], new_to_quarter=False
    )
    assert Settlement.objects.get().new_to_quarter is False


def test_letting_cannot_begin_before_the_current_tenancy(house, personas):
    first, second = make_business("Erster"), make_business("Zweiter")
    shop = unit(house, "EG links")
    let_unit(shop, first, date(2025, 1, 1), personas["advisor"])
    with pytest.raises(PremisesError, match="must begin later"):
        let_unit(shop, second, date(2025, 1, 1), personas["advisor"])
    assert Tenancy.objects.get().business == first
    assert Settlement.objects.count() == 1


def test_the_current_tenant_cannot_be_let_the_unit_again(house, personas):
    tenant = make_business("Mieter")
    shop = unit(house, "EG links")
    let_unit(shop, tenant, date(2025, 1, 1), personas["advisor"])
    with pytest.raises(PremisesError, match="already rents"):
        let_unit(shop, tenant, date(2025, 6, 1), personas["advisor"])


def test_ending_a_tenancy_leaves_the_unit_vacant_or_as_chosen(house, personas):
    shop = unit(house, "EG links")
    let_unit(shop, make_business("Kurz"), date(2025, 1, 1), personas["advisor"])
    end_tenancy(shop, date(2025, 6, 30), personas["advisor"], status=UnitStatus.RENOVATION)
    shop.refresh_from_db()
    assert shop.status == UnitStatus.RENOVATION
    with pytest.raises(PremisesError, match="Nobody rents"):
        end_tenancy(shop, date(2025, 7, 1), personas["advisor"])


def test_a_unit_is_marked_let_only_with_a_tenant(house, personas):
    shop = unit(house, "EG rechts")
    with pytest.raises(PremisesError, match="enter its tenant"):
        change_unit(shop, personas["advisor"], status=UnitStatus.LET)
    change_unit(shop, personas["advisor"], status=UnitStatus.RESERVED, area=55)
    shop.refresh_from_db()
    assert (shop.status, shop.area) == (UnitStatus.RESERVED, 55)
    assert AuditEntry.objects.with_scopes_disabled().get(code="economy.unit.changed").data == {
        "status": "reserved",
        "area": "55",
    }


def test_a_flat_may_be_let_without_a_recorded_tenant(house, personas):
    flat = Unit.objects.create(house=house, floor=2, label="2. OG", intended_use=UnitUse.HOUSING)
    change_unit(flat, personas["advisor"], status=UnitStatus.LET)
    flat.refresh_from_db()
    assert flat.status == UnitStatus.LET


@time_machine.travel("2026-06-01 12:00 +02:00", tick=False)
def test_settlements_are_counted_per_year(house, personas, django_assert_num_queries):
    first, second = make_business("Erster"), make_business("Zweiter", "retail")
    let_unit(unit(house, "EG links"), first, date(2025, 3, 1), None, supported=True)
    let_unit(unit(house, "EG rechts"), second, date(2026, 2, 1), None)
    end_tenancy(unit(house, "EG rechts"), date(2026, 3, 31), None)
    let_unit(unit(house, "Keller"), second, date(2026, 4, 1), None)  # moved within the quarter
    with django_assert_num_queries(1):  # one aggregate over the settlements
        counted = settlement_counts(date(2024, 1, 1), date(2026, 12, 31))
    assert [p.label for p in counted.periods] == ["2024", "2025", "2026"]
    assert counted.settled == [0, 1, 2]
    assert counted.new_to_quarter == [0, 1, 1]
    assert counted.supported == [0, 1, 0]


# -- Overview page ------------------------------------------------------------


def grid_floors(html: str, house: House) -> list[str]:
    section = html.split(f'id="house-{house.pk}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', section)


def test_the_overview_shows_each_house_floor_by_floor_highest_first(
    client, personas, house, django_assert_num_queries
):
    let_unit(unit(house, "EG links"), make_business("Restaurant Zeder"), date(2025, 3, 1), None)
    other = House.objects.create(name="Haus 2", street="Hauptstraße", house_number="3")
    Unit.objects.create(house=other, floor=2, label="2. OG", intended_use=UnitUse.STUDIO)
    client.force_login(personas["counsellor"])
    url = reverse("economy:premises")
    # session, user, memberships, blocks for the filter, houses with counts,
    # their units, the units' current tenancies with business, settlements per year
    with django_assert_num_queries(8):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert grid_floors(html, house) == ["Floor 1", "Ground floor", "Basement"]
    assert "Restaurant Zeder" in html
    # Status in words, not only in colour.
    assert '<span class="unit-status unit-renovation">Under renovation</span>' in html
    assert "2 of 4 units vacant" in html
    assert html.index("Haus 1") < html.index("Haus 2")


def test_the_overview_filters_by_status_and_use(client, personas, house):
    client.force_login(personas["advisor"])
    response = client.get(reverse("economy:premises"), {"status": "vacant", "use": "storage"})
    html = response.content.decode()
    assert "Keller" in html
    assert "EG links" not in html
    response = client.get(reverse("economy:premises"), {"block": "Block A", "status": "let"})
    assert "No premises match these filters." in response.content.decode()


def test_the_house_page_lists_units_and_settlements(
    client, personas, house, django_assert_num_queries
):
    let_unit(unit(house, "EG links"), make_business("Restaurant Zeder"), date(2025, 3, 1), None)
    client.force_login(personas["lead"])
    url = reverse("economy:house", args=[house.pk])
    # session, user, memberships, the house with counts, its units, their tenancies,
    # the settlements with business and unit (no audit: nothing personal is shown)
    with django_assert_num_queries(7):
        response = client.get(url)
    html = response.content.decode()
    assert "Restaurant Zeder" in html
    edit = reverse("economy:unit-edit", args=[unit(house, "EG links").pk])
    assert f'href="{edit}"' in html  # a lead may edit and let
    assert "2 of 4" in html


def test_a_counsellor_reads_the_house_without_edit_links(client, personas, house):
    client.force_login(personas["counsellor"])
    html = client.get(reverse("economy:house", args=[house.pk])).content.decode()
    assert "/premises/units/" not in html


def test_an_unknown_house_is_not_found(client, personas):
    client.force_login(personas["advisor"])
    assert client.get(reverse("economy:house", args=[999])).status_code == 404


@pytest.mark.parametrize("persona", ["resident", "employer", "no_role"])
def test_premises_pages_refuse_who_is_not_staff(client, personas, house, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("economy:premises")).status_code == 403
    assert client.get(reverse("economy:house", args=[house.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, house):
    response = client.get(reverse("economy:premises"))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


# -- Letting and editing through the pages ------------------------------------


def test_an_advisor_lets_a_unit_through_the_form(client, personas, house):
    restaurant = make_business("Restaurant Zeder")
    shop = unit(house, "EG links")
    client.force_login(personas["advisor"])
    url = reverse("economy:unit-let", args=[shop.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"business": restaurant.pk, "since": "2025-03-01", "supported": "on"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#unit-{shop.pk}")
    settlement = Settlement.objects.get()
    assert settlement.supported and settlement.recorded_by == personas["advisor"]


def test_a_bad_letting_saves_nothing(client, personas, house):
    shop = unit(house, "EG links")
    client.force_login(personas["advisor"])
    response = client.post(reverse("economy:unit-let", args=[shop.pk]), {"since": "gestern"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Tenancy.objects.exists()
    assert not Settlement.objects.exists()


def test_an_advisor_ends_a_tenancy_and_edits_a_unit(client, personas, house):
    shop = unit(house, "EG links")
    let_unit(shop, make_business("Kurz"), date(2025, 1, 1), None)
    client.force_login(personas["advisor"])
    response = client.post(
        reverse("economy:unit-vacate", args=[shop.pk]), {"until": "2024-12-01", "status": "vacant"}
    )
    assert "A tenancy cannot end before it began." in response.content.decode()
    response = client.post(
        reverse("economy:unit-vacate", args=[shop.pk]), {"until": "2025-06-30", "status": "vacant"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("economy:unit-edit", args=[shop.pk]),
        {
            "floor": "0",
            "label": "EG links",
            "area": "82.5",
            "intended_use": "gastronomy",
            "status": "reserved",
            "rent_note": "",
        },
    )
    assert response.status_code == 302
    shop.refresh_from_db()
    assert (shop.status, str(shop.area)) == ("reserved", "82.5")


def test_a_counsellor_may_not_let_a_unit(client, personas, house):
    client.force_login(personas["counsellor"])
    shop = unit(house, "EG links")
    assert client.get(reverse("economy:unit-let", args=[shop.pk])).status_code == 403
    assert client.post(reverse("economy:unit-edit", args=[shop.pk]), {}).status_code == 403


# -- Public list of vacant premises -------------------------------------------


def test_the_public_list_shows_advertised_vacant_units_only(
    client, house, personas, django_assert_num_queries
):
    change_unit(unit(house, "EG links"), personas["advisor"], advertised=True, rent_note="VB")
    change_unit(unit(house, "Keller"), personas["advisor"], advertised=True)
    change_unit(unit(house, "1. OG"), personas["advisor"], advertised=True)  # under renovation
    url = reverse("economy-public:premises")
    with django_assert_num_queries(1):  # the advertised vacant units with their house
        response = client.get(url)
    html = response.content.decode()
    assert html.count('<li class="card">') == 2
    assert "Hauptstraße 1" in html and "80.0 m²" in html and "VB" in html
    assert "EG links" not in html  # the programme's own labels stay internal
    response = client.get(url, {"use": "storage"})
    assert response.content.decode().count('<li class="card">') == 1
    let_unit(unit(house, "Keller"), make_business("Lager"), date(2025, 1, 1), None)
    assert client.get(url).content.decode().count('<li class="card">') == 1


@pytest.mark.parametrize("language", ["de", "en", "ar", "ru", "uk", "vi", "kmr"])
def test_the_public_list_answers_in_every_language(client, house, language):
    response = client.get(f"/{language}/economy/premises/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


# -- Loading premises from a file ---------------------------------------------

PREMISES = """
block = "Block A"
postcode = "04315"
city = "Leipzig"

[[houses]]
name = "Haus 1"
street = "Hauptstraße"
number = "1"
units = [[0, "EG", 80, "retail", "let"], [1, "1. OG", 70, "housing", "let"]]

[[others]]
street = "Nebenstraße"
number = "2"
postcode = "04317"
units = [[0, "Laden", 50, "retail", "vacant"]]
"""


def test_premises_load_from_a_file_and_again_without_undoing_lettings(tmp_path, personas):
    path = tmp_path / "premises.toml"
    path.write_text(PREMISES, encoding="utf-8")
    call_command("load-premises", str(path), stdout=StringIO())
    house = House.objects.get(street="Hauptstraße")
    assert (house.block, house.postcode, house.city) == ("Block A", "04315", "Leipzig")
    shop = house.units.get(label="EG")
    assert shop.status == UnitStatus.VACANT  # "let" needs a tenant, recorded with let_unit
    assert house.units.get(label="1. OG").status == UnitStatus.LET  # a flat may be let
    assert House.objects.get(street="Nebenstraße").block == ""
    let_unit(shop, make_business("Laden Eins"), date(2025, 1, 1), None)
    out = StringIO()
    call_command("load-premises", str(path), stdout=out)
    assert out.getvalue().strip() == "0 houses and 0 units created."
    shop.refresh_from_db()
    assert shop.status == UnitStatus.LET
    assert Unit.objects.count() == 3


def test_a_bad_premises_file_writes_nothing(tmp_path):
    path = tmp_path / "premises.toml"
    path.write_text(PREMISES.replace('"retail", "vacant"', '"retail", "empty"'), encoding="utf-8")
    with pytest.raises(CommandError, match="unknown use or status"):
        call_command("load-premises", str(path), stdout=StringIO())
    assert not House.objects.exists()


# -- Adding houses and units through the pages --------------------------------


def test_an_advisor_adds_a_house_and_a_unit(client, personas):
    client.force_login(personas["advisor"])
    assert client.get(reverse("economy:house-add")).status_code == 200
    response = client.post(
        reverse("economy:house-add"),
        {"name": "Haus 7", "street": "Hauptstraße", "house_number": "7", "position": "0"},
    )
    house = House.objects.get(name="Haus 7")
    assert response["Location"] == reverse("economy:house", args=[house.pk])
    response = client.post(
        reverse("economy:unit-add", args=[house.pk]),
        {"floor": "0", "label": "EG", "intended_use": "retail", "status": "let"},
    )
    assert "To mark the unit as let, enter its tenant." in response.content.decode()
    response = client.post(
        reverse("economy:unit-add", args=[house.pk]),
        {"floor": "0", "label": "EG", "area": "60", "intended_use": "retail", "status": "vacant"},
    )
    assert response.status_code == 302
    assert house.units.get().label == "EG"
    response = client.post(
        reverse("economy:unit-add", args=[house.pk]),
        {"floor": "1", "label": "EG", "intended_use": "office", "status": "vacant"},
    )
    assert response.status_code == 200  # the label is taken in this house
    assert house.units.count() == 1
    codes = set(AuditEntry.objects.with_scopes_disabled().values_list("code", flat=True))
    assert {"economy.house.created", "economy.unit.added"} <= codes


def test_the_same_address_cannot_be_added_twice(client, personas, house):
    client.force_login(personas["lead"])
    response = client.post(
        reverse("economy:house-add"),
        {"name": "Doppelt", "street": "Hauptstraße", "house_number": "1", "postcode": "04315"},
    )
    assert response.status_code == 200
    assert House.objects.count() == 1
    response = client.post(
        reverse("economy:house-edit", args=[house.pk]),
        {
            "name": "Haus 1 (Eckhaus)",
            "street": "Hauptstraße",
            "house_number": "1",
            "postcode": "04315",
            "block": "Block A",
            "position": "1",
        },
    )
    assert response.status_code == 302
    house.refresh_from_db()
    assert house.name == "Haus 1 (Eckhaus)"


def test_a_viewer_may_not_add_houses(client, personas, house):
    client.force_login(personas["viewer"])
    assert client.get(reverse("economy:house-add")).status_code == 403
    assert client.post(reverse("economy:unit-add", args=[house.pk]), {}).status_code == 403
