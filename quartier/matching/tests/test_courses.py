"""Gap → course: each missing essential skill names the open offers teaching it, or says
that none does, on the pages and in the API, in a fixed number of queries."""

from django.test import Client
from django.urls import reverse

from quartier.accounts.tokens import create_api_token
from quartier.economy.vacancies.services import create_vacancy, set_skills
from quartier.learning.offers.services import cancel_date


def candidates_url(vacancy) -> str:
    return reverse("matching:vacancy-candidates", kwargs={"code": vacancy.public_id})


def test_a_missing_skill_names_the_course_on_its_public_page_for_an_advisor(
    client, personas, cook_vacancy, make_person, make_course, other_org, esco
):
    make_person(other_org, "Olena", skills=[esco["prepare"]])  # lacks food hygiene
    make_person(other_org, "Minh", skills=[esco["hygiene"]])  # lacks preparing dishes
    course = make_course("Hygieneschulung", [esco["hygiene"]])
    client.force_login(personas["advisor"])
    page = client.get(candidates_url(cook_vacancy)).content.decode()
    public = reverse("learning-public:offer", kwargs={"code": course.code})
    assert (
        f'comply with food hygiene: <a href="{public}">Hygieneschulung</a> (next date 06/22/2026)'
        in page
    )
    assert "prepare dishes: no course teaches this yet." in page


def test_a_counsellor_is_led_to_the_offers_staff_page_and_the_employer_to_the_public_one(
    client, personas, cook_vacancy, make_person, make_course, home_org, esco
):
    rami = make_person(home_org, "Rami", skills=[esco["prepare"]])
    course = make_course("Hygieneschulung", [esco["hygiene"]])
    staff = reverse("learning:offer-detail", kwargs={"code": course.code})
    public = reverse("learning-public:offer", kwargs={"code": course.code})
    client.force_login(personas["counsellor"])
    url = reverse("matching:profile-vacancies", kwargs={"code": rami.participant.public_id})
    page = client.get(url).content.decode()
    assert f'href="{staff}"' in page and f'href="{public}"' not in page
    client.force_login(personas["employer"])
    page = client.get(candidates_url(cook_vacancy)).content.decode()
    assert "How the score is made up" not in page  # the short sentence, and still the course
    assert f'href="{public}"' in page and f'href="{staff}"' not in page


def test_only_open_offers_are_named_soonest_first(
    client, personas, cook_vacancy, make_person, make_course, other_org, esco
):
    make_person(other_org, "Olena", skills=[esco["prepare"]])
    make_course("Hygiene später", [esco["hygiene"]], days=20)
    make_course("Hygiene bald", [esco["hygiene"]], days=3)
    make_course("Hygiene intern", [esco["hygiene"]], published=False)
    make_course("Hygiene vorbei", [esco["hygiene"]], days=-3)
    make_course("Hygiene ausgebucht", [esco["hygiene"]], registration_open=False)
    dropped = make_course("Hygiene abgesagt", [esco["hygiene"]])
    cancel_date(dropped.dates.get(), personas["coordinator"])
    make_course("Pflegekurs", [esco["care"]])
    client.force_login(personas["advisor"])
    page = client.get(candidates_url(cook_vacancy)).content.decode()
    assert "Hygiene bald" in page and "Hygiene später" in page
    assert page.index("Hygiene bald") < page.index("Hygiene später")
    for title in ("intern", "vorbei", "ausgebucht", "abgesagt"):
        assert f"Hygiene {title}" not in page
    assert "Pflegekurs" not in page  # teaches nothing this vacancy asks for


def test_a_skill_no_offer_teaches_says_so_plainly(
    client, personas, cook_vacancy, make_person, other_org, esco
):
    make_person(other_org, "Olena", skills=[esco["prepare"]])
    client.force_login(personas["advisor"])
    page = client.get(candidates_url(cook_vacancy)).content.decode()
    assert "comply with food hygiene: no course teaches this yet." in page


def test_the_api_names_the_course_of_each_missing_skill(
    personas, cook_vacancy, make_person, make_course, home_org, esco
):
    rami = make_person(home_org, "Rami", skills=[esco["prepare"]])
    course = make_course("Hygieneschulung", [esco["hygiene"]], days=7)
    _token, raw = create_api_token(personas["counsellor"], "matching")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
    answer = client.get(f"/api/v1/matching/profiles/{rami.participant.public_id}/vacancies")
    [result] = answer.json()["results"]
    assert result["gaps"] == [
        {
            "skill": "comply with food hygiene",
            "courses": [
                {
                    "code": str(course.code),
                    "title": "Hygieneschulung",
                    "next_date": "2026-06-22T08:00:00Z",
                    "url": f"/en/staff/learning/offers/{course.code}/",
                }
            ],
        }
    ]


def test_the_courses_cost_one_query_for_one_offer_or_many(
    client,
    personas,
    cook_vacancy,
    make_person,
    make_course,
    other_org,
    esco,
    django_assert_num_queries,
):
    make_person(other_org, "Olena", skills=[esco["prepare"]])
    make_person(other_org, "Minh", skills=[esco["hygiene"]])
    make_course("Hygieneschulung", [esco["hygiene"]])
    client.force_login(personas["advisor"])
    # session, user, memberships; the vacancy; the ranking (7); the labels; the open
    # offers teaching the missing skills; the profiles' codes; the audit entry's
    # organisation and the entry
    with django_assert_num_queries(16):
        client.get(candidates_url(cook_vacancy))
    for number in range(4):
        make_course(f"Kochkurs {number}", [esco["prepare"], esco["hygiene"]], days=number + 1)
    with django_assert_num_queries(16):
        page = client.get(candidates_url(cook_vacancy)).content.decode()
    # At most three offers per skill, the soonest: the fourth cook course waits.
    assert "Kochkurs 2" in page and "Kochkurs 3" not in page


def test_a_persons_vacancies_cost_the_same_queries_with_one_course_or_many(
    client,
    personas,
    cook_vacancy,
    bakery,
    make_person,
    make_course,
    home_org,
    esco,
    django_assert_num_queries,
):
    rami = make_person(home_org, "Rami", skills=[esco["prepare"]])
    make_course("Hygieneschulung", [esco["hygiene"]])
    client.force_login(personas["counsellor"])
    url = reverse("matching:profile-vacancies", kwargs={"code": rami.participant.public_id})
    # session, user, memberships; the person with the profile; the ranking (12: the
    # person has no occupation whose ESCO skills to load); the labels; the open offers
    # teaching the missing skills; the vacancies with their businesses; the audit entry
    with django_assert_num_queries(14):
        client.get(url)
    advisor = personas["advisor"]
    for number in range(3):
        vacancy = create_vacancy(bakery, advisor, kind="job", titles={"de": f"Koch {number}"})
        set_skills(vacancy, advisor, [(esco["prepare"], True), (esco["menu"], True)])
        make_course(f"Menükurs {number}", [esco["menu"], esco["hygiene"]], days=number + 2)
    with django_assert_num_queries(14):
        page = client.get(url).content.decode()
    assert page.count('class="match"') == 4 and "Menükurs 2" in page
