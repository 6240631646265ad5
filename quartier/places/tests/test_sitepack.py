import json
from datetime import time
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Organisation
from quartier.places.models import ContactPoint, Neighbourhood, Postcode, Quarter, SitePack
from quartier.places.sitepack import SitePackError, json_schema, load_site_pack
from quartier.places.tests.conftest import LEIPZIG, NORDHAFEN, ROOT, SMALL_PACK, row_counts

pytestmark = pytest.mark.django_db


def test_the_leipzig_pack_loads_organisations_quarters_and_contact_points():
    summary = load_site_pack(LEIPZIG)

    assert summary.organisations == 4
    assert summary.contact_points == 4
    site = SitePack.objects.get()
    assert (site.city, site.time_zone) == ("Leipzig", "Europe/Berlin")
    assert (site.holiday_country, site.holiday_subdivision) == ("DE", "SN")
    assert set(site.description) == {"de", "en", "ru", "vi", "ar", "kmr", "uk"}
    assert Organisation.objects.get(slug="dialog").kind == "counselling"
    assert Organisation.objects.get(slug="daa-leipzig").email == "info.leipzig@daa.de"
    assert list(
        Neighbourhood.objects.filter(quarter__slug="leipziger-osten").values_list("name", flat=True)
    ) == ["Anger-Crottendorf", "Neustadt-Neuschönefeld", "Reudnitz", "Schönefeld", "Volkmarsdorf"]
    assert Postcode.objects.get(code="04315").neighbourhood.slug == "neustadt-neuschoenefeld"
    assert Postcode.objects.get(code="04329").neighbourhood.quarter.slug == "paunsdorf"

    lerneck = ContactPoint.objects.get(slug="lerneck")
    assert lerneck.organisation.slug == "daa-leipzig"
    assert lerneck.location == "3. Etage rechts, Raum 301A"
    assert set(lerneck.note) == {"de", "en", "ru", "vi", "ar", "kmr", "uk"}
    assert [(h.weekday, h.opens, h.closes) for h in lerneck.opening_hours.all()] == [
        (2, time(10), time(17)),
        (4, time(10), time(13)),
    ]
    assert ContactPoint.objects.get(slug="dialog").languages == ["de", "ru", "vi", "ar", "kmr"]


def test_the_made_up_nordhafen_pack_loads_with_its_own_time_zone_and_holidays():
    load_site_pack(NORDHAFEN)

    site = SitePack.objects.get()
    assert (site.city, site.time_zone, site.holiday_country) == ("Nordhafen", "Europe/Lisbon", "PT")
    assert list(ContactPoint.objects.values_list("slug", flat=True)) == ["hafenbuero"]
    assert Postcode.objects.get(code="1100-003").neighbourhood.slug == "leuchtturm"


def test_loading_writes_an_audit_entry():
    load_site_pack(NORDHAFEN)

    with scopes_disabled():
        entry = AuditEntry.objects.get(code="places.sitepack.loaded")
    assert entry.data["file"] == "nordhafen.toml"
    assert entry.data["contact_points"] == 1


def test_reloading_keeps_one_copy_of_everything():
    load_site_pack(LEIPZIG)
    first = row_counts()

    load_site_pack(LEIPZIG)

    second = row_counts()
    assert second == {**first, "AuditEntry": first["AuditEntry"] + 1}


def test_reloading_replaces_opening_hours_and_removes_what_the_pack_dropped(write_pack):
    load_site_pack(LEIPZIG)
    summary = load_site_pack(write_pack(SMALL_PACK))

    assert list(ContactPoint.objects.values_list("slug", flat=True)) == ["buero"]
    assert list(Quarter.objects.values_list("slug", flat=True)) == ["mitte"]
    assert summary.removed_contact_points == 4
    assert summary.removed_quarters == 3
    # Organisations hold users: they stay.
    assert Organisation.objects.filter(slug="dialog").exists()


