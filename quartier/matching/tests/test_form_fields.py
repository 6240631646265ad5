"""What the forms record is what matching reads: a language only welcome is no gate, the
hours wanted and the date available from the summary form count in the score."""

from datetime import date
from decimal import Decimal

from quartier.competences.profile.services import change_summary
from quartier.economy.vacancies.services import set_languages, update_vacancy
from quartier.matching.conftest import TODAY
from quartier.matching.ranking import candidates_for
from quartier.matching.score import GATE_LANGUAGE


def test_a_language_only_welcome_lowers_the_score_but_rules_nobody_out(
    cook_vacancy, make_person, esco, home_org, personas
):
    full = [esco["prepare"], esco["hygiene"], esco["cook"]]
    minh = make_person(home_org, "Minh", skills=full, german="A2")
    ranking = candidates_for(cook_vacancy, [home_org.pk], today=TODAY)
    assert [(m.person, m.gates) for m in ranking.gated] == [(minh.pk, [GATE_LANGUAGE])]
    set_languages(cook_vacancy, personas["advisor"], [("de", "B1", False)])
    ranking = candidates_for(cook_vacancy, [home_org.pk], today=TODAY)
    assert ranking.gated == []
    [match] = ranking.matches
    assert match.components["languages"] == -6  # one CEFR step below


def test_the_hours_wanted_and_the_date_available_count(
    cook_vacancy, make_person, esco, home_org, personas
):
    rami = make_person(home_org, "Rami", skills=[esco["prepare"], esco["hygiene"]])
    update_vacancy(
        cook_vacancy, personas["advisor"], hours_per_week=Decimal(20), starts_on=date(2026, 7, 1)
    )
    [match] = candidates_for(cook_vacancy, [home_org.pk], today=TODAY).matches
    assert (match.components["hours"], match.components["availability"]) == (0, 0)
    change_summary(
        rami.participant,
        personas["counsellor"],
        "",
        hours_per_week=Decimal(38),
        available_from=date(2026, 9, 1),
    )
    [match] = candidates_for(cook_vacancy, [home_org.pk], today=TODAY).matches
    assert (match.components["hours"], match.components["availability"]) == (-5, -5)
    change_summary(rami.participant, personas["counsellor"], "", hours_per_week=Decimal("19.5"))
    [match] = candidates_for(cook_vacancy, [home_org.pk], today=TODAY).matches
    assert match.components["hours"] == 5
