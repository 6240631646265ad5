"""The staff pages: search, concept, suggest; who may use them."""

import pytest
from django.urls import reverse

from quartier.esco.models import Concept
from quartier.esco.quality import COOK

pytestmark = pytest.mark.django_db

STAFF = ["counsellor", "advisor", "coordinator", "lead", "admin"]
REFUSED = ["resident", "employer", "viewer", "no_role"]


def url(name, **kwargs):
    return "/en" + reverse(f"esco:{name}", kwargs=kwargs)[3:]


@pytest.mark.parametrize("persona", STAFF)
def test_staff_search_and_see_essential_skills(client, personas, persona, esco_data):
    client.force_login(personas[persona])
    response = client.get(url("search"), {"q": "Koch", "kind": "occupation"})
    assert response.status_code == 200
    page = response.content.decode()
    assert ">cook</a>" in page  # English page: English labels
    assert "found as “Koch/Köchin”" in page
    assert "use cooking techniques" in page  # an essential skill of the cook
    assert "29302" in page  # its KldB 2010 occupation


@pytest.mark.parametrize("persona", REFUSED)
def test_others_are_refused(client, personas, persona, esco_data):
    client.force_login(personas[persona])
    assert client.get(url("search"), {"q": "Koch"}).status_code == 403
    assert client.post(url("suggest"), {"text": "Koch"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, esco_data):
    response = client.get(url("search"), {"q": "Koch"})
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_the_german_page_shows_german_labels(client, counsellor, esco_data):
    client.force_login(counsellor)
    page = client.get("/de" + reverse("esco:search")[3:], {"q": "cook"}).content.decode()
    assert "Koch/Köchin" in page


def test_the_search_page_query_count(client, counsellor, esco_data, django_assert_num_queries):
    client.force_login(counsellor)
    client.get(url("search"), {"q": "Kellner", "kind": "occupation"})  # warm
    # session, user, memberships; labels matching directly, then (fewer than 20
    # concepts) one typo away; the vectors' fingerprint (the embedding fills up the
    # list); the hits, their labels; the essential skills of the first five
    # occupations, their labels
    with django_assert_num_queries(10):
        response = client.get(url("search"), {"q": "Kellner", "kind": "occupation"})
    assert response.status_code == 200


def test_the_concept_page_lists_labels_and_essential_skills(client, counsellor, esco_data):
    client.force_login(counsellor)
    cook = Concept.objects.get(uri=next(iter(COOK)))
    page = client.get(url("concept", pk=cook.pk)).content.decode()
    assert "<h1>cook</h1>" in page
    assert "Küchenchefin" in page  # a German synonym
    assert "apply HACCP" in page
    assert cook.uri in page


def test_an_unknown_concept_is_404(client, counsellor, esco_data):
    client.force_login(counsellor)
    assert client.get(url("concept", pk=999999)).status_code == 404


def test_suggest_from_an_arabic_description(client, counsellor, esco_data):
    client.force_login(counsellor)
    assert client.get(url("suggest")).status_code == 200
    response = client.post(
        url("suggest"),
        {"text": "عملت في مطعم لمدة خمس سنوات، كنت أطبخ الأرز واللحم وأنظف المطبخ"},
    )
    assert response.status_code == 200
    assert len(response.context["occupations"]) == 8
    assert len(response.context["skills"]) == 8


def test_suggest_refuses_an_empty_description(client, counsellor, esco_data):
    client.force_login(counsellor)
    response = client.post(url("suggest"), {"text": " "})
    assert response.status_code == 200
    assert response.context["occupations"] == []
    assert "This field is required." in response.content.decode()
