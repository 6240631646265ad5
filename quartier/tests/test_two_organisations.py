"""People with roles in two organisations never read nor write the second one's records.

A counsellor at one place who is a resident or reporting viewer at another, or a
business advisor who also employs: each request may read only the organisations
where the user holds a role the view (or API operation) allows. These tests walk
every page and every API operation with such personas (signed in, by token, and
anonymously as a stranger to both organisations), reading and writing, with
real records of the *other* organisation in every detail route (and in the bodies
that name a record), and expect the same answer as for a record that does not
exist, none of the person's data in any answer, and an unchanged database.

Each organisation's records come from ``worlds.build_world``. The advisor holds no
casework role anywhere, so the home organisation's people are strangers to them too.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import get_resolver, reverse

from quartier.accounts.models import AuditEntry
from quartier.accounts.tokens import create_api_token
from quartier.people.intake import take_in
from quartier.people.models import Participant
from quartier.places.sitepack import load_site_pack
from quartier.tests.test_access_walk import EXPECTED, app_urls, walk
from quartier.tests.worlds import NOW, PACK, World, build_world

pytestmark = pytest.mark.django_db

NOWHERE = UUID("00000000-0000-0000-0000-000000000000")
NO_PK = 999_999
NO_SLUG = "nirgendwo"
TWO_ORG_PERSONAS = ["counsellor+resident", "counsellor+viewer", "advisor+employer"]
# The walks go anonymously too: a stranger to both organisations.
WALKERS = [*TWO_ORG_PERSONAS, "anonymous"]
# The persona's role (as named in the access walk) in each world's organisation.
ROLE_IN = {
    "counsellor+resident": {"home": "counsellor", "other": "resident"},
    "counsellor+viewer": {"home": "counsellor", "other": "viewer"},
    "advisor+employer": {"home": "advisor", "other": None},
    "anonymous": {"home": None, "other": None},
}
JSON = "application/json"

Kwargs = dict[str, object]
Route = Callable[[World], Kwargs]


def person(w: World) -> Kwargs:
    return {"code": w["person"].public_id}


def case(w: World) -> Kwargs:
    return {"code": w["case"].public_id}


def part(name: str) -> Route:
    return lambda w: {"code": w["person"].public_id, "pk": w[name].pk}


# Routes naming a record that belongs to one organisation: for an organisation where
# the persona holds no role the route allows, the answer is the one for no record.
OWNED: dict[str, Route] = {
    "counselling:case-open": person,
    "matching:profile-vacancies": person,
    "matching:propose": lambda w: {
        "code": w["vacancy"].public_id,
        "person": w["person"].public_id,
    },
    "learning:person-register": person,
    "learning:person-book": person,
    **{
        f"counselling:{name}": case
        for name in (
            "case-detail",
            "case-status",
            "contact-add",
            "goal-add",
            "referral-add",
            "exit",
            "follow-up",
            "case-share",
        )
    },
    "counselling:goal-status": lambda w: {"code": w["case"].public_id, "pk": w["goal"].pk},
    "counselling:referral-outcome": lambda w: {
        "code": w["case"].public_id,
        "pk": w["referral"].pk,
    },
    "counselling:share-end": lambda w: {"code": w["case"].public_id, "pk": w["share"].pk},
    **{
        f"people:{name}": person
        for name in (
            "detail",
            "edit",
            "entry-data",
            "consent-record",
            "consent-sheet",
            "export-json",
            "export-pdf",
            "erase",
        )
    },
    "people:consent-withdraw": part("consent"),
    **{
        f"people:import-{name}": lambda w: {"code": w["people_import"].public_id}
        for name in ("mapping", "preview", "write", "status")
    },
    **{
        f"competences:{name}": person
        for name in (
            "profile",
            "summary",
            "qualification-add",
            "language-add",
            "experience-add",
            "informal-add",
            "skill-search",
            "skill-suggest",
            "skill-add",
            "passport",
        )
    },
    **{
        f"competences:{kind}-{verb}": part(record)
        for kind, record in (
            ("qualification", "qualification"),
            ("language", "language"),
            ("experience", "experience"),
            ("informal", "informal"),
            ("skill", "skill"),
        )
        for verb in ("edit", "remove")
    },
    "competences:evidence": part("qualification"),
    "competences:skill-occupation": lambda w: {
        "code": w["person"].public_id,
        "concept": w["concept"].pk,
    },
    "competences:passport-download": lambda w: {"code": w["passport"].public_id},
    "competences:contact-request": lambda w: {"code": w["contact_request"].public_id},
    "competences:contact-request-asked": lambda w: {"code": w["contact_request"].public_id},
    # The offer is not published: only its organisation's staff know of it.
    **{
        f"learning:{name}": lambda w: {"code": w["offer"].code}
        for name in ("offer-detail", "offer-edit", "offer-skills", "date-add", "offer-register")
    },
    "learning-public:offer": lambda w: {"code": w["offer"].code},
    "learning:registrations-export": lambda w: {"code": w["offer"].code, "file_format": "xlsx"},
    **{
        f"learning:{name}": lambda w: {"pk": w["date"].pk}
        for name in ("date-cancel", "check-in", "check-in-pdf")
    },
    "learning:check-in-toggle": lambda w: {"pk": w["date"].pk, "code": w["registration"].code},
    "learning:registration-cancel": lambda w: {"code": w["registration"].code},
    "learning:certificate": lambda w: {"code": w["registration"].code},
    **{
        f"downloads:{name}": lambda w: {"code": w["download"].public_id}
        for name in ("status", "file")
    },
    # A real registration with a wrong token is no registration.
    "learning-public:offer-cancel": lambda w: {"code": w["registration"].code, "token": NO_SLUG},
    "learning-public:offer-registration-ics": lambda w: {
        "code": w["registration"].code,
        "token": NO_SLUG,
    },
    **{
        f"learning:{name}": lambda w: {"code": w["appointment"].public_id}
        for name in (
            "appointment-detail",
            "appointment-confirm",
            "appointment-propose",
            "appointment-cancel",
            "appointment-outcome",
        )
    },
    "learning:availability-remove": lambda w: {"pk": w["availability"].pk},
    **{
        f"economy:{name}": lambda w: {"code": w["founder"].public_id}
        for name in ("founder-detail", "founder-edit", "founder-advice", "founder-application")
    },
    "economy:application-outcome": lambda w: {
        "code": w["founder"].public_id,
        "pk": w["application"].pk,
    },
    **{
        f"economy:{name}": lambda w: {"code": w["consultation"].public_id}
        for name in ("consultation-detail", "consultation-edit", "follow-up-done")
    },
    **{
        f"economy:business-import-{name}": lambda w: {"code": w["business_import"].public_id}
        for name in ("mapping", "preview", "write", "status")
    },
    "accounts:api-token-revoke": lambda w: {"pk": w["token"].pk},
    "accounts:member-remove": lambda w: {"pk": w["membership"].pk},
}

# Routes naming records the whole programme shares (the business register, vacancies,
# premises, published offers, candidates who agreed to be shown, public places): they
# may be read, but never with a person's data.
SHARED: dict[str, Route] = {
    # A success measure's definition: no record, the same for everybody who may read it.
    "reporting:measure-definition": lambda w: {"slug": "new-settlements"},
    **{
        f"economy:{name}": lambda w: {"slug": w["business"].slug}
        for name in ("business-detail", "business-edit", "contact-add", "training-path")
    },
    **{
        f"economy:{name}": lambda w: {"slug": w["business"].slug, "pk": w["contact_person"].pk}
        for name in ("contact-edit", "contact-remove")
    },
    "economy:alliance-detail": lambda w: {"pk": w["alliance"].pk},
    "economy:alliance-part-remove": lambda w: {
        "pk": w["alliance"].pk,
        "part": w["alliance_part"].pk,
    },
    **{
        f"economy:{name}": lambda w: {"code": w["vacancy"].public_id}
        for name in ("vacancy-detail", "vacancy-edit", "vacancy-requirements")
    },
    "economy-public:vacancy-detail": lambda w: {"code": w["vacancy"].public_id},
    "matching:vacancy-candidates": lambda w: {"code": w["vacancy"].public_id},
    "economy:cooperation-end": lambda w: {"pk": w["cooperation"].pk},
    **{
        f"economy:{name}": lambda w: {"pk": w["house"].pk}
        for name in ("house", "house-edit", "unit-add")
    },
    **{
        f"economy:{name}": lambda w: {"pk": w["unit"].pk}
        for name in ("unit-edit", "unit-let", "unit-vacate")
    },
    # A published offer is everyone's; its registrations are not.
    **{
        f"learning:{name}": lambda w: {"code": w["published_offer"].code}
        for name in ("offer-detail", "offer-register", "offer-business")
    },
    "learning-public:offer": lambda w: {"code": w["published_offer"].code},
    **{
        f"competences:{name}": lambda w: {"code": w["profile"].public_code}
        for name in ("candidate-detail", "candidate-contact")
    },
    **{
        f"learning-public:{name}": lambda w: {"slug": w["point"].slug}
        for name in ("appointment-slots", "appointment-book", "appointment-request")
    },
}

# Path parameters that name no organisation's record: reference data, and secret
# tokens that are themselves the permission (mailed to the one person they serve).
NOT_RECORDS = {
    "accounts:password-reset-confirm",
    "esco:concept",
    "learning-public:appointment-manage",
    "learning-public:appointment-cancel",
    "learning-public:appointment-respond",
    "learning-public:appointments-feed",
    "competences-public:verify",
    # The exports of lists: the format is no record; the rows are the list's own.
    "people:list-export",
    "counselling:cases-export",
    "economy:business-export",
    "economy:vacancy-export",
    "economy:consultation-export",
    "learning:visits-export",
    # A dashboard table's download: the table's key and the format, no record; the
    # figures are aggregates of the reader's scope.
    "reporting:table-export",
}


@dataclass(frozen=True)
class Nested:
    """A route under a parent record that names a child record by ``key``."""

    parent: Route
    key: str
    record: str
    attribute: str = "pk"

    def under(self, parent: World, child: World) -> Kwargs:
        """The path arguments: ``parent``'s parent record, ``child``'s child record."""
        return {**self.parent(parent), self.key: getattr(child[self.record], self.attribute)}


def founder(w: World) -> Kwargs:
    return {"code": w["founder"].public_id}


def business(w: World) -> Kwargs:
    return {"slug": w["business"].slug}


# One's own parent record with a stranger's child: the child is looked up under its parent.
NESTED = {
    "counselling:goal-status": Nested(case, "pk", "goal"),
    "counselling:referral-outcome": Nested(case, "pk", "referral"),
    "counselling:share-end": Nested(case, "pk", "share"),
    "people:consent-withdraw": Nested(person, "pk", "consent"),
    **{
        f"competences:{kind}-{verb}": Nested(person, "pk", kind)
        for kind in ("qualification", "language", "experience", "informal", "skill")
        for verb in ("edit", "remove")
    },
    "competences:evidence": Nested(person, "pk", "qualification"),
    "economy:application-outcome": Nested(founder, "pk", "application"),
    "economy:contact-edit": Nested(business, "pk", "contact_person"),
    "economy:contact-remove": Nested(business, "pk", "contact_person"),
    "economy:alliance-part-remove": Nested(
        lambda w: {"pk": w["alliance"].pk}, "part", "alliance_part"
    ),
    "learning:check-in-toggle": Nested(
        lambda w: {"pk": w["date"].pk}, "code", "registration", "code"
    ),
}


# -- Fixtures -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"


@pytest.fixture
def worlds(personas, two_org_personas, home_org, other_org, business_org, project, tmp_path):
    """The home organisation's records and the other one's, each complete."""
    pack = tmp_path / "pack.toml"
    pack.write_text(PACK, encoding="utf-8")
    load_site_pack(pack)
    employer = personas["employer"]
    return {
        "home": build_world(home_org, "ost", "0341 999 101", project, business_org, employer),
        "other": build_world(other_org, "west", "0341 999 202", project, business_org, employer),
    }


# -- Helpers ------------------------------------------------------------------------


def is_theirs(persona: str, world: str, name: str) -> bool:
    """Does the persona hold, in this world's organisation, a role the route allows?"""
    role = ROLE_IN[persona][world]
    rule = EXPECTED[name]
    return role is not None and (isinstance(rule, str) or role in rule)


