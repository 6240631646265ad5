"""The success measures' definition pages and their API: who reads them, what they say."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from quartier.accounts.tokens import create_api_token
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.people.intake import take_in
from quartier.people.models import Project
from quartier.reporting import measures

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "de", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"reporting:{name}", kwargs=kwargs or None)


def test_the_list_shows_every_measure_under_the_seeds_headings(client, lead):
    client.force_login(lead)
    response = client.get(url("measure-list"))
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("Stärkung der lokalen Ökonomie", "Der Lernort"):
        assert heading in page
    for measure in measures.MEASURES:
        assert url("measure-definition", slug=measure.code) in page


def test_a_definition_names_numerator_denominator_sources_and_limits(client, personas):
    client.force_login(personas["viewer"])
    response = client.get(url("measure-definition", "en", slug="qualified-applicants"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Qualified applicants</h1>" in page
    assert (
        "Numerator: of whom with a recognised or validated qualification. "
        "Denominator: Participants who applied."
    ) in page
    assert "Referrals of counselling cases" in page  # the records read
    assert "Quartier records no job applications as such" in page  # the limit
    assert '<code lang="zxx" translate="no">qualified-share</code>' in page


@pytest.mark.parametrize("language", ["de", "en", "ru", "vi", "ar", "kmr", "uk"])
def test_every_definition_reads_in_every_language(client, lead, language):
    client.force_login(lead)
    english = {}
    with translation.override("en"):
        english = {m.code: str(m.title) for m in measures.MEASURES}
    for measure in measures.MEASURES:
        response = client.get(url("measure-definition", language, slug=measure.code))
        assert response.status_code == 200
        with translation.override(language):
            title = str(measure.title)
        assert f"<h1>{title}</h1>" in response.content.decode()
        if language != "en":
            assert title != english[measure.code], (language, measure.code)


def test_the_arabic_definition_reads_right_to_left(client, lead):
    client.force_login(lead)
    response = client.get(url("measure-definition", "ar", slug="learning-offers"))
    assert 'dir="rtl"' in response.content.decode()


def test_the_pages_read_only_who_is_signed_in(client, lead, django_assert_num_queries):
    client.force_login(lead)
    for page in (url("measure-list"), url("measure-definition", slug="learning-offers")):
        # The session, the user, the user's memberships (access and menu).
        with django_assert_num_queries(3):
            assert client.get(page).status_code == 200


def test_an_unknown_measure_is_not_found(client, lead):
    client.force_login(lead)
    assert client.get(url("measure-definition", slug="no-such-measure")).status_code == 404


@pytest.mark.parametrize("persona", ["counsellor", "advisor", "coordinator", "employer"])
def test_case_workers_and_employers_are_refused(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(url("measure-list")).status_code == 403
    assert client.get(url("measure-definition", slug="new-jobs")).status_code == 403


# -- The API ---------------------------------------------------------------------------


class Api:
    """GET /api/v1/reporting/measures through the real URL conf, answered in English."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str, headers: dict | None = None):
        return self.client.get(
            f"/api/v1/reporting{path}", headers={"accept-language": "en", **(headers or {})}
        )


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def every_count_shown(settings):
    """These tests read the shape of the answer: no count is small enough to hide."""
    settings.REPORTING_MIN_COUNT = 1


@pytest.fixture
def project(home_org, counsellor) -> Project:
    project = Project.objects.create(
        slug="aiq",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )
    project.organisations.add(home_org)
    with scopes_disabled():
        for given, gender, contacts in (("Anna", "w", 2), ("Bea", "w", 1), ("Carl", "m", 4)):
            person = take_in(
                home_org,
                project,
                counsellor,
                date(2026, 1, 5),
                given_name=given,
                family_name="Muster",
                gender=gender,
            )
            case = open_case(person, counsellor, opened_on=date(2026, 1, 5))
            for day in range(1, contacts + 1):
                add_contact(
                    case,
                    counsellor,
                    date=date(2026, 2, day),
                    duration_minutes=30,
                    channel="person",
                    language="de",
                    interpreter=day == 1,
                )
    return project


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_api_token(user, 'reporting')[1]}"}


