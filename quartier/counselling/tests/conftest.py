from datetime import date

import pytest
import time_machine

from quartier.counselling.cases import open_case
from quartier.people.intake import take_in

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen_today():
    """Every counselling test runs on Monday 15 June 2026, midday in Leipzig."""
    with time_machine.travel("2026-06-15 12:00 +0200", tick=False):
        yield


@pytest.fixture
def lan(home_org, project, counsellor):
    return take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Thị Lan",
        family_name="Trần",
        preferred_language="vi",
        languages=["vi", "de"],
        citizenships=["VN"],
    )


@pytest.fixture
def case(lan, counsellor):
    return open_case(lan, counsellor, opened_on=date(2026, 3, 2))
