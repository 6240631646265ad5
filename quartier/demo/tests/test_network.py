"""The demo premises and cooperation: Block 99's twelve houses with tenants, made once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quartier.demo.businesses import create_demo_businesses
from quartier.demo.logins import create_demo_logins
from quartier.demo.network import create_demo_network
from quartier.economy.models import Cooperation, House, Settlement, Tenancy, Unit, UnitStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pack(db):
    from pathlib import Path

    from django.conf import settings

    from quartier.places.sitepack import load_site_pack

    load_site_pack(Path(settings.BASE_DIR).parent / "sitepacks" / "leipzig-ost.toml")


def test_the_demo_builds_block_99_and_two_years_of_cooperation_once(site_pack):
    create_demo_logins()
    create_demo_businesses()
    message = create_demo_network()
    assert message.startswith("Demo premises:")
    assert House.objects.filter(block="Block 99").count() == 12
    assert House.objects.filter(block="").count() == 3
    statuses = set(Unit.objects.values_list("status", flat=True))
    assert statuses == {"vacant", "reserved", "let", "renovation"}
    current = {
        t.business.name: t.unit.house.name
        for t in Tenancy.objects.filter(until__isnull=True).select_related(
            "business", "unit__house"
        )
    }
    assert current["Restaurant Aleppo"] == "Haus 1 – Eckhaus"
    assert current["Saigon Markt"] == "Haus 2"
    assert current["Internationales Gesundheitszentrum Ost"] == "Haus 2"
    # Every let commercial unit has exactly one current tenant.
    let = Unit.objects.filter(status=UnitStatus.LET).exclude(intended_use="housing")
    assert all(unit.tenancies.filter(until__isnull=True).count() == 1 for unit in let)
    two_years_ago = timezone.localdate() - timedelta(days=731)
    assert Settlement.objects.filter(date__gte=two_years_ago).count() >= 10
    assert Settlement.objects.filter(new_to_quarter=False).exists()  # the health centre grew
    assert Cooperation.objects.count() == 150
    assert Cooperation.objects.filter(organisation_b__isnull=False).exists()
    assert Cooperation.objects.filter(until__isnull=False).exists()
    assert not Cooperation.objects.filter(since__lt=two_years_ago).exists()
    counts = (House.objects.count(), Unit.objects.count(), Tenancy.objects.count())
    assert create_demo_network() == "Demo premises: 0 lettings; 0 cooperation relations."
    assert (House.objects.count(), Unit.objects.count(), Tenancy.objects.count()) == counts
    assert Cooperation.objects.count() == 150


def test_nothing_is_made_without_the_demo_logins(db):
    assert "No demo business advisor" in create_demo_network()
    assert not House.objects.exists()
