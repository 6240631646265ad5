"""Browser fixtures: Playwright for Python driving Debian's Chromium, never a downloaded one.

The tests skip when Chromium or axe-core (from `npm ci`) is missing, except in CI
(`CI=true`), where a missing browser is a failure.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("QUARTIER_CHROMIUM") or "/usr/bin/chromium")
AXE_JS = settings.PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = settings.VAR_DIR / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Init scripts and exposed bindings run outside the page's policy, so they see every
# violation, from the first byte of each document on.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => window.reportCspViolation(
  `${event.effectiveDirective} refused ${event.blockedURI || "?"} `
  + `at ${event.sourceFile || event.documentURI}:${event.lineNumber}:${event.columnNumber}`));
"""
CSP_MESSAGE = re.compile(r"Content.Security.Policy|Refused to", re.IGNORECASE)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


def skip_or_fail(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.is_file():
        skip_or_fail(
            f"Chromium not found at {CHROMIUM} (apt install chromium, or QUARTIER_CHROMIUM)"
        )
    if not AXE_JS.is_file():
        skip_or_fail(f"axe-core not found at {AXE_JS} (run `npm ci`)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, so Django would refuse
    # database access from the tests. Allowed only while the browser runs: set for the
    # whole session, the variable would leak into other tests' subprocesses (and fail
    # `check --deploy` there).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            headless=True, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _favicon_cancelled(request) -> bool:
    """The browser fetches the favicon by itself, beside the page, and cancels the fetch
    when the page moves on (a click, a redirect) — at /brand/favicon or at the static file
    it redirects to: not a fault of the page. A favicon
    answered with an error status is still caught by the response check."""
    path = request.url.split("?", 1)[0]
    return path.endswith("/brand/favicon") or path.rsplit("/", 1)[-1].startswith("favicon")


@pytest.fixture
def new_page(browser, live_server):
    """Open pages on the live server; `new_page(width=360)` for a narrow screen."""
    contexts = []

    def open_page(width: int = 1280, height: int = 800):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}
        )
        contexts.append(context)
        page = context.new_page()
        # Every request of the page that failed or was answered with 4xx/5xx.
        page.broken_requests = []
        page.on(
            "response",
            lambda r: r.status >= 400 and page.broken_requests.append(f"{r.status} {r.url}"),
        )
        page.on(
            "requestfailed",
            lambda r: not _favicon_cancelled(r) and page.broken_requests.append(f"failed {r.url}"),
        )
        # Every Content-Security-Policy violation, as Chromium logs it and as the page's
        # `securitypolicyviolation` event reports it (with the place it came from).
        page.csp_violations = []
        page.on(
            "console",
            lambda m: CSP_MESSAGE.search(m.text) and page.csp_violations.append(m.text),
        )
        context.expose_binding(
            "reportCspViolation", lambda source, text: page.csp_violations.append(text)
        )
        context.add_init_script(CSP_LISTENER)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol, not added as a <script> element: the
    # Content-Security-Policy refuses inline scripts, and should refuse this one too.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run()).violations")


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        impact, rule = violation["impact"], violation["id"]
        lines.append(f"[{impact}] {rule}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)
