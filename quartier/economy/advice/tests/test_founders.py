"""Founders: people planning a business, the advising organisation's records."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quartier.accounts.models import AuditEntry
from quartier.economy.advice.founders import create_founder
from quartier.economy.models import Founder, FounderStage
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.tests.advice_fixtures import TODAY

pytestmark = pytest.mark.django_db


def test_an_advisor_records_a_founder_who_is_not_a_participant(client, personas):
    client.force_login(personas["advisor"])
    response = client.post(
        reverse("economy:founder-create"),
        {
            "name": "Iryna Bondar",
            "languages": ["uk", "ru"],
            "business_idea": "Investment in an oven for Ukrainian bread",
            "premises_kind": "shop",
            "premises_area": "60",
            "stage": "planning",
        },
    )
    founder = Founder.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/founders/{founder.public_id}/")
    assert (founder.organisation.slug, founder.advisor, founder.stage) == (
        "beratung-ost",
        personas["advisor"],
        FounderStage.PLANNING,
    )
    page = client.get(response["Location"])
    assert "Iryna Bondar" in page.content.decode()
    assert AuditEntry.objects.filter(code="economy.founder.viewed").count() == 1


def test_a_founder_can_be_a_participant_of_the_own_organisation(client, personas, participant):
    client.force_login(personas["advisor"])
    url = reverse("economy:founder-create") + f"?participant={participant.public_id}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "participant": str(participant.public_id),
            "business_idea": "Tailoring",
            "stage": "idea",
        },
    )
    assert response.status_code == 302
    assert Founder.objects.get().participant == participant
    assert str(Founder.objects.get()) == "Olena Kovalenko"


def test_a_founder_needs_a_name_or_a_participant(client, personas):
    client.force_login(personas["advisor"])
    response = client.post(
        reverse("economy:founder-create"), {"business_idea": "Catering", "stage": "idea"}
    )
    assert response.status_code == 200
    assert "Give the founder&#x27;s name." in response.content.decode()
    assert not Founder.objects.exists()
    with pytest.raises(ValidationError):
        create_founder(personas["advisor"], business_idea="Catering")


def test_another_organisations_participant_cannot_be_chosen(other_advisor, participant):
    with pytest.raises(ValidationError, match="own organisation"):
        create_founder(other_advisor, participant=participant, business_idea="Catering")


def test_another_organisations_advisor_gets_404_and_an_empty_list(client, personas, other_advisor):
    founder = create_founder(personas["advisor"], name="Samir Haddad", business_idea="Catering")
    client.force_login(other_advisor)
    for name in ("founder-detail", "founder-edit", "founder-advice", "founder-application"):
        url = reverse(f"economy:{name}", kwargs={"code": founder.public_id})
        assert client.get(url).status_code == 404, name
    assert "Samir Haddad" not in client.get(reverse("economy:founder-list")).content.decode()


@pytest.mark.parametrize("persona", ["resident", "employer", "counsellor", "no_role"])
def test_founder_pages_are_refused_to_other_roles(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("economy:founder-list")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("economy:founder-list"))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_editing_a_founder_records_the_changed_fields(client, personas):
    founder = create_founder(personas["advisor"], name="Samir Haddad", business_idea="Catering")
    client.force_login(personas["advisor"])
    url = reverse("economy:founder-edit", kwargs={"code": founder.public_id})
    response = client.post(
        url, {"name": "Samir Haddad", "business_idea": "Syrian catering", "stage": "founding"}
    )
    assert response.status_code == 302
    founder.refresh_from_db()
    assert founder.stage == "founding"
    entry = AuditEntry.objects.get(code="economy.founder.changed")
    assert entry.data == {"fields": ["business_idea", "stage"]}


def test_the_founder_list_takes_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries, participant
):
    for number in range(3):
        create_founder(personas["advisor"], name=f"Founder {number}", business_idea="Shop")
    create_founder(personas["advisor"], participant=participant, business_idea="Tailoring")
    client.force_login(personas["advisor"])
    # session, user, memberships, count, page of founders with participant and sector
    with django_assert_num_queries(5):
        response = client.get(reverse("economy:founder-list"))
    assert response.status_code == 200
    assert response.content.decode().count("/founders/") >= 4


def test_a_participants_founder_records_are_exported_and_erased(personas, participant, deli):
    from quartier.economy.advice.funding import load_catalogue, record_application
    from quartier.economy.models import FundingProgramme, Vacancy
    from quartier.economy.vacancies.services import create_vacancy, update_vacancy
    from quartier.people.rights import collect_export, request_erasure

    load_catalogue()
    founder = create_founder(personas["advisor"], participant=participant, business_idea="Tailor")
    record_application(
        founder, personas["advisor"], FundingProgramme.objects.get(slug="einstiegsgeld"), TODAY
    )
    job = create_vacancy(deli, personas["advisor"], kind="job", titles={"de": "Näherin"})
    update_vacancy(job, personas["advisor"], status="filled", filled_by=participant)
    sections = collect_export(participant)["sections"]
    assert sections["economy_founder"][0]["business_idea"] == "Tailor"
    assert sections["economy_founder"][0]["applications"][0]["programme"] == "Einstiegsgeld"
    assert sections["economy_vacancies_filled"] == [
        {"title": "Näherin", "business": "Feinkost Saigon", "filled_on": TODAY}
    ]
    request_erasure(participant, personas["counsellor"])
    assert not Founder.objects.filter(participant=participant).exists()
    job.refresh_from_db()
    assert (job.status, job.filled_by) == ("filled", None)
    assert Vacancy.objects.count() == 1


def test_a_participant_founder_can_be_edited_and_stays_linked(client, personas, participant):
    founder = create_founder(personas["advisor"], participant=participant, business_idea="Tailor")
    client.force_login(personas["advisor"])
    url = reverse("economy:founder-edit", kwargs={"code": founder.public_id})
    form = client.get(url).content.decode()
    assert str(participant.public_id) in form
    response = client.post(
        url,
        {"participant": str(participant.public_id), "business_idea": "Tailor", "stage": "planning"},
    )
    assert response.status_code == 302
    founder.refresh_from_db()
    assert (founder.participant, founder.stage) == (participant, "planning")
