"""The main menu: at most seven top entries per person, grouped, the current place marked."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class Menu(HTMLParser):
    """The top entries of the main menu (``ul.menu``) as text, and what is marked current."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.menu_depth: int | None = None
        self.entries: list[str] = []
        self.current: list[str] = []
        self._current_open: list[bool] = []
        self._text_target: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "meta", "link", "img", "br"):
            return
        self.depth += 1
        if tag == "ul" and attributes.get("class") == "menu":
            self.menu_depth = self.depth
        elif self.menu_depth is not None and tag == "li" and self.depth == self.menu_depth + 1:
            self.entries.append("")
        if self.menu_depth is not None and "aria-current" in attributes:
            self.current.append("")
            self._current_open.append(True)
        else:
            self._current_open.append(False)

    def handle_endtag(self, tag):
        if tag in ("input", "meta", "link", "img", "br"):
            return
        if self.menu_depth is not None and self.depth == self.menu_depth and tag == "ul":
            self.menu_depth = None
        self.depth -= 1
        if self._current_open:
            self._current_open.pop()

    def handle_data(self, data):
        if self.menu_depth is None or not data.strip():
            return
        if self.depth == self.menu_depth + 1 or (self.entries and not self.entries[-1]):
            self.entries[-1] = self.entries[-1] or data.strip()
        if any(self._current_open) and self.current and not self.current[-1]:
            self.current[-1] = data.strip()


def menu_of(response) -> Menu:
    menu = Menu()
    menu.feed(response.content.decode())
    return menu


# What each role does, as its top entries (German labels): a group of links, or the one
# link of a group that holds only one for this role.
EXPECTED = {
    "counsellor": [
        "Übersicht",
        "Personen",
        "Lernen",
        "Wirtschaft",
        "Unvollständige Eintrittsdaten",
        "Konto",
    ],
    "advisor": ["Übersicht", "Fähigkeiten und Berufe", "Wirtschaft", "Konto"],
    "coordinator": ["Übersicht", "Personen", "Lernen", "Wirtschaft", "Konto"],
    "lead": [
        "Übersicht",
        "Personen",
        "Angebote",
        "Wirtschaft",
        "Berichte",
        "Protokoll",
        "Konto",
    ],
    "viewer": ["Übersicht", "Wirtschaft", "Berichte", "Konto"],
    "admin": ["Übersicht", "Fähigkeiten und Berufe", "Wirtschaft", "Mitglieder", "Konto"],
    "employer": [
        "Übersicht",
        "Kandidat/innen",
        "Kurse für meine Mitarbeitenden",
        "Wirtschaft",
        "Konto",
    ],
    "resident": ["Übersicht", "Konto"],
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_at_most_seven_top_entries_grouped_by_its_work(client, personas, role):
    client.force_login(personas[role])
    menu = menu_of(client.get("/de/staff/"))
    assert menu.entries == EXPECTED[role]
    assert len(menu.entries) <= 7


def test_people_with_roles_in_two_organisations_still_see_at_most_seven(client, two_org_personas):
    for user in two_org_personas.values():
        client.force_login(user)
        assert len(menu_of(client.get("/de/staff/")).entries) <= 7


def test_a_group_opens_its_links_without_a_script(client, counsellor):
    client.force_login(counsellor)
    html = client.get("/de/staff/").content.decode()
    assert "<details>" in html and "<summary>Personen</summary>" in html
    for label in ("Teilnehmende", "Neue Aufnahme", "Meine Fälle"):
        assert f">{label}</a>" in html


def test_the_current_page_and_its_group_are_marked(client, counsellor):
    client.force_login(counsellor)
    menu = menu_of(client.get("/de/staff/counselling/"))
    assert menu.current == ["Personen", "Meine Fälle"]
    html = client.get("/de/staff/counselling/").content.decode()
    assert '<summary aria-current="true">Personen</summary>' in html
    assert 'aria-current="page">Meine Fälle</a>' in html


def test_a_page_below_an_entry_marks_that_entry(client, counsellor):
    client.force_login(counsellor)
    html = client.get("/de/staff/people/?q=x").content.decode()
    assert 'aria-current="page">Teilnehmende</a>' in html
    html = client.get("/de/staff/people/intake/").content.decode()
    assert 'aria-current="page">Neue Aufnahme</a>' in html
    assert 'aria-current="true">Teilnehmende</a>' not in html


def test_visitors_see_home_and_the_sign_in(client, db):
    menu = menu_of(client.get("/de/"))
    assert menu.entries == ["Startseite", "Anmeldung für Mitarbeitende"]
    assert menu.current == ["Startseite"]
