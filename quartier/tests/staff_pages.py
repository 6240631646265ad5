"""Every staff page, read from the URL resolver, with the record and the person to open it.

The pages are the named routes under `/staff/`; a route added later is walked too,
or fails the walk until it gets a record here or a line in `NOT_PAGES` saying why
it cannot be opened by GET. The records come from `worlds.build_world` (one of
every record a route can name) and the path arguments from the two-organisation
walk's tables, so a new record kind is added in one place. Each page is opened by
a user holding a role its `@allow(...)` line names (`ROLE_ORDER` picks the first).

Used by the browser walk (quartier/browser_tests/test_every_staff_page.py) and the
rendered-translation check (quartier/tests/test_rendered_translations.py).
"""

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.urls import get_resolver, resolve, reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_scopes import scopes_disabled

from quartier.accounts.models import Organisation, OrganisationKind, Role, User
from quartier.conftest import make_user
from quartier.people.models import Project
from quartier.places.sitepack import load_site_pack
from quartier.tests.test_access_walk import POST_ONLY, walk
from quartier.tests.test_two_organisations import OWNED, SHARED
from quartier.tests.worlds import NOW, PACK, World, build_world

# Routes under /staff/ that are not pages one opens by GET, and why.
FILES = "a file (PDF, JSON, an export), not a page"
FRAGMENT = "an HTMX fragment, seen inside the page that loads it"
NOT_PAGES: dict[str, str] = {
    **dict.fromkeys(POST_ONLY, "changes something: POST only, its button is on another page"),
    **dict.fromkeys(
        (
            "people:consent-sheet",
            "people:export-json",
            "people:export-pdf",
            "competences:passport-download",
            "learning:check-in-pdf",
            "learning:certificate",
            "downloads:file",
            "competences:evidence",
            "people:list-export",
            "counselling:cases-export",
            "economy:business-export",
            "economy:vacancy-export",
            "economy:consultation-export",
            "learning:registrations-export",
            "learning:visits-export",
            "reporting:table-export",
        ),
        FILES,
    ),
    **dict.fromkeys(
        (
            "esco:suggest",
            "competences:skill-suggest",
            "competences:skill-search",
            "competences:skill-occupation",
            "people:pick",
            "economy:business-pick",
            "economy:party-pick",
            "economy:vacancy-business-pick",
            "esco:occupation-pick",
        ),
        FRAGMENT,
    ),
    "accounts:login-otp": "the second step of a sign-in: opens only after the first one",
    "counselling:follow-up": "opens only for a case that has ended (due months after the exit)",
}

# The user who opens a page: the first role of these the page allows.
ROLE_ORDER = ["counsellor", "coordinator", "advisor", "lead", "admin", "viewer", "employer"]
ANONYMOUS = "anonymous"


def staff_routes() -> list[str]:
    """The names of every route under /staff/, in URLconf order."""
    return [
        name
        for name, route in walk(get_resolver().url_patterns)
        if route.startswith("de/staff/") and not name.startswith(("admin:", "api:"))
    ]


def staff_pages() -> list[str]:
    return [name for name in staff_routes() if name not in NOT_PAGES]


def role_for(url: str, language: str) -> str:
    """The persona that opens the page: anonymous for a public one (signing in)."""
    with translation.override(language):
        access = resolve(url).func.access  # type: ignore[attr-defined]
    if access.public:
        return ANONYMOUS
    if access.signed_in:
        return "counsellor"
    return next(role for role in ROLE_ORDER if role in access.roles)


@dataclass
class Programme:
    """The fixture programme: one organisation's records and a user for each role."""

    world: World
    users: dict[str, User]

    def kwargs(self, name: str) -> dict[str, object]:
        if name in OWNED:
            return OWNED[name](self.world)
        if name in SHARED:
            return SHARED[name](self.world)
        if name == "esco:concept":
            return {"pk": self.world["concept"].pk}
        if name == "accounts:password-reset-confirm":
            user = self.users["counsellor"]
            return {
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            }
        return {}

    def url(self, name: str, language: str) -> str:
        with translation.override(language):
            return reverse(name, kwargs=self.kwargs(name))


def build_programme() -> Programme:
    """The records of one organisation as of `worlds.NOW`, and a user per role there."""
    with time_machine.travel(NOW, tick=False), scopes_disabled():
        home = Organisation.objects.create(
            slug="beratung-ost", name="Beratung Ost", kind=OrganisationKind.COUNSELLING
        )
        Organisation.objects.create(
            slug="bildung-west", name="Bildung West", kind=OrganisationKind.PROVIDER
        )
        business_org = Organisation.objects.create(
            slug="baeckerei", name="Bäckerei am Platz", kind=OrganisationKind.BUSINESS
        )
        load_site_pack_text(PACK)
        project = Project.objects.create(
            slug="arbeit-im-quartier",
            name="Arbeit im Quartier",
            starts_on=date(2025, 1, 1),
            ends_on=date(2027, 12, 31),
            retention_until=date(2031, 12, 31),
        )
        project.organisations.add(home)  # so that its figures and targets have a project
        employer = make_user("employer@example.org", Role.EMPLOYER, business_org)
        world = build_world(home, "ost", "0341 999 101", project, business_org, employer)
        users = {role: world["staff"][role] for role in world["staff"]}
        users["admin"] = make_user("admin@example.org", Role.ADMINISTRATOR, home)
        users["viewer"] = make_user("viewer@example.org", Role.REPORTING_VIEWER, home)
        users["employer"] = employer
    return Programme(world, {str(role): user for role, user in users.items()})


def load_site_pack_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "pack.toml"
        pack.write_text(text, encoding="utf-8")
        load_site_pack(pack)