def secrets_for(persona: str, worlds: dict[str, World]) -> list[str]:
    """The other organisation's people and founder; for the advisor (who does no
    casework anywhere) the home organisation's people too (its founders are theirs),
    and for an anonymous visitor everyone."""
    found = [*worlds["other"].secrets, worlds["other"].founder]
    if ROLE_IN[persona]["home"] in ("advisor", None):
        found += worlds["home"].secrets
    if ROLE_IN[persona]["home"] is None:
        found.append(worlds["home"].founder)
    return found


def nowhere(value):
    """A value of the same kind that names no record."""
    if isinstance(value, UUID):
        return NOWHERE
    if isinstance(value, int):
        return NO_PK
    return NO_SLUG


def missing(kwargs: Kwargs, keys=None) -> Kwargs:
    return {
        key: nowhere(value) if keys is None or key in keys else value
        for key, value in kwargs.items()
    }


def leaked(response, secrets: list[str]) -> list[str]:
    body = response.content.decode(errors="replace") if not response.streaming else ""
    return [secret for secret in secrets if secret in body]


def detail_routes() -> list[tuple[str, str]]:
    return [
        (name, route)
        for name, route in walk(get_resolver().url_patterns)
        if not name.startswith(("admin:", "api:")) and "<" in route
    ]


