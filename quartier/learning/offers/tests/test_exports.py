"""An offer's registrations as XLSX and CSV: what its page lists to the user, audited."""

import pytest

from quartier.accounts.models import Role
from quartier.conftest import make_user
from quartier.learning.offers.registrations import register
from quartier.tests.exports import audit_of, export_queries, export_table

from .fixtures import *  # noqa: F403
from .fixtures import make_offer, person

pytestmark = pytest.mark.django_db


def export_url(offer, file_format: str = "xlsx", lang: str = "en") -> str:
    return f"/{lang}/staff/learning/offers/{offer.code}/registrations/export/{file_format}/"


@pytest.fixture
def offer(home_org, coordinator, frozen_now):
    return make_offer(home_org, coordinator, capacity=2)


@pytest.fixture
def registered(offer, home_org, other_org, project, coordinator, personas):
    """Two confirmed and one waiting at the home organisation, and one of another's people."""
    lan = person(home_org, project, coordinator, "Lan", "Trần")
    elsewhere = make_user("beraterin@elsewhere.example.org", Role.COUNSELLOR, other_org)
    ivan = person(other_org, project, elsewhere, "Ivan", "Petrov")
    return {
        "lan": register(offer, coordinator, participant=lan),
        "resident": register(offer, None, name="=1+1 Samira", email="s@example.org"),
        "ivan": register(offer, elsewhere, participant=ivan),
        "elsewhere": elsewhere,
    }


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_coordinator_exports_every_registration_in_the_pages_order(
    client, offer, registered, coordinator, file_format, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    table = export_table(
        client, django_capture_on_commit_callbacks, export_url(offer, file_format), delimiter=","
    )
    assert table[0] == ["Name", "Business", "Status", "Registered", "Registered at"]
    samira = "'=1+1 Samira" if file_format == "csv" else "=1+1 Samira"
    assert [row[:3] for row in table[1:]] == [
        ["Lan Trần", "", "Confirmed"],
        [samira, "", "Confirmed"],
        ["Ivan Petrov", "", "On the waiting list"],
    ]
    assert table[1][4] == "2026-06-15 12:00"  # local time, ISO 8601


def test_a_counsellor_elsewhere_exports_only_their_own_peoples_registrations(
    client, offer, registered, django_capture_on_commit_callbacks
):
    client.force_login(registered["elsewhere"])
    table = export_table(client, django_capture_on_commit_callbacks, export_url(offer))
    assert [row[0] for row in table[1:]] == ["Ivan Petrov"]


def test_the_export_is_in_german_and_arabic(
    client, offer, registered, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    german = export_table(
        client, django_capture_on_commit_callbacks, export_url(offer, "csv", "de")
    )
    arabic = export_table(
        client, django_capture_on_commit_callbacks, export_url(offer, "xlsx", "ar")
    )
    assert german[0] == ["Name", "Unternehmen", "Status", "Angemeldet", "Angemeldet am"]
    assert german[1][2] == "Bestätigt"
    assert arabic[0][0] == "الاسم"
    assert arabic[0][4] == "وقت التسجيل"


@pytest.mark.parametrize("role", ["advisor", "viewer", "employer"])
def test_roles_without_the_offers_page_are_refused(client, offer, personas, role):
    client.force_login(personas[role])
    assert client.get(export_url(offer)).status_code == 403


def test_an_unpublished_offer_of_another_organisation_is_not_found(
    client, other_org, personas, frozen_now
):
    hidden = make_offer(other_org, personas["outsider"], published=False)
    client.force_login(personas["coordinator"])
    assert client.get(export_url(hidden)).status_code == 404


def test_the_export_is_audited_against_the_offer_with_its_people(
    client, offer, registered, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    export_table(client, django_capture_on_commit_callbacks, export_url(offer))  # caches warm
    few = export_queries(client, django_capture_on_commit_callbacks, export_url(offer))
    for number in range(6):
        register(offer, None, name=f"Gast {number}", phone=f"0341 12{number}")
    assert export_queries(client, django_capture_on_commit_callbacks, export_url(offer)) == few
    first, _again, second = audit_of("learning.registrations.exported")
    assert (first.subject_type, first.subject_id) == ("learning.offer", str(offer.pk))
    assert first.data["rows"] == 3
    assert first.data["people"] == [
        str(registered["lan"].participant.public_id),
        str(registered["ivan"].participant.public_id),
    ]
    assert second.data["rows"] == 9
