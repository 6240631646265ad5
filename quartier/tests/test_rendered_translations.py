"""No English reaches a staff page rendered in German (issue 12: every string translated).

The catalogue test proves that every *extracted* string is translated; this one looks
at what a page really shows, which also catches a string marked for translation but
printed without it, a label Django made from a field name, or a message worded in
English by code that never asked for the user's language.

How it tells English from German without a dictionary: the catalogues know the
English of every string we translate. Every msgid whose German differs from it (ours,
and Django's own, such as "This field is required.") is English that must not appear
on a German page. Each page of the staff walk (`staff_pages.py`, the same pages the
browser walk opens) is rendered in German with the fixture programme's records, and
every text node and every text attribute (title, placeholder, aria-label, alt, button
value) is compared, whitespace collapsed, with those msgids: exactly, or as a pattern
for a msgid with placeholders and two words besides ("Row %(row)s, column
“%(column)s”: %(problem)s" matches "Row 4, column “Name”: …"). Whole
nodes only, so an English word inside German text or a person's data never matches
by chance; text inside an element marked with another language (the language menu's
"English") is left alone, as it is meant to be in that language. The records are made
by staff working in German, since a text stored when it was made (a download's title)
keeps the language it was made in.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
import time_machine
from django.utils import translation

from quartier.tests.staff_pages import ANONYMOUS, build_programme, role_for, staff_pages
from quartier.tests.worlds import NOW

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[1] / "locale"
DJANGO_LOCALE = Path(django.__file__).parent / "conf" / "locale"
TEXT_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]|\{\w*\}")


def english_only(language: str) -> tuple[set[str], re.Pattern]:
    """The msgids whose translation into ``language`` differs: exact ones, and one pattern
    for those with placeholders."""
    exact, patterns = set(), []
    for path in (
        LOCALE / language / "LC_MESSAGES" / "django.po",
        DJANGO_LOCALE / language / "LC_MESSAGES" / "django.po",
    ):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr or entry.msgstr == entry.msgid:
                continue
            text = " ".join(entry.msgid.split())
            if PLACEHOLDER.search(text):
                parts = PLACEHOLDER.split(text)
                # Two words at least besides the placeholders: "Profile %(name)s" would
                # match a German sentence beginning with "Profile".
                if len(re.findall(r"[^\W\d_]{2,}", " ".join(parts))) >= 2:
                    patterns.append(".+?".join(re.escape(part) for part in parts))
            elif re.search(r"[A-Za-z]{2}", text):
                exact.add(text)
    return exact, re.compile("|".join(f"(?:{p})" for p in patterns))


class Texts(HTMLParser):
    """The visible texts of a page in its own language, each whitespace-collapsed."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, in another language or a script)
        self.texts: list[str] = []

    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        skip = (
            self.skipping()
            or tag in ("script", "style")
            or bool(lang and lang.split("-")[0] != self.language)
        )
        if not skip:
            for name, value in attrs:
                if value and (
                    name in TEXT_ATTRIBUTES
                    or (name == "value" and attributes.get("type") in ("submit", "button"))
                ):
                    self.texts.append(" ".join(value.split()))
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping():
            self.texts.append(text)


def english_on(html: str, language: str, exact: set[str], pattern: re.Pattern) -> list[str]:
    parser = Texts(language)
    parser.feed(html)
    return sorted(
        {
            text
            for text in parser.texts
            if text.rstrip(":*") in exact or (pattern.pattern and pattern.fullmatch(text))
        }
    )


def test_the_check_finds_english_in_a_german_page():
    exact, pattern = english_only("de")
    html = (
        '<html lang="de"><body><h1>Teilnehmende</h1><p>Save</p>'
        '<input type="submit" value="Save"><input placeholder="Search">'
        "<ul><li>Row 4, column “Name”: “x” is too long.</li></ul>"
        '<a lang="en" href="/en/">English</a><script>var Save = 1;</script></body></html>'
    )
    assert english_on(html, "de", exact, pattern) == [
        "Row 4, column “Name”: “x” is too long.",
        "Save",
        "Search",
    ]


def test_no_english_reaches_a_staff_page_in_german(client, settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    exact, pattern = english_only("de")
    with time_machine.travel(NOW, tick=False):
        with translation.override("de"):
            programme = build_programme()
        found = {}
        signed_in_as = None
        for name in staff_pages():
            url = programme.url(name, "de")
            role = role_for(url, "de")
            if role != signed_in_as:
                client.logout()
                if role != ANONYMOUS:
                    client.force_login(programme.users[role])
                signed_in_as = role
            response = client.get(url, follow=True)
            assert response.status_code == 200, url
            english = english_on(response.content.decode(), "de", exact, pattern)
            if english:
                found[url] = english
    assert found == {}, "\n".join(f"{url}: {english}" for url, english in found.items())
