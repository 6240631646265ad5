"""Searchable selects: plain selects that carry their names in every language."""

import json
import re

from django import forms
from django.conf import settings
from django.utils import translation

from quartier.lib.searchable import (
    SearchableSelect,
    SearchableSelectMultiple,
    country_terms,
    language_terms,
)

VENDORED = settings.BASE_DIR / "static" / "vendor" / "tom-select"
LOCK_FILE = settings.PROJECT_DIR / "package-lock.json"
NODE_MODULES = settings.PROJECT_DIR / "node_modules" / "tom-select"
FILES = ["tom-select.complete.min.js", "tom-select.min.css"]
SOURCES = {"tom-select.complete.min.js": "dist/js", "tom-select.min.css": "dist/css"}


class Languages(forms.Form):
    spoken = forms.MultipleChoiceField(
        choices=[("de", "German"), ("ru", "Russian"), ("ar", "Arabic")],
        widget=SearchableSelectMultiple(terms=language_terms),
    )
    country = forms.ChoiceField(
        choices=[("", "–"), ("DE", "Germany"), ("SY", "Syria")],
        required=False,
        widget=SearchableSelect(terms=country_terms),
    )


def option(html: str, value: str) -> str:
    found = re.search(rf'<option value="{value}"[^>]*>[^<]*</option>', html)
    assert found is not None, value
    return found.group(0)


def test_each_option_carries_its_names_in_every_interface_language():
    with translation.override("de"):
        html = str(Languages(initial={"spoken": ["ru"]})["spoken"])
    german = option(html, "de")
    for name in ("Deutsch", "German", "Немецкий", "Німецька", "Tiếng Đức", "الألمانية"):
        assert name.casefold() in german.casefold(), name
    assert "selected" in option(html, "ru")
    assert "data-searchable" in html and "multiple" in html
    assert 'data-no-results="Nichts gefunden."' in html


def test_countries_are_found_by_any_of_their_names():
    terms = country_terms()
    assert "germany" in terms["DE"].casefold() and "deutschland" in terms["DE"].casefold()
    assert "сирия" in terms["SY"].casefold()
    assert terms["DE"].startswith("de ")  # and by its code


def test_the_empty_choice_has_no_terms():
    html = str(Languages()["country"])
    assert "data-terms" not in option(html, "")
    assert "multiple" not in html


def test_the_media_are_files_loaded_deferred_never_inline():
    media = str(Languages().media)
    assert '<script src="/static/vendor/tom-select/tom-select.complete.min.js" defer>' in media
    assert '<script src="/static/quartier/searchable.js" defer>' in media
    assert 'href="/static/vendor/tom-select/tom-select.min.css"' in media
    assert "<style" not in media


def pinned_version() -> str:
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/tom-select"]["version"]


def test_the_vendored_files_are_the_pinned_version():
    for name in FILES:
        text = (VENDORED / name).read_text(encoding="utf-8")
        if name.endswith(".js"):
            assert f"Tom Select v{pinned_version()}" in text[:200]
        assert (VENDORED / f"{name}.map").is_file()  # the static files' manifest needs them
    assert (VENDORED / "LICENSE").is_file()


def test_the_vendored_files_are_the_packages_files_when_installed():
    if not (NODE_MODULES / "package.json").is_file():  # node_modules is optional
        return
    package = json.loads((NODE_MODULES / "package.json").read_text(encoding="utf-8"))
    assert package["version"] == pinned_version()
    for name in FILES:
        for file in (name, f"{name}.map"):
            installed = NODE_MODULES / SOURCES[name] / file
            assert (VENDORED / file).read_bytes() == installed.read_bytes(), file
    assert (VENDORED / "LICENSE").read_bytes() == (NODE_MODULES / "LICENSE").read_bytes()
