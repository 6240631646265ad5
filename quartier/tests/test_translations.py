"""Every user-facing string exists in all seven languages (DESIGN.md, Languages).

The source strings are extracted the way `makemessages` does (templates through
Django's templatize, then a Python gettext extractor with the keywords makemessages
gives xgettext), but in pure Python, so the check also runs where GNU gettext is not
installed.

Extraction finds a string by the name of the function that marks it, so a string
marked under any other name (`gettext as _gettext`) is never extracted: its page stays
English in every language, and no catalogue test notices. Hence one convention,
checked below on every module: `gettext` or `gettext_lazy` imported as `_` (one per
module) or under its own name, every other marking function under its own name only.
Ruff's import conventions (ICN) cannot say "this alias or none", so an `ast` walk
checks it.
"""

import ast
import inspect
import io
import re
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_python
from django.conf import settings
from django.utils.translation.template import templatize

PACKAGE = Path(__file__).resolve().parents[1]
LOCALE = PACKAGE / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
# The keywords of `makemessages` for the "django" domain (its `--keyword` options) and
# those xgettext knows for Python by itself (`_`, `gettext`, `ngettext`); checked against
# Django's command below.
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


def keyword_spec(option: str) -> tuple[str, object]:
    """An xgettext `--keyword=name:1c,2` option as a KEYWORDS entry."""
    name, _colon, arguments = option.partition(":")
    if not arguments:
        return name, None
    spec = tuple((int(a[:-1]), "c") if a.endswith("c") else int(a) for a in arguments.split(","))
    return name, spec


def test_extraction_uses_the_keywords_of_makemessages():
    from django.core.management.commands import makemessages

    source = inspect.getsource(makemessages.Command.process_locale_dir)
    python_options = source[source.index('"--language=Python"') :]
    options = re.findall(r'"--keyword=([^"]+)"', python_options)
    assert len(options) >= 7
    assert dict(keyword_spec(option) for option in options).items() <= KEYWORDS.items()


# The marking functions of django.utils.translation: gettext and gettext_lazy may be
# imported as `_`, all of them under their own name.
MARKERS = {name for name in KEYWORDS if name != "_"}
UNDERSCORE_ALLOWED = {"gettext", "gettext_lazy"}


def marking_imports_under_other_names(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            for alias in node.names:
                allowed = {alias.name, "_"} if alias.name in UNDERSCORE_ALLOWED else {alias.name}
                if alias.name in MARKERS and (alias.asname or alias.name) not in allowed:
                    found.append(f"{path}:{node.lineno} {alias.name} as {alias.asname}")
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            found += [
                f"{path}:{node.lineno} translation as {alias.asname}"
                for alias in node.names
                if alias.name == "translation" and alias.asname
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"{path}:{node.lineno} {alias.name} as {alias.asname}"
                for alias in node.names
                if alias.name == "django.utils.translation" and alias.asname
            ]
    return found


def test_strings_are_marked_under_names_the_extraction_knows():
    modules = [path for path in source_files() if path.suffix == ".py"]
    assert PACKAGE / "imports" / "messages.py" in modules
    wrong = [found for path in modules for found in marking_imports_under_other_names(path)]
    assert wrong == [], "Import gettext as `_` or under its own name (see the docstring)"


def test_the_alias_check_finds_an_unknown_alias(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "from django.utils.translation import gettext as _gettext\n"
        "from django.utils.translation import gettext_lazy as _\n"
        "from django.utils.translation import pgettext as _p, ngettext\n"
        "from django.utils import translation as t\n",
        encoding="utf-8",
    )
    assert [line.split(" ", 1)[1] for line in marking_imports_under_other_names(module)] == [
        "gettext as _gettext",
        "pgettext as _p",
        "translation as t",
    ]
