"""The cooperation form's party picker: open businesses and the programme's organisations,
the same as the form's choices."""

import pytest
from django.urls import reverse

from quartier.economy.models import Business, Cooperation
from quartier.economy.network.tests.test_cooperation import make_business

pytestmark = pytest.mark.django_db

PICK = "/en/staff/economy/network/cooperations/pick-party/"


def test_the_search_finds_open_businesses_and_programme_organisations(
    client, two_org_personas, home_org, business_org
):
    café = make_business("Café Ost")
    closed = make_business("Ost-Kiosk")
    Business.objects.filter(pk=closed.pk).update(status=Business.Status.CLOSED)
    # An advisor who also employs at the bakery: the scope is the programme's, not theirs.
    client.force_login(two_org_personas["advisor+employer"])
    html = client.get(reverse("economy:cooperation-add")).content.decode()
    assert f'hx-get="{PICK}?for=id_first"' in html and f'hx-get="{PICK}?for=id_second"' in html
    found = client.get(PICK, {"for": "id_first", "q": "ost"}).content.decode()
    assert f"pick=b%3A{café.pk}" in found and "Kiosk" not in found
    found = client.get(PICK, {"for": "id_first", "q": home_org.name}).content.decode()
    assert f"pick=o%3A{home_org.pk}" in found
    # The bakery's login organisation is no party: the bakery is, as a business.
    found = client.get(PICK, {"for": "id_first", "q": business_org.name}).content.decode()
    assert f"o%3A{business_org.pk}" not in found
    assert client.get(PICK, {"for": "x", "pick": f"o:{business_org.pk}"}).status_code == 404
    assert client.get(PICK, {"for": "x", "pick": f"b:{closed.pk}"}).status_code == 404
    picked = client.get(PICK, {"for": "id_first", "pick": f"b:{café.pk}"}).content.decode()
    assert f'<option value="b:{café.pk}" selected>Café Ost</option>' in picked


def test_the_form_saves_the_picked_parties_and_refuses_a_forged_one(
    client, personas, home_org, business_org
):
    café = make_business("Café Ost")
    client.force_login(personas["advisor"])
    url = reverse("economy:cooperation-add")
    form = {"first": f"b:{café.pk}", "kind": "event", "since": "2025-01-01"}
    response = client.post(url, form | {"second": f"o:{business_org.pk}"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Cooperation.objects.exists()
    response = client.post(url, form | {"second": f"o:{home_org.pk}"})
    assert response.status_code == 302
    assert (Cooperation.objects.get().business_a, Cooperation.objects.get().organisation_b) == (
        café,
        home_org,
    )


def test_the_search_is_refused_to_who_may_not_record_relations(client, personas):
    for persona in ("counsellor", "employer"):
        client.force_login(personas[persona])
        assert client.get(PICK, {"for": "x", "q": "a"}).status_code == 403
