"""The demo businesses: about 120, made once, with contacts, training paths and alliances."""

import pytest

from quartier.demo.businesses import create_demo_businesses
from quartier.demo.logins import create_demo_logins
from quartier.economy.models import Business, ContactPerson, TrainingAlliance, TrainingStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pack(db):
    from pathlib import Path

    from django.conf import settings

    from quartier.places.sitepack import load_site_pack

    load_site_pack(Path(settings.BASE_DIR).parent / "sitepacks" / "leipzig-ost.toml")


def test_the_demo_makes_about_120_businesses_once(site_pack):
    create_demo_logins()
    message = create_demo_businesses()
    assert message.startswith("Demo businesses: 120")
    assert Business.objects.filter(neighbourhood__quarter__slug="leipziger-osten").count() == 120
    assert Business.objects.filter(organisation__slug="demo-betrieb").count() == 1
    assert Business.objects.filter(listed_publicly=True).count() > 40
    assert ContactPerson.objects.count() >= 120
    assert TrainingStep.objects.count() > 30
    assert TrainingAlliance.objects.count() >= 4
    assert create_demo_businesses() == "Demo businesses already there."
    assert Business.objects.count() == 120


def test_nothing_is_made_without_the_demo_logins(db):
    assert "No demo business advisor" in create_demo_businesses()
    assert not Business.objects.exists()
