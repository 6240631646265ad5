"""Every API operation, fuzzed from its OpenAPI document with schemathesis, in-process.

The Django app is called through WSGI. Each generated request (valid and invalid
input alike) goes out anonymously and with the tokens of the personas: every persona
the operation admits, and one it refuses, a different one from example to example,
so that every role meets every operation without eleven calls per example. Half of
the examples (chosen by their content, so that runs repeat) point at seeded records:
the path's ids and the body's references, so detail routes read and write real data.
A body that was accepted goes out again with each text field in turn made very long.

The checks: no server error; every answer documented (status code, content type,
body schema). The database refuses, as PostgreSQL does, text with a NUL character
and values too long or too large for their column, so input that would fail there
fails here too.
"""

import os
import zlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import schemathesis
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import DataError, close_old_connections, connection
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.signals import pre_save
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, settings
from ninja import Schema
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from quartier.accounts.tokens import create_api_token
from quartier.competences.conftest import concept
from quartier.competences.employers.contact_requests import ask_for_contact
from quartier.competences.passport.services import issue_passport
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.services import ensure_profile
from quartier.competences.profile.skills import add_skills
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.economy.businesses.register import save_business
from quartier.economy.models import House, Sector, Unit
from quartier.economy.network.cooperation import record_cooperation
from quartier.economy.premises.services import let_unit
from quartier.economy.vacancies.services import create_vacancy
from quartier.esco.models import Relation
from quartier.esco.suggest import LexicalEmbedder, set_embedder
from quartier.learning.appointments.tests.fixtures import PACK, book, counsellor_available
from quartier.learning.appointments.visits import record_visit
from quartier.learning.offers.registrations import register
from quartier.learning.offers.tests.fixtures import make_offer, person
from quartier.people.consent import record_consent
from quartier.people.models import Project, Purpose
from quartier.places.models import ContactPoint
from quartier.places.sitepack import load_site_pack

# Per operation; QUARTIER_FUZZ_EXAMPLES=200 for a deeper (and slower) run.
MAX_EXAMPLES = int(os.environ.get("QUARTIER_FUZZ_EXAMPLES", "20"))
BERLIN = ZoneInfo("Europe/Berlin")
# Monday 15 June 2026, midday: the seeded appointment and offer date lie in that week.
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=BERLIN)
PERSONAS = [
    "no_role",
    "counsellor",
    "advisor",
    "coordinator",
    "lead",
    "viewer",
    "admin",
    "employer",
    "resident",
    "outsider",
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Longer than any column the API writes text to.
LONG_TEXT = 10_000
# TokenAccess's answer to a token whose roles the operation does not admit.
REFUSED = "You may not use this endpoint."
# Per operation, the personas whose roles it refuses: learnt from the first example.
refusing: dict[str, set[str]] = {}
# What was sent, per operation: [examples, requests]; reported at the end.
sent: dict[str, list[int]] = {}


def with_client_address(application):
    """A web server always names the client (the public forms' limits count per
    address); schemathesis's WSGI calls do not."""

    def call(environ, start_response):
        environ.setdefault("REMOTE_ADDR", "192.0.2.1")
        return application(environ, start_response)

    return call


schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    with_client_address(WSGIHandler()),
    config=schemathesis.Config.from_dict(
        {
            # Fuzzing only, valid and invalid input: the coverage phase's hundreds of
            # boundary cases per operation would not fit in the time the suite allows.
            "phases": {"coverage": {"enabled": False}},
            # The Authorization header is the test's: anonymous and the personas' tokens.
            "generation": {"with-security-parameters": False},
        }
    ),
)


