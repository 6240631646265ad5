"""The copies matching selects by follow every change of a profile's parts.

``CompetenceProfile.skill_ids``, ``occupation_ids`` and ``language_steps`` are what
the ranking's index finds a person by; each service that changes a part keeps them.
"""

from django_scopes import scopes_disabled

from quartier.competences.models import CompetenceProfile
from quartier.competences.profile.experience import add_experience, remove_experience
from quartier.competences.profile.informal import add_informal, change_informal
from quartier.competences.profile.languages import add_language, change_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.services import matching_fields
from quartier.competences.profile.skills import add_skills, remove_skill


def _copies(participant) -> tuple[list[int], list[int], dict[str, int]]:
    with scopes_disabled():
        profile = CompetenceProfile.objects.get(participant=participant)
    # What was saved equals what the parts give now.
    assert matching_fields([profile.pk])[profile.pk] == {
        "skill_ids": profile.skill_ids,
        "occupation_ids": profile.occupation_ids,
        "language_steps": profile.language_steps,
    }
    return profile.skill_ids, profile.occupation_ids, profile.language_steps


def test_skills_occupations_and_languages_are_copied_onto_the_profile(rami, counsellor, esco):
    with scopes_disabled():
        add_skills(rami, counsellor, [esco["cook"], esco["prepare"]])
        assert _copies(rami) == ([esco["prepare"].pk], [esco["cook"].pk], {})
        item = add_informal(
            rami, counsellor, field="family", activity="Cooked", competence="Plans meals",
            skills=[esco["menu"]],
        )  # fmt: skip
        assert _copies(rami)[0] == sorted([esco["prepare"].pk, esco["menu"].pk])
        change_informal(item, counsellor, skills=[esco["hygiene"]])
        assert _copies(rami)[0] == sorted([esco["prepare"].pk, esco["hygiene"].pk])

        german = add_language(rami, counsellor, language="de", understanding="B2", speaking="B1")
        add_language(rami, counsellor, language="ar", understanding="native", speaking="native")
        assert _copies(rami)[2] == {"de": 3, "ar": 7}
        change_language(german, counsellor, speaking="B2")
        assert _copies(rami)[2] == {"de": 4, "ar": 7}

        worked = add_experience(rami, counsellor, title="Tischler", occupation=esco["carpenter"])
        assert _copies(rami)[1] == sorted([esco["cook"].pk, esco["carpenter"].pk])
        remove_experience(worked, counsellor)
        add_qualification(
            rami, counsellor, title_original="Tischler", reference_occupation=esco["carpenter"]
        )
        assert _copies(rami)[1] == sorted([esco["cook"].pk, esco["carpenter"].pk])

        skill = rami.competence_profile.skills.get(concept=esco["prepare"])
        remove_skill(skill, counsellor)
        assert _copies(rami)[0] == [esco["hygiene"].pk]
