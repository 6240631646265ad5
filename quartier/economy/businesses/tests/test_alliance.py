"""Training alliances: businesses sharing one apprentice's training, and partner suggestions."""

# ruff: noqa: F811 (fixtures imported from businesses_fixtures)

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quartier.economy.businesses.training import (
    add_part,
    create_alliance,
    record_step,
    remove_part,
    suggest_partners,
)
from quartier.economy.models import AlliancePart, Sector, TrainingAlliance
from quartier.economy.tests.businesses_fixtures import east, make_business  # noqa: F401
from quartier.esco.models import Concept, Label

pytestmark = pytest.mark.django_db


@pytest.fixture
def cook(db) -> Concept:
    concept = Concept.objects.create(
        uri="http://data.europa.eu/esco/occupation/test-cook", kind="occupation", curated=True
    )
    Label.objects.create(concept=concept, language="de", kind="preferred", text="Koch/Köchin")
    Label.objects.create(concept=concept, language="en", kind="preferred", text="cook")
    return concept


@pytest.fixture
def kitchens(make_business):
    gastronomy = Sector.objects.get(slug="gastronomy")
    crafts = Sector.objects.get(slug="crafts")
    return {
        "lead": make_business("Damaskus Grill", sector=gastronomy, trains=True),
        "hotel": make_business("Hotel am Rabet", sector=gastronomy, trains=True),
        "canteen": make_business("Kantine Ost", sector=gastronomy, interest_in_training=True),
        "bistro": make_business(
            "Bistro Konrad", sector=gastronomy, postcode="04318", trainer_aptitude_holder="A. K."
        ),
        "joinery": make_business("Tischlerei Ost", sector=crafts, trains=True),
        "kiosk": make_business("Kiosk Ludwigstraße", sector=Sector.objects.get(slug="retail")),
        "closed": make_business("Alte Küche", sector=gastronomy, trains=True, status="closed"),
    }


def test_an_alliance_is_started_and_joined(personas, kitchens, cook):
    advisor = personas["advisor"]
    alliance = create_alliance(
        kitchens["lead"],
        advisor,
        start=date(2025, 8, 1),
        occupation=cook,
        covers="Warme Küche",
        months=24,
        apprentice_label="Auszubildende 2025",
    )
    add_part(alliance, kitchens["hotel"], advisor, covers="Frühstück und Bankett", months=12)
    assert [part.business.name for part in alliance.parts.all()] == [
        "Damaskus Grill",
        "Hotel am Rabet",
    ]
    assert alliance.occupation_name == "cook"  # the tests speak English
    with pytest.raises(ValidationError, match="already takes part"):
        add_part(alliance, kitchens["hotel"], advisor)
    with pytest.raises(ValidationError, match="closed business"):
        add_part(alliance, kitchens["closed"], advisor)
    lead_part = alliance.parts.get(business=kitchens["lead"])
    with pytest.raises(ValidationError, match="lead business cannot leave"):
        remove_part(lead_part, advisor)


def test_an_alliance_needs_an_occupation_and_a_sensible_period(personas, kitchens):
    with pytest.raises(ValidationError, match="occupation"):
        create_alliance(kitchens["lead"], personas["advisor"], start=date(2025, 8, 1))
    with pytest.raises(ValidationError, match="end cannot be before"):
        create_alliance(
            kitchens["lead"],
            personas["advisor"],
            start=date(2025, 8, 1),
            end=date(2024, 1, 1),
            occupation_label="Koch/Köchin",
        )
    assert not TrainingAlliance.objects.exists()


def test_partners_are_suggested_with_reasons_best_first(personas, kitchens, cook):
    advisor = personas["advisor"]
    earlier = create_alliance(kitchens["joinery"], advisor, start=date(2023, 8, 1), occupation=cook)
    add_part(earlier, kitchens["canteen"], advisor)
    record_step(kitchens["kiosk"], "interest", date(2025, 1, 1), advisor)
    alliance = create_alliance(kitchens["lead"], advisor, start=date(2025, 8, 1), occupation=cook)
    add_part(alliance, kitchens["hotel"], advisor)
    suggestions = suggest_partners(alliance)
    names = [suggestion.business.name for suggestion in suggestions]
    # Not the members, not the closed kitchen; the bistro has no interest and no step.
    assert names == ["Kantine Ost", "Tischlerei Ost", "Kiosk Ludwigstraße"]
    canteen = suggestions[0]
    assert "has trained in this occupation in another alliance" in canteen.reasons
    assert "same sector: Gastronomy" in canteen.reasons
    assert "in the same neighbourhood: Volkmarsdorf" in canteen.reasons


def test_the_alliance_pages(client, personas, kitchens, django_assert_num_queries):
    client.force_login(personas["advisor"])
    response = client.post(
        "/de/staff/economy/alliances/new/",
        {
            "lead_business": kitchens["lead"].pk,
            "occupation_label": "Koch/Köchin",
            "start": "2025-08-01",
            "covers": "Warme Küche",
            "months": "24",
        },
    )
    alliance = TrainingAlliance.objects.get()
    assert response["Location"] == f"/de/staff/economy/alliances/{alliance.pk}/"
    response = client.post(
        f"/de/staff/economy/alliances/{alliance.pk}/",
        {"business": kitchens["hotel"].pk, "covers": "Bankett", "months": "6"},
    )
    assert response.status_code == 302
    page = client.get(f"/de/staff/economy/alliances/{alliance.pk}/").content.decode()
    assert "Hotel am Rabet" in page and "Kantine Ost" in page  # a member, a suggestion
    part = AlliancePart.objects.get(business=kitchens["hotel"])
    client.post(f"/de/staff/economy/alliances/{alliance.pk}/parts/{part.pk}/remove/")
    assert alliance.parts.count() == 1
    client.force_login(personas["viewer"])
    # session, user, memberships, count, the page of alliances (with lead business and
    # occupation), their occupations' labels (none here), their parts with businesses.
    with django_assert_num_queries(6):
        assert client.get("/de/staff/economy/alliances/").status_code == 200
    assert client.get(f"/de/staff/economy/alliances/{alliance.pk}/").status_code == 200
    response = client.post(
        f"/de/staff/economy/alliances/{alliance.pk}/", {"business": kitchens["hotel"].pk}
    )
    assert response.status_code == 404
    assert client.get("/de/staff/economy/alliances/new/").status_code == 403
    assert alliance.parts.count() == 1