def strangers(persona: str, name: str) -> list[str]:
    return [world for world in ("other", "home") if not is_theirs(persona, world, name)]


def fingerprint() -> dict[str, list[tuple]]:
    """Every row of Quartier's tables, but the audit log and sign-in times (raw SQL:
    the walk takes it after every write)."""
    rows = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if not model.__module__.startswith("quartier.") or model is AuditEntry:
                continue
            columns = ", ".join(
                quote(f.column)
                for f in model._meta.concrete_fields
                if f.attname not in ("last_login", "last_used_at")
            )
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {pk}")  # noqa: S608
            rows[model._meta.label] = cursor.fetchall()
    return rows


def changed(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def filled(form: forms.BaseForm) -> dict:
    """What a user would send: the form's own values, something plausible in every
    other required field, and the empty optional ones."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.FileField):
            continue
        if value in (None, "", [], False):
            if field.required:
                value = plausible(field)
            elif isinstance(field, forms.BooleanField | forms.MultipleChoiceField):
                continue  # a browser sends nothing for these
            else:
                value = ""
        if hasattr(value, "pk"):
            value = getattr(value, getattr(field, "to_field_name", None) or "pk")
        data[form.add_prefix(name)] = value
    return data


def plausible(field: forms.Field):
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [field.queryset.first().pk] if field.queryset.exists() else []
    if isinstance(field, forms.ModelChoiceField):
        first = field.queryset.first()
        return getattr(first, field.to_field_name or "pk") if first else ""
    if isinstance(field, forms.ChoiceField):
        values = [value for value, _label in field.choices if value not in ("", None)]
        first = values[0] if values else ""
        return [first] if isinstance(field, forms.MultipleChoiceField) else first
    if isinstance(field, forms.DateTimeField):
        return "2026-06-15T10:00"
    if isinstance(field, forms.DateField):
        return "2026-06-15"
    if isinstance(field, forms.TimeField):
        return "10:00"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return max(field.min_value or 1, 1)
    if isinstance(field, forms.EmailField):
        return "probe@example.org"
    if isinstance(field, forms.URLField):
        return "https://example.org/"
    if isinstance(field, forms.BooleanField):
        return "on"
    return "Probe"


def form_data(client: Client, url: str) -> dict:
    """The form of the page at ``url`` as this user may send it, or nothing."""
    response = client.get(url)
    if response.streaming:  # a download: read to the end, as the test client then closes it
        b"".join(response.streaming_content)
    context = response.context if response.status_code == 200 else None
    form = context.get("form") if context is not None else None
    return filled(form) if isinstance(form, forms.BaseForm) else {}


def sign_in(client: Client, user) -> None:
    if user is not None:
        client.force_login(user)


def page(name: str, kwargs: Kwargs) -> str:
    return reverse(name, kwargs=kwargs)


# -- The walk over the pages --------------------------------------------------------


def test_every_detail_route_names_its_records():
    unknown = sorted(
        name
        for name, _route in detail_routes()
        if name not in OWNED and name not in SHARED and name not in NOT_RECORDS
    )
    assert unknown == [], "Say which record these routes name (OWNED, SHARED or NOT_RECORDS)"


@pytest.mark.parametrize("persona", WALKERS)
def test_no_page_shows_another_organisations_person(client, two_org_personas, worlds, persona):
    secrets = secrets_for(persona, worlds)
    problems = []
    sign_in(client, two_org_personas.get(persona))
    for name, url in app_urls():
        if "<" in url or name == "accounts:logout":
            continue
        if found := leaked(client.get(url), secrets):
            problems.append((name, found))
    for name, route in OWNED.items():
        for world in strangers(persona, name):
            kwargs = route(worlds[world])
            response = client.get(page(name, kwargs))
            expected = client.get(page(name, missing(kwargs))).status_code
            if response.status_code != expected:
                problems.append((name, world, response.status_code, expected))
            if found := leaked(response, secrets):
                problems.append((name, world, found))
    for name, route in SHARED.items():
        # The shared records are everyone's: both worlds, for the people in them.
        for world in ("other", "home"):
            if found := leaked(client.get(page(name, route(worlds[world]))), secrets):
                problems.append((name, world, found))
    for name, nested in NESTED.items():
        if is_theirs(persona, "home", name):
            kwargs = nested.under(worlds["home"], worlds["other"])
            response = client.get(page(name, kwargs))
            expected = client.get(page(name, missing(kwargs, {nested.key}))).status_code
            if response.status_code != expected:
                problems.append((name, "nested", response.status_code, expected))
    assert problems == []


# Links that ask for a file (a GET that records a download for the user, made in the
# background): reading one's own record's form there writes that download.
PRINTS = {
    "people:consent-sheet",
    "people:export-json",
    "people:export-pdf",
    "learning:check-in-pdf",
    "learning:certificate",
    "learning:registrations-export",
}


class Writes:
    """POSTs to a stranger's record and to no record: the same answer, nothing written.

    The database is compared after each pair with how it was before (one snapshot
    per pair: the walk sends hundreds)."""

    def __init__(self, client: Client):
        self.client = client
        self.problems: list = []
        self.before = fingerprint()

    def check(self, name: str, kwargs: Kwargs, absent: Kwargs, data: dict) -> None:
        expected = self.client.post(page(name, absent), data).status_code
        status = self.client.post(page(name, kwargs), data).status_code
        if status != expected:
            self.problems.append((name, kwargs, status, expected))
        after = fingerprint()
        if tables := changed(self.before, after):
            self.problems.append((name, kwargs, "wrote", tables))
            self.before = after


@pytest.mark.parametrize("persona", WALKERS)
def test_no_page_writes_another_organisations_records(client, two_org_personas, worlds, persona):
    """Every route that names a record, posted to with the other organisation's record
    and a form as filled in for one's own: the answer of no record, nothing written."""
    sign_in(client, two_org_personas.get(persona))
    writes = Writes(client)
    for name, route in OWNED.items():
        own = worlds["home"] if is_theirs(persona, "home", name) else None
        data = form_data(client, page(name, route(own))) if own is not None else {}
        if own is not None and name in PRINTS:
            writes.before = fingerprint()  # the persona's own download, asked for by the GET
        for world in strangers(persona, name):
            kwargs = route(worlds[world])
            writes.check(name, kwargs, missing(kwargs), data)
    for name, nested in NESTED.items():
        if is_theirs(persona, "home", name):
            kwargs = nested.under(worlds["home"], worlds["other"])
            data = form_data(client, page(name, nested.under(worlds["home"], worlds["home"])))
            writes.check(name, kwargs, missing(kwargs, {nested.key}), data)
    assert writes.problems == []


# Forms without a record in the path whose fields name one: each is sent with the
# persona's own record (it must be taken: the form is valid), with no record and with
# the other organisation's record (the same answer as no record, nothing written).
NAMED_IN_FORMS: dict[str, tuple[str, Callable[[World], object], dict]] = {
    "people:intake": ("organisation", lambda w: w.organisation.pk, {}),
    "people:short-contact": ("organisation", lambda w: w.organisation.pk, {}),
    "learning:visits": ("contact_point", lambda w: w["point"].pk, {}),
    "learning:availability": (
        "contact_point",
        lambda w: w["point"].pk,
        {"starts": "09:00", "ends": "12:00"},
    ),
    "economy:founder-create": ("participant", lambda w: w["person"].public_id, {}),
}


def attempt(client: Client, url: str, data: dict) -> tuple[int, list[str]]:
    """POST, and undo whatever it wrote: (status, the tables it wrote to)."""
    before = fingerprint()
    with transaction.atomic():
        response = client.post(url, data)
        wrote = changed(before, fingerprint())
        transaction.set_rollback(True)
    return response.status_code, wrote


@pytest.mark.parametrize("persona", TWO_ORG_PERSONAS)
def test_no_form_takes_another_organisations_record(client, two_org_personas, worlds, persona):
    sign_in(client, two_org_personas.get(persona))
    problems = []
    for name, (field, value, extra) in NAMED_IN_FORMS.items():
        if not is_theirs(persona, "home", name):
            continue
        url = reverse(name)
        data = {**form_data(client, url), **extra}
        if field in data:
            # The control: the form as filled in, with one's own record, is taken.
            assert attempt(client, url, {**data, field: value(worlds["home"])})[0] == 302, name
        absent = attempt(client, url, {**data, field: NO_PK})
        for world in strangers(persona, name):
            answer = attempt(client, url, {**data, field: value(worlds[world])})
            if answer != absent:
                problems.append((name, world, answer, absent))
    assert problems == []


# -- The walk over the API ----------------------------------------------------------

API_OWNED: dict[str, Route] = {
    "/api/v1/people/participants/{code}": person,
    "/api/v1/matching/profiles/{code}/vacancies": person,
    "/api/v1/counselling/cases/{code}": case,
    "/api/v1/counselling/cases/{code}/contacts": case,
    **{
        f"/api/v1/competences/profiles/{{code}}{tail}": person
        for tail in (
            "",
            "/qualifications",
            "/languages",
            "/experience",
            "/skills",
            "/informal",
            "/passport",
            "/passports",
        )
    },
    "/api/v1/competences/contact-requests/{code}/asked": lambda w: {
        "code": w["contact_request"].public_id
    },
    "/api/v1/competences/contact-requests/{code}/answer": lambda w: {
        "code": w["contact_request"].public_id
    },
    "/api/v1/learning/offers/{code}": lambda w: {"code": w["offer"].code},
    "/api/v1/learning/offers/{code}/registrations": lambda w: {"code": w["offer"].code},
    "/api/v1/learning/registrations/{code}/cancel": lambda w: {"code": w["registration"].code},
    "/api/v1/learning/dates/{code}/attendance": lambda w: {"code": w["date"].code},
    **{
        f"/api/v1/learning/appointments/{{code}}/{verb}": lambda w: {
            "code": w["appointment"].public_id
        }
        for verb in ("confirm", "propose", "cancel")
    },
}

API_SHARED: dict[str, Route] = {
    "/api/v1/learning/offers/{code}": lambda w: {"code": w["published_offer"].code},
    "/api/v1/learning/offers/{code}/registrations": lambda w: {"code": w["published_offer"].code},
    "/api/v1/places/contact-points/{slug}": lambda w: {"slug": w["point"].slug},
    "/api/v1/learning/contact-points/{slug}/slots": lambda w: {"slug": w["point"].slug},
    "/api/v1/competences/candidates/{code}": lambda w: {"code": w["profile"].public_code},
    "/api/v1/competences/candidates/{code}/contact-requests": lambda w: {
        "code": w["profile"].public_code
    },
    "/api/v1/economy/businesses/{slug}": lambda w: {"slug": w["business"].slug},
    "/api/v1/economy/vacancies/{code}": lambda w: {"code": w["vacancy"].public_id},
    "/api/v1/matching/vacancies/{code}/candidates": lambda w: {"code": w["vacancy"].public_id},
    "/api/v1/economy/premises/houses/{id}": lambda w: {"id": w["house"].pk},
}

API_NOT_RECORDS = {"/api/v1/esco/concepts/{concept_id}"}

# A valid body for the write operations, as for one's own record.
API_BODIES: dict[str, Callable[[dict[str, World]], dict]] = {
    "/api/v1/counselling/cases/{code}/contacts": lambda w: {
        "date": "2026-06-15",
        "duration_minutes": 30,
        "channel": "person",
        "language": "de",
    },
    "/api/v1/competences/profiles/{code}/qualifications": lambda w: {"title_original": "Koch"},
    "/api/v1/competences/profiles/{code}/languages": lambda w: {"language": "en"},
    "/api/v1/competences/profiles/{code}/experience": lambda w: {"title": "Koch"},
    "/api/v1/competences/profiles/{code}/skills": lambda w: {
        "concepts": ["http://data.europa.eu/esco/skill/prepare"]
    },
    "/api/v1/competences/profiles/{code}/informal": lambda w: {
        "field": "family",
        "activity": "Kochen",
        "competence": "Planen",
    },
    "/api/v1/competences/contact-requests/{code}/answer": lambda w: {
        "accepted": True,
        "answer": "Gern",
    },
    "/api/v1/learning/offers/{code}/registrations": lambda w: {
        "participant": str(w["home"]["person"].public_id)
    },
    "/api/v1/learning/dates/{code}/attendance": lambda w: {
        "registration": str(w["home"]["registration"].code),
        "present": False,
    },
    "/api/v1/learning/appointments/{code}/propose": lambda w: {
        "start": "2026-06-29T10:00:00+02:00"
    },
}


def api_operations(client) -> dict[str, list[str]]:
    document = client.get("/api/v1/openapi.json").json()
    return {path: list(operations) for path, operations in document["paths"].items()}


def api_url(template: str, kwargs: Kwargs) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(kwargs[m.group(1)]), template)