@pytest.fixture
def seeded(personas, home_org, other_org, business_org, tmp_path):
    """A little of everything, made through the services, for the detail routes."""
    with time_machine.travel(NOW, tick=False), scopes_disabled():
        counsellor, advisor = personas["counsellor"], personas["advisor"]
        pack = tmp_path / "pack.toml"
        pack.write_text(PACK, encoding="utf-8")
        load_site_pack(pack)
        lernort = ContactPoint.objects.get(slug="lernort")
        project = Project.objects.create(
            slug="arbeit-im-quartier",
            name="Arbeit im Quartier",
            starts_on=date(2025, 1, 1),
            ends_on=date(2027, 12, 31),
            retention_until=date(2031, 12, 31),
        )
        rami = person(home_org, project, counsellor, "Rami", "Haddad", "ar", postcode="01001")
        case = open_case(rami, counsellor)
        add_contact(
            case,
            counsellor,
            date=date(2026, 6, 15),
            duration_minutes=45,
            channel="person",
            language="ar",
        )
        cook = concept(
            "http://data.europa.eu/esco/occupation/cook", "occupation", "Koch/Köchin", "cook"
        )
        prepare = concept(
            "http://data.europa.eu/esco/skill/prepare",
            "skill",
            "Speisen zubereiten",
            "prepare dishes",
            "skill/competence",
        )
        Relation.objects.create(occupation=cook, skill=prepare, kind="essential")
        add_language(rami, counsellor, language="de", understanding="B1", speaking="A2")
        add_skills(rami, counsellor, [cook, prepare])
        record_consent(rami, Purpose.EMPLOYER_PROFILE, "ar", counsellor)
        profile = ensure_profile(rami, counsellor)
        issue_passport(rami, counsellor)
        request = ask_for_contact(
            profile, business_org, personas["employer"], "Probetag?", "0341 1234"
        )
        offer = make_offer(home_org, personas["coordinator"], lernort)
        registration = register(offer, counsellor, participant=rami)
        counsellor_available(counsellor, lernort, weekday=2)
        appointment = book(lernort, datetime(2026, 6, 17, 10, 0, tzinfo=BERLIN))
        record_visit(counsellor, contact_point=lernort, kind="walk_in")
        bakery = save_business(
            None,
            {
                "name": "Bäckerei am Platz",
                "organisation": business_org,
                "sector": Sector.objects.get(slug="crafts"),
                "postcode": "01001",
                "listed_publicly": True,
            },
            advisor,
        )
        deli = save_business(None, {"name": "Feinkost Saigon", "languages": ["vi"]}, advisor)
        vacancy = create_vacancy(
            bakery, advisor, kind="job", titles={"de": "Verkäuferin"}, published=True
        )
        house = House.objects.create(
            name="Haus 1", street="Markt", house_number="1", postcode="01001", city="Beispielstadt"
        )
        shop = Unit.objects.create(house=house, floor=0, label="EG", area=80, advertised=True)
        Unit.objects.create(house=house, floor=1, label="1. OG", intended_use="office")
        let_unit(shop, deli, date(2025, 3, 1), advisor)
        record_cooperation(bakery, deli, "supplier", date(2025, 5, 1), advisor)
    return {
        # Path templates (and all below them) with the ids of a real record.
        "paths": {
            "/api/v1/places/contact-points/{slug}": {"slug": lernort.slug},
            "/api/v1/people/participants/{code}": {"code": rami.public_id},
            "/api/v1/counselling/cases/{code}": {"code": case.public_id},
            "/api/v1/esco/concepts/{concept_id}": {"concept_id": cook.pk},
            "/api/v1/competences/profiles/{code}": {"code": rami.public_id},
            "/api/v1/competences/candidates/{code}": {"code": profile.public_code},
            "/api/v1/competences/contact-requests/{code}": {"code": request.public_id},
            "/api/v1/learning/offers/{code}": {"code": offer.code},
            "/api/v1/learning/registrations/{code}": {"code": registration.code},
            "/api/v1/learning/dates/{code}": {"code": offer.dates.get().code},
            "/api/v1/learning/contact-points/{slug}": {"slug": lernort.slug},
            "/api/v1/learning/appointments/{code}": {"code": appointment.public_id},
            "/api/v1/economy/businesses/{slug}": {"slug": bakery.slug},
            "/api/v1/economy/vacancies/{code}": {"code": vacancy.public_id},
            "/api/v1/matching/vacancies/{code}": {"code": vacancy.public_id},
            "/api/v1/matching/profiles/{code}": {"code": rami.public_id},
            "/api/v1/economy/premises/houses/{id}": {"id": house.pk},
        },
        # Body fields that name a record, with a real one.
        "body": {
            "organisation": home_org.slug,
            "project": project.slug,
            "participant": str(rami.public_id),
            "registration": str(registration.code),
            "contact_point": lernort.slug,
            "business": bakery.slug,
            "sector": "crafts",
            "reference_occupation": cook.uri,
            "occupation": cook.uri,
            "concepts": [prepare.uri],
            "skills": [prepare.uri],
        },
    }


@pytest.fixture
def tokens(personas) -> dict[str, str]:
    return {name: create_api_token(personas[name], "fuzz")[1] for name in PERSONAS}


@pytest.fixture
def lexical_suggestions():
    """Suggestions with the model-free embedder: the API is under test here, not e5."""
    set_embedder(LexicalEmbedder())
    yield
    set_embedder(None)


def refuse_nul_like_postgresql(execute, sql, params, many, context):
    """PostgreSQL takes no NUL in text (nor ``\\u0000`` in JSON), not even in a filter."""
    rows = params if many else [params]
    for row in rows:
        for value in row or ():
            if isinstance(value, str) and ("\x00" in value or "\\u0000" in value):
                raise ValueError("A string literal cannot contain NUL (0x00) characters.")
    return execute(sql, params, many, context)


