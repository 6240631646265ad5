"""ESCO skills on the profile: search, an occupation's essential skills, suggestions."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from quartier.competences.conftest import audited
from quartier.competences.models import CompetenceProfile, ProfileSkill
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.skills import add_skills

pytestmark = pytest.mark.django_db


def url(person, name, **kwargs):
    return reverse(f"competences:{name}", kwargs={"code": person.public_id, **kwargs})


def in_profile(person) -> list[tuple[str, str]]:
    with scopes_disabled():
        return sorted(
            ProfileSkill.objects.filter(profile__participant=person).values_list(
                "concept__uri", "source"
            )
        )


def test_search_shows_checkboxes_and_adds_what_is_ticked(
    client, counsellor, rami, esco, fake_esco_search
):
    client.force_login(counsellor)
    response = client.get(url(rami, "skill-search"), {"q": "Speisen", "kind": "skill"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{esco["prepare"].pk}"' in page
    assert "prepare dishes" in page
    response = client.post(
        url(rami, "skill-add"), {"concepts": [esco["prepare"].pk], "source": "counsellor"}
    )
    assert response.status_code == 302
    assert in_profile(rami) == [(esco["prepare"].uri, "counsellor")]


def test_an_occupations_essential_skills_are_offered_ticked_and_added_in_one_go(
    client, counsellor, rami, esco
):
    with scopes_disabled():
        add_skills(rami, counsellor, [esco["cook"], esco["prepare"]])
    client.force_login(counsellor)
    response = client.get(url(rami, "skill-occupation", concept=esco["cook"].pk))
    page = response.content.decode()
    assert "Essential skills of cook" in page
    # the optional skill is not offered; the one already in the profile is disabled
    assert "plan menus" not in page
    assert f'value="{esco["prepare"].pk}" disabled' in page
    assert f'value="{esco["hygiene"].pk}" checked' in page
    with scopes_disabled():
        before = CompetenceProfile.objects.get().version
    client.post(
        url(rami, "skill-add"),
        {"concepts": [esco["prepare"].pk, esco["hygiene"].pk], "source": "occupation"},
    )
    assert in_profile(rami) == sorted(
        [
            (esco["cook"].uri, "counsellor"),
            (esco["prepare"].uri, "counsellor"),
            (esco["hygiene"].uri, "occupation"),
        ]
    )
    with scopes_disabled():
        assert CompetenceProfile.objects.get().version == before + 1
    assert audited("competences.skill.added") == 2


def test_a_skill_is_not_an_occupation(client, counsellor, rami, esco):
    client.force_login(counsellor)
    response = client.get(url(rami, "skill-occupation", concept=esco["prepare"].pk))
    assert response.status_code == 404


def test_suggestions_come_from_the_description_in_the_persons_words(
    client, counsellor, rami, esco, fake_esco_suggest
):
    with scopes_disabled():
        item = add_experience(rami, counsellor, title="Koch", description="كنت أطبخ في مطعم في حلب")
    client.force_login(counsellor)
    response = client.get(url(rami, "skill-suggest"), {"experience": item.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert fake_esco_suggest == [("كنت أطبخ في مطعم في حلب", "en")]
    assert "كنت أطبخ في مطعم في حلب" in page  # the text is shown for changing
    for label in ("cook", "prepare dishes", "comply with food safety and hygiene"):
        assert label in page
    assert 'name="source" value="suggestion"' in page
    client.post(
        url(rami, "skill-add"),
        {"concepts": [esco["cook"].pk, esco["prepare"].pk], "source": "suggestion"},
    )
    assert in_profile(rami) == sorted(
        [(esco["cook"].uri, "suggestion"), (esco["prepare"].uri, "suggestion")]
    )


def test_suggestions_for_a_typed_text(client, counsellor, rami, esco, fake_esco_suggest):
    client.force_login(counsellor)
    response = client.get(url(rami, "skill-suggest"), {"text": "Tôi nấu ăn cho nhà hàng"})
    assert response.status_code == 200
    assert fake_esco_suggest == [("Tôi nấu ăn cho nhà hàng", "en")]


def test_unknown_or_missing_concepts_are_refused(client, counsellor, rami, esco):
    client.force_login(counsellor)
    for data in ({"concepts": [999999], "source": "counsellor"}, {"source": "counsellor"}):
        response = client.post(url(rami, "skill-add"), data, follow=True)
        assert response.status_code == 200
        assert "Choose at least one skill or occupation." in response.content.decode() or (
            "This field is required." in response.content.decode()
        )
    assert in_profile(rami) == []


def test_adding_again_leaves_the_existing_skill_alone(counsellor, rami, esco):
    with scopes_disabled():
        first = add_skills(rami, counsellor, [esco["prepare"]], level="advanced")
        again = add_skills(rami, counsellor, [esco["prepare"]], source="suggestion")
        assert again == []
        assert ProfileSkill.objects.get().level == "advanced"
    assert len(first) == 1


def test_a_skill_is_changed_and_removed(client, counsellor, rami, esco):
    with scopes_disabled():
        (skill,) = add_skills(rami, counsellor, [esco["prepare"]])
    client.force_login(counsellor)
    response = client.post(
        url(rami, "skill-edit", pk=skill.pk), {"level": "advanced", "evidence_level": "tested"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        skill.refresh_from_db()
    assert (skill.level, skill.evidence_level) == ("advanced", "tested")
    client.post(url(rami, "skill-remove", pk=skill.pk))
    assert in_profile(rami) == []


def test_the_taxonomys_own_search_feeds_the_page_and_the_occupation_field(
    client, counsellor, rami, esco
):
    """No stand-in: the real search of quartier.esco, with a typo."""
    client.force_login(counsellor)
    response = client.get(url(rami, "skill-search"), {"q": "Tischlr", "kind": "occupation"})
    assert f'value="{esco["carpenter"].pk}"' in response.content.decode()
    response = client.post(
        url(rami, "experience-add"),
        {"title": "Tischler", "occupation": "Tischlr", "setting": "employment"},
    )
    assert "Did you mean: carpenter?" in response.content.decode()


def test_the_taxonomys_own_suggestions_with_the_lexical_fallback(client, counsellor, rami, esco):
    """No stand-in: quartier.esco's suggestions, with the model-free embedder."""
    from quartier.esco.suggest import LexicalEmbedder, set_embedder

    set_embedder(LexicalEmbedder())
    try:
        client.force_login(counsellor)
        response = client.get(
            url(rami, "skill-suggest"), {"text": "Ich habe Speisen zubereitet und Menüs geplant."}
        )
    finally:
        set_embedder(None)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{esco["prepare"].pk}"' in page
    assert f'value="{esco["menu"].pk}"' in page


def test_the_search_answers_as_the_counsellor_types_with_the_choices_alone(
    client, counsellor, rami, esco, fake_esco_search, personas
):
    client.force_login(counsellor)
    page = client.get(url(rami, "skill-search")).content.decode()
    assert 'hx-target="#skill-choices"' in page and 'hx-trigger="input changed' in page
    response = client.get(
        url(rami, "skill-search"), {"q": "Speisen", "kind": "skill"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.startswith('<div id="skill-choices">')
    assert f'value="{esco["prepare"].pk}"' in html and "<h1>" not in html
    assert "HX-Request" in response["Vary"]
    # The fragment is refused like the page.
    for name in ("advisor", "coordinator", "outsider"):
        client.force_login(personas[name])
        response = client.get(
            url(rami, "skill-search"), {"q": "Speisen"}, headers={"HX-Request": "true"}
        )
        assert response.status_code in (403, 404), name
        assert "prepare dishes" not in response.content.decode()
