"""The ESCO skills an offer teaches: named by its coordinators with the ESCO search, shown
on the staff and public pages, refused to everyone else."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.esco.models import Concept, Label

from .fixtures import *  # noqa: F403
from .fixtures import make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

ESCO = "http://data.europa.eu/esco/"


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def concept(slug: str, kind: str, de: str, en: str) -> Concept:
    made = Concept.objects.create(uri=f"{ESCO}{kind}/{slug}", kind=kind)
    Label.objects.create(concept=made, language="de", kind="preferred", text=de)
    Label.objects.create(concept=made, language="en", kind="preferred", text=en)
    return made


@pytest.fixture
def hygiene(db) -> Concept:
    return concept("hygiene", "skill", "Lebensmittelhygiene einhalten", "comply with food hygiene")


def test_a_coordinator_finds_a_skill_adds_it_and_removes_it(client, coordinator, home_org, hygiene):
    offer = make_offer(home_org, coordinator)
    here = url("learning:offer-skills", code=offer.code)
    client.force_login(coordinator)
    hits = client.get(here, {"q": "food hygiene"}).content.decode()
    assert "comply with food hygiene" in hits and "Add as taught" in hits
    response = client.post(here, {"action": "add_skill", "concept": hygiene.pk})
    assert response.status_code == 302 and response["Location"] == here
    assert list(offer.skills.all()) == [hygiene]
    page = client.get(url("learning:offer-detail", code=offer.code)).content.decode()
    assert "Skills taught" in page and "comply with food hygiene" in page
    public = client.get(url("learning-public:offer", code=offer.code)).content.decode()
    assert "What you learn" in public and "comply with food hygiene" in public
    assert client.get(f"/api/v1/learning/offers/{offer.code}").json()["skills"] == [hygiene.uri]
    with scopes_disabled():
        [entry] = AuditEntry.objects.filter(code="learning.offer.skills_set")
    assert entry.data["skills"] == [hygiene.uri]
    fragment = client.post(
        here, {"action": "remove_skill", "concept": hygiene.pk}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.startswith('<div id="offer-skills">') and "Skills saved." in fragment
    assert not offer.skills.exists()


def test_an_occupation_or_an_unknown_concept_is_refused_with_a_message(
    client, coordinator, home_org
):
    offer = make_offer(home_org, coordinator)
    cook = concept("cook", "occupation", "Koch/Köchin", "cook")
    here = url("learning:offer-skills", code=offer.code)
    client.force_login(coordinator)
    page = client.post(here, {"action": "add_skill", "concept": cook.pk}, follow=True)
    assert "Choose a skill, not an occupation." in page.content.decode()
    page = client.post(here, {"action": "add_skill", "concept": 0}, follow=True)
    assert "Choose a skill from the search." in page.content.decode()
    assert not offer.skills.exists()


def test_counsellors_employers_and_other_organisations_may_not_change_the_skills(
    client, coordinator, personas, home_org, hygiene
):
    offer = make_offer(home_org, coordinator)
    here = url("learning:offer-skills", code=offer.code)
    for persona, status in (("counsellor", 403), ("employer", 403), ("outsider", 404)):
        client.force_login(personas[persona])
        assert client.get(here).status_code == status
        assert client.post(here, {"action": "add_skill", "concept": hygiene.pk}).status_code == (
            status
        )
    client.force_login(personas["counsellor"])
    page = client.get(url("learning:offer-detail", code=offer.code)).content.decode()
    assert "Skills taught" in page and here not in page
    assert not offer.skills.exists()
