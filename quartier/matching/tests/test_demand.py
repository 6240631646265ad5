"""Skills in demand without a course: what is counted, small counts hidden, who may see it."""

from datetime import date

from django.urls import reverse

from quartier.competences.models import CompetenceProfile
from quartier.competences.profile.informal import add_informal
from quartier.economy.vacancies.services import create_vacancy, set_skills
from quartier.matching.demand import skills_without_course

URL = "/en/staff/matching/skill-gaps/"


def _vacancy(bakery, advisor, title, skills=(), **fields):
    vacancy = create_vacancy(bakery, advisor, kind="job", titles={"de": title}, **fields)
    if skills:
        set_skills(vacancy, advisor, list(skills))
    return vacancy


def _programme(bakery, personas, esco, make_person, make_course, home_org, other_org):
    """Two open vacancies need preparing dishes, one (by its occupation) care, one food
    hygiene, which a course teaches; a closed one plans menus."""
    advisor = personas["advisor"]
    _vacancy(bakery, advisor, "Koch", [(esco["prepare"], True), (esco["hygiene"], True)])
    _vacancy(bakery, advisor, "Beikoch", [(esco["prepare"], True), (esco["menu"], False)])
    _vacancy(bakery, advisor, "Pflege", occupation=esco["nurse"])
    _vacancy(bakery, advisor, "Menüs", [(esco["menu"], True)], closes_on=date(2026, 6, 1))
    make_course("Hygieneschulung", [esco["hygiene"]])
    rami = make_person(home_org, "Rami", skills=[esco["prepare"]])
    make_person(other_org, "Olena", skills=[esco["prepare"], esco["care"]], consent=False)
    stale = make_person(other_org, "Sara", skills=[esco["prepare"], esco["care"]])
    CompetenceProfile.objects.with_scopes_disabled().filter(pk=stale.pk).update(
        changed_at="2025-01-01T10:00:00Z"
    )
    counsellor = personas["counsellor"]
    # Named in an informal competence too: counted once; only there: counted.
    add_informal(
        rami.participant,
        counsellor,
        skills=[esco["prepare"], esco["care"]],
        field="family",
        activity="Für die Familie gekocht und die Großmutter gepflegt",
        competence="Kochen, Pflegen",
    )


def test_it_counts_the_skills_open_vacancies_need_that_no_open_offer_teaches(
    bakery, personas, esco, make_person, make_course, home_org, other_org, settings
):
    settings.REPORTING_MIN_COUNT = 1
    _programme(bakery, personas, esco, make_person, make_course, home_org, other_org)
    demand = skills_without_course("en")
    assert [(row.skill, row.vacancies, row.profiles) for row in demand.rows] == [
        ("prepare dishes", "2", "2"),  # Rami and Olena; Sara's profile is over a year old
        ("provide care", "1", "2"),  # Olena's skill, Rami's informal competence
    ]
    assert (demand.open_vacancies, demand.active_profiles, demand.taught) == ("3", "2", 1)


def test_counts_of_one_or_two_are_hidden_and_ordered_as_zero(
    client, bakery, personas, esco, make_person, make_course, home_org, other_org
):
    _programme(bakery, personas, esco, make_person, make_course, home_org, other_org)
    demand = skills_without_course("en")
    # Both needed by fewer than three vacancies: by label, not by the hidden counts.
    assert [(row.skill, row.vacancies, row.profiles) for row in demand.rows] == [
        ("prepare dishes", "•", "•"),
        ("provide care", "•", "•"),
    ]
    client.force_login(personas["coordinator"])
    page = client.get(URL).content.decode()
    assert "Skills in demand without a course" in page
    assert '<th scope="row">prepare dishes</th><td>•</td><td>•</td>' in page
    assert "comply with food hygiene" not in page and "Rami" not in page and "Olena" not in page
    assert "1 needed skill is taught." in page


def test_the_report_costs_the_same_queries_for_a_small_or_larger_programme(
    client,
    bakery,
    personas,
    esco,
    make_person,
    make_course,
    home_org,
    other_org,
    django_assert_num_queries,
):
    _programme(bakery, personas, esco, make_person, make_course, home_org, other_org)
    client.force_login(personas["lead"])
    # session, user, memberships; required skills of open vacancies, open vacancies
    # naming none by occupation, their occupations' ESCO skills; skills open offers
    # teach; profiles having the others, informal competences having them; labels;
    # open vacancies, active profiles
    with django_assert_num_queries(12):
        client.get(URL)
    for number in range(4):
        _vacancy(bakery, personas["advisor"], f"Koch {number}", [(esco["prepare"], True)])
        make_person(other_org, f"Extra{number}", skills=[esco["prepare"], esco["menu"]])
    with django_assert_num_queries(12):
        page = client.get(URL).content.decode()
    assert '<th scope="row">prepare dishes</th><td>6</td><td>6</td>' in page


def test_coordinators_and_leads_only_and_the_offer_list_leads_there(client, personas):
    for persona in ("counsellor", "advisor", "employer", "viewer", "resident"):
        client.force_login(personas[persona])
        assert client.get(URL).status_code == 403
    client.force_login(personas["coordinator"])
    assert client.get(URL).status_code == 200
    page = client.get(reverse("learning:offer-list")).content.decode()
    assert reverse("matching:skill-gaps") in page
