"""HTMX is vendored from its npm package, pinned, loaded on every page, inside the CSP."""

import json
import re

from django.conf import settings

VENDORED = settings.BASE_DIR / "static" / "vendor" / "htmx.org"
LOCK_FILE = settings.PROJECT_DIR / "package-lock.json"
NODE_MODULES = settings.PROJECT_DIR / "node_modules" / "htmx.org"


def pinned_version() -> str:
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/htmx.org"]["version"]


def test_the_vendored_file_is_the_pinned_version():
    script = (VENDORED / "htmx.min.js").read_text(encoding="utf-8")
    found = re.search(r'version:"([^"]+)"', script)
    assert found is not None, "no version in the vendored htmx.min.js"
    assert found.group(1) == pinned_version()
    assert (VENDORED / "LICENSE").is_file()


def test_the_vendored_file_is_the_packages_file_when_installed():
    installed = NODE_MODULES / "dist" / "htmx.min.js"
    if not installed.is_file():  # node_modules is optional for everything but browser tests
        return
    package = json.loads((NODE_MODULES / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == pinned_version()
    assert (VENDORED / "htmx.min.js").read_bytes() == installed.read_bytes()
    assert (VENDORED / "LICENSE").read_bytes() == (NODE_MODULES / "LICENSE").read_bytes()


def test_every_page_loads_it_deferred_and_configured_for_the_policy(client, db):
    html = client.get("/de/").content.decode()
    assert re.search(r'<script src="/static/vendor/htmx\.org/htmx\.min\.js[^"]*" defer>', html)
    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)
    assert config is not None
    values = json.loads(config.group(1))
    assert values["includeIndicatorStyles"] is False
    assert values["allowEval"] is False
    assert values["allowScriptTags"] is False
    assert values["historyCacheSize"] == 0
    assert "hx-on" not in html


def test_signed_in_pages_send_the_csrf_token_with_htmx_requests(client, counsellor):
    client.force_login(counsellor)
    html = client.get("/de/staff/people/").content.decode()
    token = re.search(r"""<body hx-headers='\{"X-CSRFToken": "([^"]+)"\}'>""", html)
    assert token is not None


def test_no_template_uses_hx_on_or_inline_script():
    for path in settings.BASE_DIR.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        assert "hx-on" not in text, path
        assert "hx-vars" not in text, path  # evaluated as JavaScript