def broken(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BROKEN_PACKS = {
    "syntax error": (
        broken(SMALL_PACK, 'city = "Beispielstadt"\n', 'city = "Beispielstadt\n'),
        ["pack.toml", "TOML syntax error", "line 2"],
    ),
    "missing field": (
        broken(SMALL_PACK, 'opens = "10:00", ', ""),
        ["pack.toml", "contact_points[0].opening_hours[0].opens: Field required"],
    ),
    "bad time": (
        broken(SMALL_PACK, 'opens = "10:00"', 'opens = "10 Uhr"'),
        ["contact_points[0].opening_hours[0].opens: String should match pattern"],
    ),
    "closes before opens": (
        broken(SMALL_PACK, 'closes = "17:00"', 'closes = "09:00"'),
        ["contact_points[0].opening_hours[0]", "opens (10:00) must be before closes (09:00)"],
    ),
    "unknown weekday": (
        broken(SMALL_PACK, '"wednesday"', '"mittwoch"'),
        ["contact_points[0].opening_hours[0].day"],
    ),
    "unknown organisation": (
        broken(SMALL_PACK, 'organisation = "traeger"', 'organisation = "niemand"'),
        ["contact_points[0].organisation: unknown organisation 'niemand'"],
    ),
    "duplicate slug": (
        SMALL_PACK
        + '\n[[organisations]]\nslug = "traeger"\nname = "Noch einmal"\nkind = "business"\n',
        ["organisations[1].slug: duplicate slug 'traeger' (first at organisations[0].slug)"],
    ),
    "postcode in two neighbourhoods": (
        SMALL_PACK.replace(
            "\n[[contact_points]]",
            '\n[[quarters.neighbourhoods]]\nslug = "hof"\nname = "Hof"\npostcodes = ["01001"]\n'
            "\n[[contact_points]]",
            1,
        ),
        ["quarters[0].neighbourhoods[1].postcodes[0]: duplicate postcode '01001'"],
    ),
    "ku instead of kmr": (
        broken(SMALL_PACK, '["de", "kmr"]', '["de", "ku"]'),
        ["contact_points[0].languages[1]", "use 'kmr' for Kurmanji"],
    ),
    "not a language code": (
        broken(SMALL_PACK, 'en = "Advice in the quarter."', 'English = "Advice."'),
        ["description.English", "is not a language code"],
    ),
    "description without German": (
        broken(SMALL_PACK, 'de = "Beratung im Viertel."\n', ""),
        ["description: Value error, Programme description (German): this text is required"],
    ),
    "German description only blanks": (
        broken(SMALL_PACK, 'de = "Beratung im Viertel."', 'de = "   "'),
        ["description: Value error, Programme description (German): this text is required"],
    ),
    "unknown time zone": (
        broken(SMALL_PACK, "Europe/Berlin", "Europe/Nowhere"),
        ["time_zone", "unknown time zone 'Europe/Nowhere'"],
    ),
    "unknown holiday region": (
        broken(SMALL_PACK, 'subdivision = "SN"', 'subdivision = "XX"'),
        ["holidays", "unknown holiday region"],
    ),
    "unexpected field": (
        broken(SMALL_PACK, 'city = "Beispielstadt"\n', 'city = "Beispielstadt"\ncolour = "red"\n'),
        ["colour: Extra inputs are not permitted"],
    ),
}


@pytest.mark.parametrize("problem", BROKEN_PACKS)
def test_a_broken_pack_is_refused_with_a_message_and_changes_nothing(problem, write_pack):
    text, expected = BROKEN_PACKS[problem]
    load_site_pack(LEIPZIG)
    before = row_counts()

    with pytest.raises(SitePackError) as error:
        load_site_pack(write_pack(text))

    for part in expected:
        assert part in str(error.value)
    assert row_counts() == before
    assert SitePack.objects.get().city == "Leipzig"


def test_a_missing_file_is_named_in_the_message(tmp_path):
    with pytest.raises(SitePackError, match="nowhere.toml: cannot read the file"):
        load_site_pack(tmp_path / "nowhere.toml")


def test_a_failure_while_writing_rolls_everything_back(write_pack, monkeypatch):
    load_site_pack(LEIPZIG)
    before = row_counts()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("quartier.places.sitepack.log_action", fail)
    with pytest.raises(RuntimeError):
        load_site_pack(write_pack(SMALL_PACK))

    assert row_counts() == before


def test_the_published_json_schema_is_up_to_date():
    published = (ROOT / "docs" / "site-pack.schema.json").read_text(encoding="utf-8")
    assert published == json_schema(), "run: .venv/bin/python -m quartier.places.schema"
    assert json.loads(published)["title"] == "Quartier site pack"


def test_the_documentation_mentions_every_field():
    doc = (ROOT / "docs" / "site-pack.md").read_text(encoding="utf-8")
    schema = json.loads(json_schema())
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition["properties"])
    missing = sorted(name for name in fields if f"`{name}`" not in doc)
    assert missing == []


def test_nothing_about_leipzig_is_in_the_code():
    package = Path(__file__).resolve().parents[1]
    for path in package.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        assert "leipzig" not in path.read_text(encoding="utf-8").lower(), path
