"""The alliance form's occupation picker (esco:occupation-pick): curated ESCO occupations
only, found by a label in any language, shown with their KldB code."""

import pytest
from django.urls import reverse

from quartier.economy.models import TrainingAlliance
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.tests.advice_fixtures import _concept
from quartier.esco.models import Concept

pytestmark = pytest.mark.django_db

PICK = "/en/staff/esco/pick-occupation/"


@pytest.fixture
def curated_cook(cook) -> Concept:
    Concept.objects.filter(pk=cook.pk).update(curated=True, kldb_code="29302")
    return cook


@pytest.fixture
def uncurated(db) -> Concept:
    return _concept("http://example.org/occupation/cook-2", "occupation", "Koch (Schiff)", "cook")


def test_the_search_finds_curated_occupations_only(
    client, two_org_personas, curated_cook, uncurated
):
    client.force_login(two_org_personas["counsellor+resident"])
    found = client.get(PICK, {"for": "id_occupation", "q": "koch"}).content.decode()
    # English page: the English label, found by the German one.
    assert "cook · KldB 29302" in found
    assert f"pick={curated_cook.pk}" in found and f"pick={uncurated.pk}" not in found
    picked = client.get(PICK, {"for": "x", "pick": curated_cook.pk}).content.decode()
    assert f'<option value="{curated_cook.pk}" selected>' in picked
    assert client.get(PICK, {"for": "x", "pick": uncurated.pk}).status_code == 404
    assert client.get(PICK, {"for": "x", "pick": "cook"}).status_code == 404


def test_the_alliance_form_saves_the_picked_occupation_and_refuses_another(
    client, personas, deli, curated_cook, uncurated
):
    client.force_login(personas["advisor"])
    url = reverse("economy:alliance-create")
    assert f'hx-get="{PICK}?for=id_occupation"' in client.get(url).content.decode()
    form = {"lead_business": deli.pk, "start": "2026-08-01", "apprentice_label": "Azubi 2026"}
    response = client.post(url, form | {"occupation": uncurated.pk})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not TrainingAlliance.objects.exists()
    response = client.post(url, form | {"occupation": curated_cook.pk})
    assert response.status_code == 302
    assert TrainingAlliance.objects.get().occupation == curated_cook


def test_the_search_is_refused_to_who_does_not_work_with_people(client, personas):
    for persona in ("employer", "viewer"):
        client.force_login(personas[persona])
        assert client.get(PICK, {"for": "x", "q": "koch"}).status_code == 403