def api_strangers(persona: str) -> list[str]:
    """No API operation on a record is open to residents, reporting viewers or
    employers; the advisor does no casework or learning at home either."""
    return ["other"] if ROLE_IN[persona]["home"] == "counsellor" else ["other", "home"]


def token_client(user) -> Client:
    """A client with the user's bearer token; without a user, one without a token."""
    if user is None:
        return Client()
    _token, raw = create_api_token(user, "walk")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_every_api_route_names_its_records(client):
    unknown = sorted(
        path
        for path in api_operations(client)
        if "{" in path
        and path not in API_OWNED
        and path not in API_SHARED
        and path not in API_NOT_RECORDS
    )
    assert unknown == []


@pytest.mark.parametrize("persona", WALKERS)
def test_no_api_operation_returns_another_organisations_person(two_org_personas, worlds, persona):
    client = token_client(two_org_personas.get(persona))
    secrets = secrets_for(persona, worlds)
    problems = []
    for path, methods in api_operations(client).items():
        if "get" not in methods or path in API_NOT_RECORDS:
            continue
        if "{" not in path:
            if found := leaked(client.get(path), secrets):
                problems.append((path, found))
            continue
        for world in api_strangers(persona) if path in API_OWNED else ():
            kwargs = API_OWNED[path](worlds[world])
            response = client.get(api_url(path, kwargs))
            expected = client.get(api_url(path, missing(kwargs))).status_code
            if response.status_code != expected:
                problems.append((path, world, response.status_code, expected))
            if found := leaked(response, secrets):
                problems.append((path, world, found))
        for world in ("other", "home") if path in API_SHARED else ():
            response = client.get(api_url(path, API_SHARED[path](worlds[world])))
            if found := leaked(response, secrets):
                problems.append((path, world, found))
    assert problems == []


