"""Becoming a training company: dated steps in order, recorded by business advisors."""

# ruff: noqa: F811 (fixtures imported from businesses_fixtures)

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from quartier.economy.businesses.training import path_of, record_step
from quartier.economy.models import TrainingStep
from quartier.economy.tests.businesses_fixtures import (  # noqa: F401
    audit_entries,
    east,
    make_business,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_a_business_walks_the_path_and_becomes_a_training_company(personas, make_business):
    business = make_business("Tischlerei Ost")
    advisor = personas["advisor"]
    record_step(business, "interest", date(2025, 3, 1), advisor)
    record_step(business, "aevo_course", date(2025, 5, 1), advisor)
    record_step(business, "qualified", date(2025, 7, 1), advisor, note="IHK-Prüfung bestanden")
    business.refresh_from_db()
    assert business.interest_in_training and not business.trains
    record_step(business, "approved", date(2025, 8, 1), advisor)
    business.refresh_from_db()
    assert business.trains
    reached = [item["step"].date if item["step"] else None for item in path_of(business)]
    assert reached == [date(2025, 3, 1), date(2025, 5, 1), date(2025, 7, 1), date(2025, 8, 1), None]
    assert audit_entries(code="economy.training_step.recorded").count() == 4


def test_steps_keep_their_order_in_time(personas, make_business):
    business = make_business("Tischlerei Ost")
    advisor = personas["advisor"]
    record_step(business, "qualified", date(2025, 7, 1), advisor)
    with pytest.raises(ValidationError, match="cannot come after"):
        record_step(business, "interest", date(2025, 9, 1), advisor)
    with pytest.raises(ValidationError, match="cannot come before"):
        record_step(business, "approved", date(2025, 6, 1), advisor)
    with pytest.raises(ValidationError, match="future"):
        record_step(business, "approved", date(2026, 6, 1), advisor)
    assert TrainingStep.objects.count() == 1


def test_recording_a_step_again_changes_its_date(personas, make_business):
    business = make_business("Tischlerei Ost")
    record_step(business, "interest", date(2025, 3, 1), personas["advisor"])
    record_step(business, "interest", date(2025, 2, 1), personas["lead"])
    assert TrainingStep.objects.get().date == date(2025, 2, 1)


def test_the_path_page_records_a_step_and_explains_a_bad_date(client, personas, make_business):
    business = make_business("Tischlerei Ost")
    url = f"/de/staff/economy/businesses/{business.slug}/training-path/"
    client.force_login(personas["advisor"])
    response = client.post(url, {"kind": "interest", "date": "2025-03-01", "note": ""})
    assert response.status_code == 302
    response = client.post(url, {"kind": "aevo_course", "date": "2025-01-01", "note": ""})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["date"]
    assert TrainingStep.objects.count() == 1
    page = client.get(f"/de/staff/economy/businesses/{business.slug}/").content.decode()
    assert "01.03.2025" in page


def test_only_advisors_and_leads_record_steps(client, personas, business_org, make_business):
    business = make_business("Tischlerei Ost", organisation=business_org)
    url = f"/de/staff/economy/businesses/{business.slug}/training-path/"
    for persona in ("counsellor", "viewer", "employer", "resident"):
        client.force_login(personas[persona])
        assert client.post(url, {"kind": "interest", "date": "2025-03-01"}).status_code == 403
    assert not TrainingStep.objects.exists()
