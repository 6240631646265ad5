"""Every staff page in a real browser, in German and Arabic, 1366 and 360 px wide (issue 12).

The pages are read from the URL resolver (`quartier/tests/staff_pages.py`), so a new
page is walked without anyone remembering to; each opens with the fixture
programme's records, signed in as a role the page allows. Each must answer 200,
fit its width (no horizontal scrolling of the document: a wide table scrolls inside
itself) and pass axe-core without a serious or critical finding. A screenshot of
each goes to `QUARTIER_SCREENSHOTS` (a temporary folder if unset).

Fast enough for CI's two passes: the records are made once for the module and
served by a live server of its own (the shared one empties the database after every
test), one browser context per language and width is reused by every page, and a
change of role swaps the session cookie instead of signing in again.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from pytest_django.live_server_helper import LiveServer

from quartier.browser_tests.conftest import AXE_JS, describe_violations
from quartier.tests.staff_pages import ANONYMOUS, Programme, build_programme, role_for, staff_pages
from quartier.tests.worlds import NOW

# The mark sets up the test database (when only this module runs) and keeps what a
# page writes (audit entries) inside the test; the records are the module's, and the
# database is emptied after them, so the module runs last (quartier/conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.empties_database]

LANGUAGES = ["de", "ar"]
SCREENS = {1366: 768, 360: 740}
SERIOUS = ("serious", "critical")

# Pages known to fail a check, by (route name, language, width), with the reason.
# Marked xfail(strict=True): a page that gets fixed fails here until removed.
KNOWN_FAILURES: dict[tuple[str, str, int], str] = {}


def walk_cases():
    for name in staff_pages():
        for language in LANGUAGES:
            for width in SCREENS:
                reason = KNOWN_FAILURES.get((name, language, width))
                marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
                yield pytest.param(
                    name, language, width, id=f"{name}-{language}-{width}", marks=marks
                )


@dataclass
class Walk:
    server: LiveServer
    programme: Programme
    sessions: dict[str, str]
    tabs: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker, tmp_path_factory):
    """The fixture programme, committed, and a live server for it; emptied at the end."""
    # The clock runs from the programme's day, so its dates lie ahead as they were made
    # (and its downloads are not yet expired).
    with (
        django_db_blocker.unblock(),
        override_settings(EVIDENCE_ROOT=tmp_path_factory.mktemp("evidence")),
        time_machine.travel(NOW, tick=True),
    ):
        programme = build_programme()
        sessions = {}
        for role, user in programme.users.items():
            client = Client()
            client.force_login(user)
            sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield Walk(server, programme, sessions)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            # As a transactional test does: the connection opened here would otherwise
            # stay open, and PostgreSQL refuses to drop a test database in use.
            connections.close_all()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    folder = os.environ.get("QUARTIER_SCREENSHOTS")
    if not folder:
        return tmp_path_factory.mktemp("screenshots")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def tabs(browser, walk):
    """One page per language and width, opened once; closed at the end of the module."""
    yield walk.tabs
    for context, _page, _role in walk.tabs.values():
        context.close()


def tab_for(walk: Walk, browser, language: str, width: int, role: str):
    """The page of this language and width, signed in as ``role``."""
    key = (language, width)
    if key not in walk.tabs:
        context = browser.new_context(
            base_url=walk.server.url, viewport={"width": width, "height": SCREENS[width]}
        )
        context.add_init_script(path=str(AXE_JS))
        walk.tabs[key] = (context, context.new_page(), None)
    context, page, signed_in_as = walk.tabs[key]
    if signed_in_as != role:
        context.clear_cookies()
        if role != ANONYMOUS:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": walk.sessions[role],
                        "url": walk.server.url,
                    }
                ]
            )
        walk.tabs[key] = (context, page, role)
    return page


@pytest.mark.parametrize(("name", "language", "width"), list(walk_cases()))
def test_the_page_opens_fits_and_passes_axe(
    name, language, width, walk, browser, tabs, screenshots
):
    url = walk.programme.url(name, language)
    page = tab_for(walk, browser, language, width, role_for(url, language))
    response = page.goto(url)
    # JPEG: half the time of a PNG, and a tenth of the disk for the whole set.
    page.screenshot(
        path=screenshots / f"{name.replace(':', '-')}-{language}-{width}.jpeg", quality=70
    )
    problems = []
    if response is None or response.status != 200:
        problems.append(f"answered {response and response.status} at {page.url}")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"scrolls sideways: {scroll_width} px wide in {width} px")
    violations = [
        violation
        for violation in page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        if violation["impact"] in SERIOUS
    ]
    if violations:
        problems.append("axe-core found:\n" + describe_violations(violations))
    assert problems == [], f"{url}:\n" + "\n".join(problems)