@pytest.mark.parametrize("persona", WALKERS)
def test_no_api_operation_writes_another_organisations_records(two_org_personas, worlds, persona):
    client = token_client(two_org_personas.get(persona))
    problems = []
    for path, methods in api_operations(client).items():
        if path not in API_OWNED:
            continue
        body = API_BODIES.get(path, lambda w: {})(worlds)
        for method in set(methods) - {"get"}:
            send = getattr(client, method)
            for world in api_strangers(persona):
                kwargs = API_OWNED[path](worlds[world])
                expected = send(api_url(path, missing(kwargs)), body, "application/json")
                before = fingerprint()
                response = send(api_url(path, kwargs), body, "application/json")
                if response.status_code != expected.status_code:
                    problems.append((method, path, world, response.status_code))
                if tables := changed(before, fingerprint()):
                    problems.append((method, path, world, "wrote", tables))
    assert problems == []


@dataclass
class Named:
    """A write whose body names a record: taken with one's own, refused with a stranger's."""

    path: Callable[[World], str]
    body: dict
    field: str
    own: Callable[[World, Participant], object]
    strange: Callable[[World], object]


# Write operations whose body names a record of an organisation.
API_NAMED_IN_BODIES = [
    Named(
        lambda w: "/api/v1/people/participants",
        {"project": "arbeit-im-quartier", "entry_date": "2026-06-01", "given_name": "Ida"},
        "organisation",
        lambda w, _new: w.organisation.slug,
        lambda w: w.organisation.slug,
    ),
    Named(
        lambda w: "/api/v1/learning/visits",
        {"kind": "walk_in"},
        "contact_point",
        lambda w, _new: w["point"].slug,
        lambda w: w["point"].slug,
    ),
    # One's own offer, another organisation's person.
    Named(
        lambda w: f"/api/v1/learning/offers/{w['published_offer'].code}/registrations",
        {},
        "participant",
        lambda w, new: str(new.public_id),
        lambda w: str(w["person"].public_id),
    ),
]


