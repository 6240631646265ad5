"""Vacancies and training places: staff and employer pages, public pages, the API."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from quartier.accounts.models import AuditEntry
from quartier.accounts.tokens import create_api_token
from quartier.economy.models import Vacancy, VacancyStatus
from quartier.economy.tests.advice_fixtures import *  # noqa: F403
from quartier.economy.vacancies import public_views
from quartier.economy.vacancies import views as vacancy_views
from quartier.economy.vacancies.services import create_vacancy, set_languages, set_skills
from quartier.tests.pagination import next_link, walk

pytestmark = pytest.mark.django_db


def vacancy_form(business: str = "", **fields) -> dict:
    data = {
        "kind": "apprenticeship",
        "title_de": "Ausbildung Bäcker/in",
        "description_de": "Frühschicht, kleines Team",
        "status": "open",
        "hours_per_week": "40",
        "starts_on": "2026-09-01",
        "pay_min": "900",
        "pay_max": "1100",
        "pay_period": "month",
        "title_ar": "تدريب مهني خباز",
        "title_uk": "Навчання на пекаря",
    }
    if business:
        data["business"] = business
    return data | fields


@pytest.fixture
def open_job(personas, deli, cook):
    vacancy = create_vacancy(
        deli,
        personas["advisor"],
        kind="job",
        titles={"de": "Koch/Köchin", "vi": "Đầu bếp"},
        occupation=cook,
        hours_per_week=30,
        published=True,
    )
    set_languages(vacancy, personas["advisor"], [("vi", "B2"), ("de", "A2")])
    return vacancy


@pytest.fixture
def draft(personas, bakery):
    return create_vacancy(bakery, personas["advisor"], kind="minijob", titles={"de": "Aushilfe"})


def test_an_advisor_enters_a_training_place_in_several_languages(client, personas, bakery):
    client.force_login(personas["advisor"])
    assert client.get(reverse("economy:vacancy-create")).status_code == 200
    response = client.post(reverse("economy:vacancy-create"), vacancy_form(bakery.slug))
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert vacancy.titles == {
        "de": "Ausbildung Bäcker/in",
        "ar": "تدريب مهني خباز",
        "uk": "Навчання на пекаря",
    }
    assert vacancy.title("ru") == "Ausbildung Bäcker/in"  # German fallback
    assert (vacancy.entered_by, vacancy.entered_by_business) == (personas["advisor"], False)
    page = client.get(response["Location"]).content.decode()
    assert "900 € – 1100 € per month" in page


def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(client, personas, bakery):
    client.force_login(personas["advisor"])
    response = client.post(
        reverse("economy:vacancy-create"), vacancy_form(bakery.slug, pay_min="2000"), follow=True
    )
    assert "The highest pay cannot be below the lowest." in response.content.decode()
    response = client.post(
        reverse("economy:vacancy-create"), vacancy_form(bakery.slug, pay_period=""), follow=True
    )
    assert "Say whether the pay is per hour, month or year." in response.content.decode()
    assert not Vacancy.objects.exists()


def test_an_employer_enters_and_edits_only_its_own_business_vacancies(
    client, personas, bakery, deli, open_job
):
    client.force_login(personas["employer"])
    form = client.get(reverse("economy:vacancy-create")).content.decode()
    assert "Bäckerei am Platz" in form and "Feinkost Saigon" not in form
    assert "filled_by" not in form
    response = client.post(reverse("economy:vacancy-create"), vacancy_form(bakery.slug))
    assert response.status_code == 302
    own = Vacancy.objects.get(business=bakery)
    assert own.entered_by_business
    # Another business: not offered, and its vacancy is as if it did not exist.
    response = client.post(reverse("economy:vacancy-create"), vacancy_form(deli.slug))
    assert response.status_code == 200
    assert Vacancy.objects.filter(business=deli).count() == 1
    for name in ("vacancy-detail", "vacancy-edit", "vacancy-requirements"):
        url = reverse(f"economy:{name}", kwargs={"code": open_job.public_id})
        assert client.get(url).status_code == 404, name
    edit = reverse("economy:vacancy-edit", kwargs={"code": open_job.public_id})
    assert client.post(edit, vacancy_form(title_de="Übernommen")).status_code == 404
    open_job.refresh_from_db()
    assert open_job.titles["de"] == "Koch/Köchin"
    listing = client.get(reverse("economy:vacancy-list")).content.decode()
    assert "Ausbildung Bäcker/in" in listing and "Koch/Köchin" not in listing


def test_a_counsellor_reads_vacancies_but_does_not_edit_them(client, personas, open_job):
    client.force_login(personas["counsellor"])
    detail = reverse("economy:vacancy-detail", kwargs={"code": open_job.public_id})
    assert client.get(detail).status_code == 200
    edit = reverse("economy:vacancy-edit", kwargs={"code": open_job.public_id})
    assert client.get(edit).status_code == 403


@pytest.mark.parametrize("persona", ["resident", "viewer", "no_role"])
def test_staff_vacancy_pages_are_refused_to_other_roles(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("economy:vacancy-list")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_from_staff_pages(client):
    response = client.get(reverse("economy:vacancy-list"))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_filling_a_vacancy_with_a_participant_unpublishes_it(
    client, personas, open_job, participant
):
    client.force_login(personas["advisor"])
    edit = reverse("economy:vacancy-edit", kwargs={"code": open_job.public_id})
    response = client.post(
        edit,
        vacancy_form(
            kind="job",
            title_de="Koch/Köchin",
            status="filled",
            filled_by=str(participant.public_id),
            published="on",
        ),
    )
    assert response.status_code == 302
    open_job.refresh_from_db()
    assert (open_job.status, open_job.filled_by, open_job.published) == (
        VacancyStatus.FILLED,
        participant,
        False,
    )
    assert open_job.filled_on == date(2026, 6, 15)
    # Business advisors never see a participant's name; the person's counsellors do.
    page = client.get(response["Location"]).content.decode()
    assert "Olena Kovalenko" not in page and "by a programme participant" in page
    client.force_login(personas["counsellor"])
    assert "Olena Kovalenko" in client.get(response["Location"]).content.decode()


def test_requirements_are_picked_from_the_esco_search(client, personas, draft, cook, sewing):
    client.force_login(personas["advisor"])
    url = reverse("economy:vacancy-requirements", kwargs={"code": draft.public_id})
    page = client.get(url, {"q": "nähen", "kind": "skill"}).content.decode()
    assert "nähen" in page
    client.post(url, {"action": "add_skill", "concept": sewing.pk, "required": "0"})
    client.post(url, {"action": "set_occupation", "concept": cook.pk})
    client.post(url, {"action": "add_language", "language": "de", "level": "B1"})
    draft.refresh_from_db()
    assert draft.occupation == cook
    assert [(s.concept, s.required) for s in draft.skills.all()] == [(sewing, False)]
    assert [(row.language, row.level) for row in draft.languages.all()] == [("de", "B1")]
    response = client.post(url, {"action": "add_skill", "concept": cook.pk}, follow=True)
    assert "Choose a skill, not an occupation." in response.content.decode()
    client.post(url, {"action": "remove_language", "language": "de"})
    assert not draft.languages.exists()


def test_the_staff_vacancy_list_takes_a_fixed_number_of_queries(
    client, personas, bakery, deli, cook, django_assert_num_queries
):
    for number in range(6):
        create_vacancy(
            deli if number % 2 else bakery,
            personas["advisor"],
            kind="job",
            titles={"de": f"Stelle {number}"},
            occupation=cook,
        )
    client.force_login(personas["advisor"])
    # session, user, memberships, count, page of vacancies with business and occupation,
    # occupation labels
    with django_assert_num_queries(6):
        response = client.get(reverse("economy:vacancy-list"))
    assert response.content.decode().count("<td>cook</td>") == 6


# -- Public pages ----------------------------------------------------------------


def test_the_public_list_shows_only_published_open_vacancies(client, personas, open_job, draft):
    withdrawn = create_vacancy(
        open_job.business,
        personas["advisor"],
        kind="job",
        titles={"de": "Zurückgezogen"},
        published=True,
    )
    withdrawn.status = VacancyStatus.WITHDRAWN
    withdrawn.save()
    page = client.get(reverse("economy-public:vacancy-list")).content.decode()
    assert "Koch/Köchin" in page
    assert "Aushilfe" not in page and "Zurückgezogen" not in page
    detail = reverse("economy-public:vacancy-detail", kwargs={"code": draft.public_id})
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize(
    ("language", "title", "level"),
    [("vi", "Đầu bếp", "B2"), ("ar", "Koch/Köchin", "B2"), ("uk", "Koch/Köchin", "A2")],
)
def test_the_public_detail_reads_in_the_visitors_language(client, open_job, language, title, level):
    url = f"/{language}/economy/vacancies/{open_job.public_id}/"
    page = client.get(url).content.decode()
    assert title in page
    assert f"({level})" in page


def test_the_public_list_filters_by_kind_sector_occupation_and_language(
    client, personas, open_job, bakery, cook
):
    create_vacancy(
        bakery, personas["advisor"], kind="apprenticeship", titles={"de": "Azubi"}, published=True
    )
    url = reverse("economy-public:vacancy-list")
    assert "Azubi" not in client.get(url, {"kind": "job"}).content.decode()
    assert "Koch/Köchin" not in client.get(url, {"sector": "crafts"}).content.decode()
    by_occupation = client.get(url, {"occupation": cook.pk}).content.decode()
    assert "Koch/Köchin" in by_occupation and "Azubi" not in by_occupation
    by_language = client.get(url, {"language": "vi"}).content.decode()
    assert "Koch/Köchin" in by_language and "Azubi" not in by_language


def test_the_public_list_takes_a_fixed_number_of_queries(
    client, personas, bakery, deli, cook, django_assert_num_queries
):
    for number in range(6):
        vacancy = create_vacancy(
            deli if number % 2 else bakery,
            personas["advisor"],
            kind="job",
            titles={"de": f"Stelle {number}"},
            occupation=cook,
            published=True,
        )
        set_languages(vacancy, personas["advisor"], [("de", "B1")])
    # occupations of the published vacancies, their labels, the languages asked for,
    # sectors for the filter, count, page of vacancies with business, sector and
    # occupation, occupation labels, languages
    with django_assert_num_queries(8):
        response = client.get(reverse("economy-public:vacancy-list"))
    assert response.content.decode().count("Stelle ") == 6


# -- API ---------------------------------------------------------------------------


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


EXPECTED_JOB = {
    "business": "feinkost-saigon",
    "business_name": "Feinkost Saigon",
    "kind": "job",
    "titles": {"de": "Koch/Köchin", "vi": "Đầu bếp"},
    "descriptions": {},
    "occupation": "http://example.org/occupation/cook",
    "hours_per_week": 30.0,
    "starts_on": None,
    "closes_on": None,
    "pay_min": None,
    "pay_max": None,
    "pay_period": "",
    "status": "open",
    "published": True,
    "skills": [],
    "languages": [
        {"language": "vi", "level": "B2", "required": True},
        {"language": "de", "level": "A2", "required": True},
    ],
}


def test_the_api_lists_published_vacancies_to_everyone_and_drafts_to_staff(
    client, personas, open_job, draft
):
    public = client.get("/api/v1/economy/vacancies").json()
    assert public["count"] == 1
    assert public["items"][0] == {"id": str(open_job.public_id), **EXPECTED_JOB}
    staff = client.get("/api/v1/economy/vacancies", **bearer(personas["counsellor"])).json()
    assert staff["count"] == 2
    # An employer sees the published vacancies of others, and its own drafts.
    employer = client.get("/api/v1/economy/vacancies", **bearer(personas["employer"])).json()
    assert sorted(item["titles"]["de"] for item in employer["items"]) == [
        "Aushilfe",
        "Koch/Köchin",
    ]
    draft_url = f"/api/v1/economy/vacancies/{draft.public_id}"
    assert client.get(draft_url).status_code == 404
    assert client.get(draft_url, **bearer(personas["advisor"])).json()["titles"] == {
        "de": "Aushilfe"
    }
    bad = {"HTTP_AUTHORIZATION": "Bearer qt_nonsense"}
    assert client.get("/api/v1/economy/vacancies", **bad).status_code == 401


def test_the_api_list_takes_a_fixed_number_of_queries(
    client, personas, open_job, draft, sewing, django_assert_num_queries
):
    set_skills(open_job, personas["advisor"], [(sewing, True)])
    # count, vacancies with business and occupation, skills with concepts, languages
    with django_assert_num_queries(5):
        response = client.get("/api/v1/economy/vacancies")
    assert response.status_code == 200


def test_an_employer_creates_its_own_vacancy_over_the_api_but_not_another_business(
    client, personas, bakery, deli, sewing
):
    headers = bearer(personas["employer"])
    payload = {
        "business": bakery.slug,
        "kind": "internship",
        "titles": {"de": "Praktikum in der Backstube"},
        "skills": [{"uri": sewing.uri, "required": False}],
        "languages": [{"language": "de", "level": "A2"}],
    }
    response = client.post(
        "/api/v1/economy/vacancies", payload, content_type="application/json", **headers
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["skills"] == [{"uri": sewing.uri, "required": False}]
    assert Vacancy.objects.get().entered_by_business
    other = payload | {"business": deli.slug}
    response = client.post(
        "/api/v1/economy/vacancies", other, content_type="application/json", **headers
    )
    assert response.status_code == 404
    assert Vacancy.objects.count() == 1


def test_an_employer_cannot_patch_another_business_vacancy(client, personas, open_job):
    response = client.patch(
        f"/api/v1/economy/vacancies/{open_job.public_id}",
        {"titles": {"de": "Übernommen"}},
        content_type="application/json",
        **bearer(personas["employer"]),
    )
    assert response.status_code == 404
    open_job.refresh_from_db()
    assert open_job.titles["de"] == "Koch/Köchin"


def test_the_api_answers_bad_input_with_the_pages_messages_and_saves_nothing(
    client, personas, open_job
):
    headers = bearer(personas["advisor"])
    url = f"/api/v1/economy/vacancies/{open_job.public_id}"
    response = client.patch(
        url,
        {"pay_min": 20, "pay_max": 10, "pay_period": "hour", "titles": {"de": "Neu"}},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "The highest pay cannot be below the lowest."}
    response = client.patch(
        url,
        {"titles": {"de": "Neu"}, "languages": [{"language": "de", "level": "Z9"}]},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert "CEFR" in response.json()["detail"]
    open_job.refresh_from_db()
    assert open_job.titles["de"] == "Koch/Köchin"
    assert open_job.languages.count() == 2
    assert client.patch(url, {}, content_type="application/json").status_code == 401
    resident = bearer(personas["resident"])
    assert client.patch(url, {}, content_type="application/json", **resident).status_code == 403


def test_the_api_patch_changes_status_and_audits_it(client, personas, open_job):
    response = client.patch(
        f"/api/v1/economy/vacancies/{open_job.public_id}",
        {"status": "withdrawn"},
        content_type="application/json",
        **bearer(personas["advisor"]),
    )
    assert response.status_code == 200
    assert response.json()["published"] is False
    assert AuditEntry.objects.filter(code="economy.vacancy.changed").count() == 1


def test_skills_are_set_without_duplicates(personas, draft, sewing):
    set_skills(draft, personas["advisor"], [(sewing, True), (sewing, False)])
    assert draft.skills.count() == 1
    # Matching's copies (selected by through an index) follow the rows.
    draft.refresh_from_db()
    assert (draft.skill_ids, draft.optional_skill_ids) == ([sewing.pk], [])
    set_skills(draft, personas["advisor"], [(sewing, False)])
    draft.refresh_from_db()
    assert (draft.skill_ids, draft.optional_skill_ids) == ([], [sewing.pk])


def test_the_staff_vacancy_page_takes_a_fixed_number_of_queries(
    client, personas, open_job, sewing, django_assert_num_queries
):
    set_skills(open_job, personas["advisor"], [(sewing, True)])
    client.force_login(personas["advisor"])
    url = reverse("economy:vacancy-detail", kwargs={"code": open_job.public_id})
    # session, user, memberships, the vacancy (with business, sector, occupation, entered
    # by), the occupation's labels, skills with concepts, their labels, languages, whether
    # the user may edit it
    with django_assert_num_queries(9):
        response = client.get(url)
    page = response.content.decode()
    assert "sew" in page and "Vietnamese (B2)" in page


def test_the_public_vacancy_page_takes_a_fixed_number_of_queries(
    client, personas, open_job, sewing, django_assert_num_queries
):
    set_skills(open_job, personas["advisor"], [(sewing, False)])
    url = reverse("economy-public:vacancy-detail", kwargs={"code": open_job.public_id})
    # the vacancy (with business, sector, occupation), occupation labels, languages,
    # skills, their concepts, their labels
    with django_assert_num_queries(6):
        response = client.get(url)
    assert "Nice to have" in response.content.decode()


def test_the_staff_list_filters_by_business_and_status(client, personas, open_job, draft, deli):
    client.force_login(personas["advisor"])
    url = reverse("economy:vacancy-list")
    page = client.get(url, {"status": "all", "business": deli.slug}).content.decode()
    assert "Koch/Köchin" in page and "Aushilfe" not in page
    page = client.get(url, {"status": "filled"}).content.decode()
    assert "Koch/Köchin" not in page


def test_the_staff_list_filter_and_page_links_keep_each_other(
    client, personas, bakery, deli, monkeypatch
):
    monkeypatch.setattr(vacancy_views, "PAGE_SIZE", 2)
    for number in range(3):
        create_vacancy(deli, personas["advisor"], kind="job", titles={"de": f"Stelle {number}"})
    create_vacancy(bakery, personas["advisor"], kind="minijob", titles={"de": "Aushilfe"})
    client.force_login(personas["advisor"])
    url = reverse("economy:vacancy-list")
    first = client.get(url, {"status": "all", "kind": "job"})
    assert next_link(first).startswith("?status=all&kind=job&cursor=")
    second = client.get(url + next_link(first))
    assert second.context["page"].number == 2
    assert second.context["page"].count == 3
    assert second.context["form"]["kind"].value() == "job"
    assert "Aushilfe" not in second.content.decode()


def test_the_staff_list_ignores_an_unknown_value_and_shows_open_ones_by_default(
    client, personas, open_job
):
    client.force_login(personas["advisor"])
    url = reverse("economy:vacancy-list")
    response = client.get(url, {"kind": "nonsense", "business": open_job.business.slug})
    assert "Koch/Köchin" in response.content.decode()
    assert response.context["form"]["status"].value() == VacancyStatus.OPEN
    assert not client.get(url, {"status": "filled"}).context["page"].count


def test_the_public_list_filter_and_page_links_keep_each_other(
    client, personas, bakery, deli, monkeypatch
):
    monkeypatch.setattr(public_views, "PAGE_SIZE", 2)
    for number in range(3):
        create_vacancy(
            deli, personas["advisor"], kind="job", titles={"de": f"Stelle {number}"}, published=True
        )
    create_vacancy(
        bakery, personas["advisor"], kind="minijob", titles={"de": "Aushilfe"}, published=True
    )
    url = reverse("economy-public:vacancy-list")
    first = client.get(url, {"kind": "job"})
    assert next_link(first) == "?kind=job&page=2"
    second = client.get(url + next_link(first))
    assert second.context["page"].number == 2
    assert second.context["page"].paginator.count == 3
    assert second.context["form"]["kind"].value() == "job"
    assert "Aushilfe" not in second.content.decode()


def vacancy_ids(response) -> list[int]:
    return [row["vacancy"].pk for row in response.context["rows"]]


def test_the_staff_list_pages_forward_and_back_with_each_vacancy_once(
    client, personas, deli, monkeypatch, settings
):
    monkeypatch.setattr(vacancy_views, "PAGE_SIZE", 4)
    # Entered in batches at the same instant: pages break inside a group of equal times.
    for number in range(15):
        with time_machine.travel(f"2026-03-0{number // 5 + 1} 10:00 +01:00", tick=False):
            create_vacancy(deli, personas["advisor"], kind="job", titles={"de": f"Stelle {number}"})
    client.force_login(personas["advisor"])
    url = reverse("economy:vacancy-list")
    forward, backward = walk(client, url, {"status": "all", "kind": "job"}, vacancy_ids)
    expected = list(
        Vacancy.objects.filter(kind="job")
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    assert [len(page) for page in forward] == [4, 4, 4, 3]
    assert [pk for page in forward for pk in page] == expected
    assert backward == list(reversed(forward))
    first = vacancy_ids(client.get(url, {"status": "all"}))
    assert vacancy_ids(client.get(url, {"status": "all", "cursor": "x:y:z"})) == first