def refuse_overflow_like_postgresql(sender, instance, **kwargs):
    """PostgreSQL refuses what does not fit a varchar or an integer column; SQLite stores it."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str) and field.max_length and len(value) > field.max_length:
            raise DataError(f"value too long for type character varying({field.max_length})")
        limits = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type())
        if isinstance(value, int) and limits and not limits[0] <= value <= limits[1]:
            raise DataError(f"{field.name}: integer out of range")


@pytest.fixture
def one_connection():
    """schemathesis calls the WSGI application itself, which closes the database
    connection at the end of each request (Django's test client switches that off).
    On PostgreSQL that would end the test's transaction: keep the connection, as the
    test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def no_public_limits(settings):
    """The public operations' limits would answer most examples with 429 (documented)
    and leave the operation itself unfuzzed; the limits are tested on their own."""
    settings.PUBLIC_FORM_RATE_PER_IP = settings.PUBLIC_FORM_RATE_PER_EMAIL = "100000/m"


@pytest.fixture
def like_postgresql():
    pre_save.connect(refuse_overflow_like_postgresql, dispatch_uid="fuzz-like-postgresql")
    with connection.execute_wrapper(refuse_nul_like_postgresql):
        yield
    pre_save.disconnect(dispatch_uid="fuzz-like-postgresql")


def real_ids(template: str, seeded) -> dict | None:
    for prefix, values in seeded["paths"].items():
        if template == prefix or template.startswith(prefix + "/"):
            return {name: str(value) for name, value in values.items()}
    return None


def point_at_seeded_records(case, seeded) -> None:
    if case.path_parameters:
        case.path_parameters = {**case.path_parameters, **real_ids(case.operation.path, seeded)}
    if isinstance(case.body, dict):
        for key, value in seeded["body"].items():
            if key in case.body:
                case.body[key] = value


def personas_for(case, digest: int) -> list[str]:
    """Anonymous, the admitted personas and one refused one (all of them the first time)."""
    refused = refusing.get(case.operation.label)
    if refused is None:
        return ["anonymous", *PERSONAS]
    admitted = [name for name in PERSONAS if name not in refused]
    others = sorted(refused)
    return ["anonymous", *admitted, *([others[digest % len(others)]] if others else [])]


def call(case, persona: str, tokens):
    generated = case.headers or {}
    headers = {name: value for name, value in generated.items() if name.lower() != "authorization"}
    if persona != "anonymous":
        headers["Authorization"] = f"Bearer {tokens[persona]}"
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)
    return response


@pytest.mark.django_db
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@schema.parametrize()
def test_every_operation_answers_as_documented(
    case, seeded, tokens, lexical_suggestions, like_postgresql, one_connection, no_public_limits
):
    label = case.operation.label
    assert "{" not in case.operation.path or real_ids(case.operation.path, seeded), (
        f"{case.operation.path}: add a seeded record to `seeded`"
    )
    digest = zlib.crc32(repr((case.path_parameters, case.query, case.body)).encode())
    if digest % 2:
        point_at_seeded_records(case, seeded)
    counts = sent.setdefault(label, [0, 0])
    counts[0] += 1
    first = label not in refusing
    refused = set()
    stretched = False
    with time_machine.travel(NOW, tick=False):
        for persona in personas_for(case, digest):
            response = call(case, persona, tokens)
            counts[1] += 1
            if response.status_code == 403 and response.json() == {"detail": REFUSED}:
                refused.add(persona)
            if response.status_code < 300 and isinstance(case.body, dict) and not stretched:
                counts[1] += stretch_each_text(case, persona, tokens)
                stretched = True
    if first:
        refusing[label] = refused


def stretch_each_text(case, persona: str, tokens) -> int:
    """Send an accepted body again with one text field made very long, field by field:
    the generated texts are short, and a column's length must be checked before the
    database is asked (PostgreSQL refuses, SQLite stores it). Returns the requests sent."""
    body = case.body
    texts = [name for name, value in body.items() if isinstance(value, str)]
    try:
        for name in texts:
            case.body = {**body, name: (body[name] or "x") * (LONG_TEXT // len(body[name] or "x"))}
            call(case, persona, tokens)
    finally:
        case.body = body
    return len(texts)


def test_the_fuzzing_reached_every_operation(request, pytestconfig, capsys):
    """Every documented operation has its fuzzing test, and each that ran in this process
    sent requests. Under pytest-xdist the operations' tests are spread over the workers,
    so what one process sent is a part; the collection is the whole."""
    fuzzing = [
        item
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_every_operation_answers_as_documented"
    ]
    if not fuzzing:
        pytest.skip("the fuzzing did not run (deselected)")
    assert len(fuzzing) == len(list(schema.get_all_operations()))
    assert all(requests > 0 for _examples, requests in sent.values()), sent
    examples = sum(counts[0] for counts in sent.values())
    requests = sum(counts[1] for counts in sent.values())
    with capsys.disabled():
        pytestconfig.pluginmanager.get_plugin("terminalreporter").write_line(
            f"\nAPI fuzzing in this process: {len(sent)} of {len(fuzzing)} operations,"
            f" {examples} examples, {requests} requests"
        )


def test_no_two_schemas_share_a_name():
    """The OpenAPI document names a schema after its class: of two classes with the same
    name, one silently stands for both there, and the other's answers look wrong."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    # Loading the document (above) imported every API module.
    names = [
        cls.__name__
        for cls in set(subclasses(Schema))
        if cls.__module__.startswith("quartier.") and ".tests." not in cls.__module__
    ]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []
