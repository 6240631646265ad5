"""The participant picker's endpoint: the list's rule, the list's audit, name + birth date."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.people.intake import take_in

pytestmark = pytest.mark.django_db

URL = "/en/staff/people/pick/?for=id_filled_by"


def person(organisation, project, by, given, family, **fields):
    fields.setdefault("date_of_birth", date(1990, 1, 1))
    return take_in(
        organisation, project, by, date(2026, 3, 2), given_name=given, family_name=family, **fields
    )


@pytest.fixture
def namesakes(home_org, other_org, project, counsellor):
    """Two Olenas here (told apart by birth date), one in Cyrillic, one elsewhere."""
    return {
        "older": person(
            home_org, project, counsellor, "Olena", "Shevchenko", date_of_birth=date(1970, 5, 1)
        ),
        "younger": person(
            home_org, project, counsellor, "Olena", "Shevchenko", date_of_birth=date(1999, 2, 3)
        ),
        "cyrillic": person(home_org, project, counsellor, "Олена", "Коваленко"),
        "elsewhere": person(other_org, project, counsellor, "Olena", "Elsewhere"),
    }


def listed() -> list[dict]:
    with scopes_disabled():
        return [
            entry.data
            for entry in AuditEntry.objects.filter(code="people.participant.listed").order_by("pk")
        ]


def test_the_search_shows_name_birth_date_and_latin_letters(client, counsellor, namesakes):
    client.force_login(counsellor)
    response = client.get(URL + "&q=olena", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Olena Shevchenko · 05/01/1970" in html
    assert "Olena Shevchenko · 02/03/1999" in html
    # Written in Cyrillic, found by its Latin letters and shown with them.
    assert "Олена Коваленко · 01/01/1990 · olena kovalenko" in html
    assert "Elsewhere" not in html  # another organisation's person
    assert "<html" not in html
    for who in ("older", "younger", "cyrillic"):
        pick = f"pick={namesakes[who].public_id}"
        assert pick in html
    assert "HX-Request" in response["Vary"]


def test_the_search_is_audited_like_the_list(client, counsellor, namesakes):
    client.force_login(counsellor)
    client.get(URL + "&q=kovalenko", headers={"HX-Request": "true"})
    assert listed() == [{"picker": True, "people": [str(namesakes["cyrillic"].public_id)]}]
    # Nothing typed, or nothing found: nobody shown, nothing logged.
    client.get(URL + "&q=", headers={"HX-Request": "true"})
    assert "Nothing found." in client.get(URL + "&q=zzz").content.decode()
    assert len(listed()) == 1


def test_picking_puts_the_person_into_the_select(client, counsellor, namesakes):
    client.force_login(counsellor)
    code = namesakes["younger"].public_id
    html = client.get(URL + f"&pick={code}", headers={"HX-Request": "true"}).content.decode()
    assert html == (
        '<option value="">—</option>\n'
        f'<option value="{code}" selected>Olena Shevchenko · 02/03/1999</option>\n'
    )
    assert listed() == [{"picker": True, "people": [str(code)]}]


def test_another_organisations_person_cannot_be_picked(client, counsellor, namesakes):
    client.force_login(counsellor)
    for value in (namesakes["elsewhere"].public_id, "not-a-code", "1"):
        response = client.get(URL + f"&pick={value}", headers={"HX-Request": "true"})
        assert response.status_code == 404
    assert listed() == []


def test_a_bad_target_id_is_refused(client, counsellor, namesakes):
    client.force_login(counsellor)
    response = client.get('/en/staff/people/pick/?for="><b&q=olena')
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin", "employer", "resident"])
def test_who_may_not_see_the_list_may_not_search(client, personas, namesakes, role):
    client.force_login(personas[role])
    response = client.get(URL + "&q=olena", headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert "Olena" not in response.content.decode()


def test_anonymous_is_sent_to_the_login(client, namesakes):
    response = client.get(URL + "&q=olena", headers={"HX-Request": "true"})
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_the_outsider_finds_only_their_own_people(client, personas, namesakes):
    client.force_login(personas["outsider"])  # a lead at the other organisation
    html = client.get(URL + "&q=olena", headers={"HX-Request": "true"}).content.decode()
    assert "Olena Elsewhere" in html and "Shevchenko" not in html


def test_the_search_takes_the_same_queries_whatever_it_finds(
    client, counsellor, namesakes, home_org, project, django_assert_num_queries
):
    client.force_login(counsellor)
    for number in range(10):
        person(home_org, project, counsellor, "Olena", f"Many{number}")
    # session, user, memberships, the matching people (one page), the audit entry
    with django_assert_num_queries(5):
        html = client.get(URL + "&q=olena", headers={"HX-Request": "true"}).content.decode()
    assert html.count("<li>") == 13


def test_namesakes_in_arabic_script_are_told_apart(client, counsellor, home_org, project):
    """Two people both written محمد علي: the birth date and the Latin spelling each
    gave at intake (or, without one, the letters' transliteration) set them apart."""
    first = person(
        home_org,
        project,
        counsellor,
        "محمد",
        "علي",
        date_of_birth=date(1988, 4, 12),
        name_latin="Mohammed Ali",
    )
    second = person(home_org, project, counsellor, "محمد", "علي", date_of_birth=date(1995, 11, 30))
    client.force_login(counsellor)
    html = client.get(URL + "&q=mhmd", headers={"HX-Request": "true"}).content.decode()
    assert "محمد علي · 04/12/1988 · Mohammed Ali" in html
    assert "محمد علي · 11/30/1995 · mhmd `ly" in html
    # Found by the Latin spelling too, and each result picks its own person.
    html = client.get(URL + "&q=mohammed", headers={"HX-Request": "true"}).content.decode()
    assert f"pick={first.public_id}" in html and f"pick={second.public_id}" not in html
