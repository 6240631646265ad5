"""Every user-facing string exists in all seven languages (DESIGN.md, Languages).

The source strings are extracted the way `makemessages` does (templates through
Django's templatize, then a Python gettext extractor), but in pure Python, so the
check also runs where GNU gettext is not installed.
"""

from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_python
from django.conf import settings
from django.utils.translation.template import templatize

PACKAGE = Path(__file__).resolve().parents[1]
LOCALE = PACKAGE / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def source_files():
    for path in sorted(PACKAGE.rglob("*")):
        if "tests" in path.parts or "migrations" in path.parts or "locale" in path.parts:
            continue
        if path.suffix in (".py", ".html", ".txt") and path.is_file():
            if path.suffix == ".txt" and "templates" not in path.parts:
                continue
            yield path


def extract(path: Path) -> set[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        text = templatize(text, origin=str(path))
    import io

    found = set()
    for _line, func, message, _comments in extract_python(
        io.BytesIO(text.encode()), KEYWORDS.keys(), [], {}
    ):
        spec = KEYWORDS[func]
        parts = message if isinstance(message, tuple) else (message,)
        if spec and isinstance(spec[0], tuple):  # pgettext: (context, msgid, …)
            context, msgid = parts[0], parts[1]
        else:
            context, msgid = "", parts[0]
        if msgid:
            found.add((context or "", msgid))
    return found


@pytest.fixture(scope="module")
def source_strings() -> set[tuple[str, str]]:
    strings: set[tuple[str, str]] = set()
    for path in source_files():
        strings |= extract(path)
    return strings


def translated(language: str) -> dict[tuple[str, str], polib.POEntry]:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return {
        (entry.msgctxt or "", entry.msgid): entry
        for entry in catalogue
        if not entry.obsolete and "fuzzy" not in entry.flags and entry.translated()
    }


def test_the_source_has_translatable_strings(source_strings):
    assert ("", "Skip to content") in source_strings
    assert len(source_strings) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_translates_every_string(language, source_strings):
    missing = sorted(source_strings - translated(language).keys())
    assert not missing, f"{len(missing)} strings lack a {language} translation, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source_catalogue(language):
    mo_path = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run `compilemessages`"
    mo = polib.mofile(str(mo_path))
    compiled = {
        (entry.msgctxt or "", entry.msgid): entry.msgstr or entry.msgstr_plural for entry in mo
    }
    expected = {
        key: entry.msgstr or entry.msgstr_plural for key, entry in translated(language).items()
    }
    compiled.pop(("", ""), None)
    stale = sorted(
        key for key in compiled.keys() | expected.keys() if compiled.get(key) != expected.get(key)
    )
    assert not stale, f"Run `compilemessages`: {len(stale)} entries differ, e.g. {stale[:5]}"


def test_placeholders_survive_translation():
    broken = []
    for language in LANGUAGES:
        for (_context, msgid), entry in translated(language).items():
            for placeholder in ("%(", "{"):
                if msgid.count(placeholder) != (
                    entry.msgstr or entry.msgstr_plural.get(0, "")
                ).count(placeholder):
                    broken.append((language, msgid))
    assert not broken, f"Placeholders lost in {len(broken)} translations: {broken[:10]}"
