"""Personas shared by every app's tests (STYLE.md 41): one user per role, plus outsiders."""

from datetime import date

import pytest
from django.utils import translation

from quartier.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from quartier.people.models import Project

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Service messages are checked in English; pages pick their language from the URL."""
    with translation.override("en"):
        yield


def make_user(email: str, role: str | None, organisation: Organisation | None, **fields) -> User:
    user = User.objects.create_user(email, PASSWORD, **fields)
    if role is not None and organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def home_org(db) -> Organisation:
    return Organisation.objects.create(
        slug="beratung-ost", name="Beratung Ost", kind=OrganisationKind.COUNSELLING
    )


@pytest.fixture
def other_org(db) -> Organisation:
    return Organisation.objects.create(
        slug="bildung-west", name="Bildung West", kind=OrganisationKind.PROVIDER
    )


@pytest.fixture
def business_org(db) -> Organisation:
    return Organisation.objects.create(
        slug="baeckerei", name="Bäckerei am Platz", kind=OrganisationKind.BUSINESS
    )


@pytest.fixture
def personas(home_org, other_org, business_org) -> dict[str, User | None]:
    """Every role in the home organisation, an outsider lead elsewhere, and anonymous."""
    return {
        "anonymous": None,
        "no_role": make_user("ohne.rolle@example.org", None, None),
        "counsellor": make_user("counsellor@example.org", Role.COUNSELLOR, home_org),
        "advisor": make_user("advisor@example.org", Role.BUSINESS_ADVISOR, home_org),
        "coordinator": make_user("coordinator@example.org", Role.LEARNING_COORDINATOR, home_org),
        "lead": make_user("lead@example.org", Role.PROJECT_LEAD, home_org),
        "viewer": make_user("viewer@example.org", Role.REPORTING_VIEWER, home_org),
        "admin": make_user("admin@example.org", Role.ADMINISTRATOR, home_org),
        "employer": make_user("employer@example.org", Role.EMPLOYER, business_org),
        "resident": make_user("resident@example.org", Role.RESIDENT, home_org),
        "outsider": make_user("lead@elsewhere.example.org", Role.PROJECT_LEAD, other_org),
    }


@pytest.fixture
def lead(personas) -> User:
    return personas["lead"]


@pytest.fixture
def counsellor(personas) -> User:
    return personas["counsellor"]


@pytest.fixture
def two_org_personas(home_org, other_org, business_org) -> dict[str, User]:
    """People with roles in two organisations, as is common in a quarter: casework at the
    home organisation and another role elsewhere (or an advisor who also employs)."""
    counsellor_resident = make_user("beraterin.nachbarin@example.org", Role.COUNSELLOR, home_org)
    Membership.objects.create(user=counsellor_resident, organisation=other_org, role=Role.RESIDENT)
    counsellor_viewer = make_user("berater.bericht@example.org", Role.COUNSELLOR, home_org)
    Membership.objects.create(
        user=counsellor_viewer, organisation=other_org, role=Role.REPORTING_VIEWER
    )
    advisor_employer = make_user("beraterin.betrieb@example.org", Role.BUSINESS_ADVISOR, home_org)
    Membership.objects.create(user=advisor_employer, organisation=business_org, role=Role.EMPLOYER)
    return {
        "counsellor+resident": counsellor_resident,
        "counsellor+viewer": counsellor_viewer,
        "advisor+employer": advisor_employer,
    }


@pytest.fixture
def project(db) -> Project:
    """The funded project most tests count their participants in."""
    return Project.objects.create(
        slug="arbeit-im-quartier",
        name="Arbeit im Quartier",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """The public forms' limits and mail counts start from nothing in every test."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def flush_only_filled_tables_on_postgresql():
    """Empty only the tables a transactional test filled, on PostgreSQL.

    After every test that commits (the browser tests, the concurrency tests), Django
    empties the database with one TRUNCATE of every table: on PostgreSQL that makes new
    files for about 120 tables and their indexes, 0.6 s a test, and the content types
    and permissions it empties are then written again. Most tables are empty, so this
    deletes from the filled ones only, in the flush's transaction (the foreign keys are
    checked at its end), and leaves content types and permissions alone. SQLite empties
    its tables cheaply and keeps Django's way.
    """
    from django.core.management.commands import flush
    from django.db import connections

    if connections["default"].vendor != "postgresql":
        yield
        return
    kept = {"django_content_type", "auth_permission"}

    def sql_flush(style, connection, reset_sequences=True, allow_cascade=False):
        tables = [
            table
            for table in connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            if table not in kept
        ]
        quote = connection.ops.quote_name
        probe = " UNION ALL ".join(
            f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})" for table in tables
        )
        with connection.cursor() as cursor:
            cursor.execute(probe, tables)
            filled = [row[0] for row in cursor.fetchall()]
        return [f"DELETE FROM {quote(table)};" for table in filled]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "sql_flush", sql_flush)
        yield


def pytest_collection_modifyitems(items):
    """Tests marked ``empties_database`` run after every other test.

    The staff walk commits a programme of its own and empties the whole database when
    its module ends — what the migrations put in (sectors, ESCO) too. pytest-django
    orders tests by how they use the database (its hook runs first); this moves the
    walk to the end of that order, so that no test after it needs those rows, also
    in each worker when the suite runs on several cores.
    """
    last = [item for item in items if item.get_closest_marker("empties_database")]
    if last:
        chosen = set(last)
        items[:] = [item for item in items if item not in chosen] + last