@pytest.mark.parametrize("persona", ["counsellor+resident", "counsellor+viewer"])
def test_no_api_body_takes_another_organisations_record(two_org_personas, worlds, project, persona):
    home, other = worlds["home"], worlds["other"]
    newcomer = take_in(home.organisation, project, None, date(2026, 6, 1), given_name="Ida")
    client = token_client(two_org_personas.get(persona))
    problems = []
    for named in API_NAMED_IN_BODIES:
        path, body = named.path(home), {**named.body, "family_name": "Neu"}
        own = client.post(path, {**body, named.field: named.own(home, newcomer)}, JSON)
        assert own.status_code == 201, (path, own.content)  # the control: the body is valid
        absent = client.post(path, {**body, named.field: str(NOWHERE)}, JSON)
        before = fingerprint()
        response = client.post(path, {**body, named.field: named.strange(other)}, JSON)
        if response.status_code != absent.status_code:
            problems.append((path, response.status_code, absent.status_code))
        if tables := changed(before, fingerprint()):
            problems.append((path, "wrote", tables))
    assert problems == []


@pytest.mark.parametrize("persona", ["counsellor+resident", "counsellor+viewer"])
def test_the_participant_list_over_the_api_holds_only_the_casework_organisation(
    two_org_personas, worlds, persona
):
    client = token_client(two_org_personas.get(persona))
    listed = client.get("/api/v1/people/participants").json()["items"]
    assert [person["family_name"] for person in listed] == ["QuellenbergOst"]
    detail = client.get(f"/api/v1/people/participants/{worlds['other']['person'].public_id}")
    assert detail.status_code == 404