def test_the_api_gives_every_measures_table_with_codes_labels_and_cells(
    api, project, lead, every_count_shown
):
    response = api.get("/measures?project=aiq&from=2026-01-01&to=2026-03-31", headers=bearer(lead))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["project"] == "aiq"
    assert body["period"] == {
        "key": "2026-01-01..2026-03-31",
        "start": "2026-01-01",
        "end": "2026-03-31",
    }
    assert [table["code"] for table in body["tables"]] == [
        key for measure in measures.MEASURES for key in measure.table_keys
    ]
    counselling = next(t for t in body["tables"] if t["code"] == "counselling-towards-work")

    def cells(**values):
        return [
            {"column": column, "value": values.get(column, 0), "hidden": False, "share": None}
            for column in ("w", "m", "d", "x", "total")
        ]

    assert counselling == {
        "code": "counselling-towards-work",
        "measure": "counselling-towards-work",
        "title": "Counselling towards work",
        "description": "Counselling of participants on their way to work, and in which languages.",
        "columns": [
            {"code": "w", "label": "Women"},
            {"code": "m", "label": "Men"},
            {"code": "d", "label": "Non-binary"},
            {"code": "x", "label": "No answer"},
            {"code": "total", "label": "Total"},
        ],
        "total_column": "total",
        "rows": [
            {
                "code": "counselled",
                "label": "Participants counselled",
                "numerator": None,
                "denominator": None,
                "cells": cells(w=2, m=1, total=3),
            },
            {
                "code": "cases-opened",
                "label": "Cases opened",
                "numerator": None,
                "denominator": None,
                "cells": cells(w=2, m=1, total=3),
            },
            {
                "code": "contacts",
                "label": "Counselling contacts",
                "numerator": None,
                "denominator": None,
                "cells": cells(w=3, m=4, total=7),
            },
            {
                "code": "contacts-interpreter",
                "label": "of which with an interpreter",
                "numerator": None,
                "denominator": None,
                "cells": cells(w=2, m=1, total=3),
            },
            {
                "code": "interpreter-share",
                "label": "Share",
                "numerator": "contacts-interpreter",
                "denominator": "contacts",
                "cells": [
                    {"column": "w", "value": None, "hidden": False, "share": 0.6667},
                    {"column": "m", "value": None, "hidden": False, "share": 0.25},
                    {"column": "d", "value": None, "hidden": False, "share": None},
                    {"column": "x", "value": None, "hidden": False, "share": None},
                    {"column": "total", "value": None, "hidden": False, "share": 0.4286},
                ],
            },
        ],
    }


def test_the_api_counts_nothing_outside_the_period(api, project, lead, every_count_shown):
    response = api.get("/measures?project=aiq&from=2026-04-01&to=2026-06-30", headers=bearer(lead))
    counselling = next(
        t for t in response.json()["tables"] if t["code"] == "counselling-towards-work"
    )
    assert {cell["value"] for row in counselling["rows"] for cell in row["cells"]} <= {0, None}


def test_the_api_refuses_a_counsellor_and_an_unknown_project(api, project, lead, counsellor):
    assert api.get("/measures?project=aiq", headers=bearer(counsellor)).status_code == 403
    assert api.get("/measures?project=aiq").status_code == 401
    assert api.get("/measures?project=nope", headers=bearer(lead)).status_code == 404


def test_the_api_explains_a_period_that_ends_before_it_starts(api, project, lead):
    response = api.get("/measures?project=aiq&from=2026-05-01&to=2026-04-01", headers=bearer(lead))
    assert response.status_code == 422
    assert response.json() == {"detail": "The period ends before it starts."}


def test_the_api_hides_small_counts_and_what_would_give_them_away(api, project, lead):
    response = api.get("/measures?project=aiq&from=2026-01-01&to=2026-03-31", headers=bearer(lead))
    counselling = next(
        t for t in response.json()["tables"] if t["code"] == "counselling-towards-work"
    )
    counselled = next(row for row in counselling["rows"] if row["code"] == "counselled")

    # Two women and one man: both hidden, the total of three shown.
    assert [(c["column"], c["value"], c["hidden"]) for c in counselled["cells"]] == [
        ("w", None, True),
        ("m", None, True),
        ("d", 0, False),
        ("x", 0, False),
        ("total", 3, False),
    ]


def test_the_api_answers_a_project_the_user_does_not_read_as_unknown(api, project, lead):
    project.organisations.clear()

    response = api.get("/measures?project=aiq", headers=bearer(lead))

    assert response.status_code == 404
