from datetime import date

import pytest
import time_machine

from quartier.people.models import Project

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    """Every reporting test runs on Monday 15 June 2026, midday in Leipzig."""
    with time_machine.travel("2026-06-15 12:00 +0200", tick=False):
        yield


@pytest.fixture
def project(db, home_org, other_org) -> Project:
    """A project both test organisations take part in."""
    project = Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    project.organisations.add(home_org, other_org)
    return project
