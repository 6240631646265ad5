"""Who sees which figures (scope.py), the targets page, the incomplete records, the API."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from quartier.accounts.models import AuditEntry, Membership, Role
from quartier.accounts.tokens import create_api_token
from quartier.conftest import make_user
from quartier.people.models import Project
from quartier.reporting.models import Target
from quartier.reporting.scope import organisations_for, projects_for
from quartier.reporting.tests.programme import Person, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(personas, home_org, other_org):
    elsewhere = make_user("beratung@elsewhere.example.org", Role.COUNSELLOR, other_org)
    return {home_org.pk: personas["counsellor"], other_org.pk: elsewhere}


@pytest.fixture
def people(project, home_org, other_org, staff):
    """Five complete people at home, four elsewhere, one incomplete at each."""
    plan = [Person(home_org, g, date(2026, 2, 2), status="inactive") for g in "wwwmm"]
    plan += [Person(other_org, g, date(2026, 3, 3), status="employed") for g in "wwww"]
    plan += [
        Person(home_org, "d", date(2026, 6, 1), isced=""),
        Person(other_org, "x", date(2026, 5, 1), status=""),
    ]
    build(project, plan, staff)
    return plan


def test_a_lead_counts_their_organisations_and_a_viewer_every_one_taking_part(
    project, personas, home_org, other_org
):
    assert organisations_for(personas["lead"], project) == [home_org.pk]
    assert organisations_for(personas["viewer"], project) == sorted([home_org.pk, other_org.pk])
    assert organisations_for(personas["outsider"], project) == [other_org.pk]
    for persona in ("counsellor", "advisor", "coordinator", "admin", "employer", "resident"):
        assert organisations_for(personas[persona], project) == []
        assert projects_for(personas[persona]) == []
    assert projects_for(personas["viewer"]) == [project]


def test_an_organisation_not_taking_part_counts_nothing(personas, home_org):
    project = Project.objects.create(
        slug="anderes",
        name="Anderes Projekt",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        retention_until=date(2030, 12, 31),
    )
    assert organisations_for(personas["viewer"], project) == []
    project.organisations.add(home_org)
    assert organisations_for(personas["viewer"], project) == [home_org.pk]


def test_roles_in_two_organisations_count_what_each_role_may(
    project, two_org_personas, home_org, other_org, people
):
    # Counsellor at home, reporting viewer elsewhere: the viewer's rule, every organisation.
    viewer = two_org_personas["counsellor+viewer"]
    assert organisations_for(viewer, project) == sorted([home_org.pk, other_org.pk])
    # Counsellor at home, resident elsewhere: no figures at all.
    assert organisations_for(two_org_personas["counsellor+resident"], project) == []
    # Project lead elsewhere, counsellor at home: the figures count elsewhere only ...
    both = make_user("leitung.beratung@example.org", Role.PROJECT_LEAD, other_org)
    Membership.objects.create(user=both, organisation=home_org, role=Role.COUNSELLOR)
    assert organisations_for(both, project) == [other_org.pk]
    token = create_api_token(both, "t")[1]
    client = Client()
    answer = client.get(
        "/api/v1/reporting/indicators",
        {"project": project.slug, "from": "2026-01-01", "to": "2026-06-30"},
        headers={"authorization": f"Bearer {token}"},
    ).json()
    outputs = answer["periods"][0]["tables"][0]["rows"]
    entered = {cell["column"]: cell["value"] for cell in outputs[0]["cells"]}
    # The one incomplete record is a small count, and the total would give it away.
    assert entered == {"w": 4, "m": 0, "d": 0, "x": None, "total": None}
    # ... while the incomplete records they correct are those of both organisations,
    # where they counsel and where they lead.
    client.force_login(both)
    page = client.get(reverse("reporting:incomplete")).content.decode()
    assert page.count("/entry-data/") == 2


def test_the_lead_sets_targets_and_sees_them_again(client, project, personas):
    client.force_login(personas["lead"])
    url = reverse("reporting:targets") + "?project=arbeit-im-quartier&period=phase"
    page = client.get(url)
    assert page.status_code == 200
    assert "EECO01" in page.content.decode()
    response = client.post(url, {"EECO01": "300", "EECR04": "75", "EECO19": ""})
    assert response.status_code == 302
    assert sorted(Target.objects.values_list("period_key", "code", "value")) == [
        ("phase", "EECO01", 300),
        ("phase", "EECR04", 75),
    ]
    assert (
        AuditEntry.objects.with_scopes_disabled().filter(code="reporting.targets.changed").count()
        == 1
    )
    assert 'value="300"' in client.get(url).content.decode()
    # Cleared again.
    client.post(url, {"EECO01": "", "EECR04": "75"})
    assert Target.objects.count() == 1


def test_a_target_must_be_a_whole_number_of_at_least_zero(client, project, personas):
    client.force_login(personas["lead"])
    url = reverse("reporting:targets") + "?project=arbeit-im-quartier&period=2026"
    response = client.post(url, {"EECO01": "-4"})
    assert response.status_code == 200
    assert Target.objects.count() == 0


def test_a_bad_period_is_said_and_nothing_saved(client, project, personas):
    client.force_login(personas["lead"])
    url = reverse("reporting:targets") + "?project=arbeit-im-quartier&period=2026-Q7"
    response = client.post(url, {"EECO01": "5"})
    assert "is not a period" in response.content.decode()
    assert Target.objects.count() == 0


def test_only_the_lead_sets_targets(client, project, personas):
    for persona in ("viewer", "counsellor"):
        client.force_login(personas[persona])
        assert client.get(reverse("reporting:targets")).status_code == 403


def test_the_incomplete_records_are_the_holding_organisations_own(client, people, personas):
    client.force_login(personas["counsellor"])
    page = client.get(reverse("reporting:incomplete")).content.decode()
    assert page.count("/entry-data/") == 1
    assert "Person9" in page  # the incomplete one at home, not the one elsewhere
    assert "overdue" not in page
    assert (
        AuditEntry.objects.with_scopes_disabled().filter(code="reporting.incomplete.listed").count()
        == 1
    )
    client.force_login(personas["viewer"])
    assert client.get(reverse("reporting:incomplete")).status_code == 403


def api(client, user, **params):
    token = create_api_token(user, "test")[1]
    return client.get(
        "/api/v1/reporting/indicators",
        params,
        headers={"authorization": f"Bearer {token}", "accept-language": "en"},
    )


def test_the_api_answers_the_viewer_suppressed(client, project, personas, people):
    Target.objects.create(project=project, code="EECO01", period_key="2026-Q1", value=20)
    response = api(
        client,
        personas["viewer"],
        project=project.slug,
        by="quarter",
        **{"from": "2026-01-01", "to": "2026-06-30"},
    )
    assert response.status_code == 200
    answer = response.json()
    assert [p["key"] for p in answer["periods"]] == ["2026-Q1", "2026-Q2"]
    assert (answer["threshold"], answer["hidden_mark"]) == (3, "•")
    first = answer["periods"][0]["tables"][0]
    eeco01 = next(row for row in first["rows"] if row["code"] == "EECO01")
    assert eeco01 == {
        "code": "EECO01",
        "label": "Total number of participants",  # in the language the request asks for
        "cells": [
            {"column": "w", "value": None, "hidden": True},
            {"column": "m", "value": None, "hidden": True},
            {"column": "d", "value": 0, "hidden": False},
            {"column": "x", "value": 0, "hidden": False},
            {"column": "total", "value": None, "hidden": True},
        ],
        "target": 20,
    }
    assert [table["key"] for table in answer["periods"][1]["tables"]] == [
        "esf-outputs",
        "esf-entities",
        "esf-results",
        "esf-longer-term",
    ]


def test_the_api_hides_projects_the_user_may_not_see(client, project, personas):
    assert api(client, personas["counsellor"], project=project.slug).status_code == 403
    Project.objects.create(
        slug="fremd",
        name="Fremd",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        retention_until=date(2030, 12, 31),
    )
    assert api(client, personas["viewer"], project="fremd").status_code == 404
    assert api(client, personas["viewer"], project="unknown").status_code == 404
    bad = api(
        client,
        personas["viewer"],
        project=project.slug,
        **{"from": "2026-05-01", "to": "2026-01-01"},
    )
    assert bad.status_code == 422


def test_the_api_costs_the_same_queries_for_a_year_as_for_a_day(
    client, project, personas, people, django_assert_num_queries
):
    token = create_api_token(personas["viewer"], "test")[1]
    headers = {"authorization": f"Bearer {token}"}
    # The token's first use is written down once (then at most every few minutes).
    client.get("/api/v1/reporting/indicators", {"project": project.slug}, headers=headers)
    for start, end in (("2026-03-03", "2026-03-03"), ("2025-01-01", "2026-06-30")):
        # 1 token, 2 memberships, 3 project, 4 organisations taking part, 5 targets,
        # 6-9 the four aggregates.
        with django_assert_num_queries(9):
            client.get(
                "/api/v1/reporting/indicators",
                {"project": project.slug, "from": start, "to": end},
                headers=headers,
            )
