from datetime import date

import pytest
import time_machine
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.people.entry import change_entry_data
from quartier.people.intake import take_in
from quartier.people.models import EmploymentStatus, Isced, Participant
from quartier.places.models import Neighbourhood, Postcode, Quarter
from quartier.tests.pagination import next_link, walk

pytestmark = pytest.mark.django_db

URL = "/en/staff/people/"


def person(organisation, project, by, given, family, **fields):
    fields.setdefault("date_of_birth", date(1990, 1, 1))
    return take_in(
        organisation,
        project,
        by,
        fields.pop("entry_date", date(2026, 3, 2)),
        given_name=given,
        family_name=family,
        **fields,
    )


def names(response) -> list[str]:
    return [str(row["person"]) for row in response.context["rows"]]


def test_it_lists_my_organisations_participants_only(
    client, home_org, other_org, project, counsellor
):
    person(home_org, project, counsellor, "Olena", "Shevchenko")
    person(other_org, project, counsellor, "Hidden", "Elsewhere")
    client.force_login(counsellor)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Olena Shevchenko"]
    assert b"Elsewhere" not in response.content


def test_coordinators_and_leads_see_the_list_too(client, home_org, project, counsellor, personas):
    person(home_org, project, counsellor, "Olena", "Shevchenko")
    for role in ("coordinator", "lead"):
        client.force_login(personas[role])
        assert names(client.get(URL)) == ["Olena Shevchenko"]


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin", "employer", "resident"])
def test_other_roles_are_refused(client, personas, role):
    client.force_login(personas[role])
    assert client.get(URL).status_code == 403


def test_the_outsider_sees_only_their_own_organisation(
    client, home_org, project, counsellor, personas
):
    person(home_org, project, counsellor, "Olena", "Shevchenko")
    client.force_login(personas["outsider"])
    assert names(client.get(URL)) == []


@pytest.fixture
def community(home_org, project, counsellor):
    person(home_org, project, counsellor, "Олена", "Шевченко", name_latin="Olena Shevchenko")
    person(home_org, project, counsellor, "محمد", "الأحمد", name_latin="Mohammed Al-Ahmad")
    person(home_org, project, counsellor, "Thị Hương", "Nguyễn")
    person(home_org, project, counsellor, "Jürgen", "Müller")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Олена", ["Олена Шевченко"]),  # Cyrillic, as written
        ("шевченко", ["Олена Шевченко"]),  # lower case
        ("olena", ["Олена Шевченко"]),  # the Latin spelling
        ("SHEVCHENKO OLENA", ["Олена Шевченко"]),  # words in any order
        ("mohammed", ["محمد الأحمد"]),  # the Latin spelling of an Arabic name
        ("محمد", ["محمد الأحمد"]),  # Arabic script
        ("mhmd", ["محمد الأحمد"]),  # the transliteration of the Arabic script
        ("nguyen huong", ["Thị Hương Nguyễn"]),  # Vietnamese without accents
        ("Nguyễn Thị", ["Thị Hương Nguyễn"]),  # with them
        ("muller", ["Jürgen Müller"]),
        ("nobody", []),
    ],
)
def test_the_search_finds_names_in_any_script(client, community, counsellor, query, found):
    client.force_login(counsellor)
    assert names(client.get(URL, {"q": query})) == found


def test_it_filters_by_quarter_and_preferred_language(client, home_org, project, counsellor, east):
    person(home_org, project, counsellor, "Lan", "Tran", postcode="01234", preferred_language="vi")
    person(home_org, project, counsellor, "Olena", "Shevchenko", preferred_language="uk")
    client.force_login(counsellor)
    assert names(client.get(URL, {"quarter": east.quarter.pk})) == ["Lan Tran"]
    assert names(client.get(URL, {"language": "uk"})) == ["Olena Shevchenko"]
    assert names(client.get(URL, {"language": "uk", "quarter": east.quarter.pk})) == []


@time_machine.travel("2026-04-15 10:00 +02:00", tick=False)
def test_it_filters_by_entry_data_status(client, home_org, project, counsellor):
    complete = person(home_org, project, counsellor, "Anna", "Complete")
    change_entry_data(
        complete, counsellor, employment_status=EmploymentStatus.INACTIVE, isced=Isced.MEDIUM
    )
    # Entered on 2 March: due by 30 March, so overdue on 15 April.
    person(home_org, project, counsellor, "Boris", "Overdue")
    person(home_org, project, counsellor, "Chi", "Due", entry_date=date(2026, 4, 1))
    unemployed = person(home_org, project, counsellor, "Dara", "Nodate")
    with scopes_disabled():
        # Unemployed without a date is incomplete (as the database sees it, too).
        unemployed.entry.employment_status = EmploymentStatus.UNEMPLOYED
        unemployed.entry.isced = Isced.LOW
        unemployed.entry.save()
    client.force_login(counsellor)
    assert names(client.get(URL, {"entry": "complete"})) == ["Anna Complete"]
    assert names(client.get(URL, {"entry": "incomplete"})) == [
        "Chi Due",
        "Dara Nodate",
        "Boris Overdue",
    ]
    assert names(client.get(URL, {"entry": "overdue"})) == ["Dara Nodate", "Boris Overdue"]
    response = client.get(URL)
    assert b"Overdue since" in response.content
    assert b"Due by" in response.content


def test_it_pages_by_fifty(client, home_org, project, counsellor):
    for number in range(55):
        person(home_org, project, counsellor, f"Person{number:02}", "Example")
    client.force_login(counsellor)
    first = client.get(URL)
    assert len(first.context["rows"]) == 50
    assert first.context["page"].count == 55
    second = client.get(URL + next_link(first))
    assert names(second) == [f"Person{number} Example" for number in range(50, 55)]


def test_a_bad_filter_value_says_so(client, counsellor):
    client.force_login(counsellor)
    response = client.get(URL, {"entry": "sometimes"})
    assert response.status_code == 200
    assert response.context["form"].errors["entry"]


@pytest.mark.parametrize("count", [30, 300])
def test_the_list_needs_a_constant_number_of_queries(
    client, home_org, project, counsellor, east, count, django_assert_num_queries
):
    other_quarter = Quarter.objects.create(slug="west", name="West")
    other = Neighbourhood.objects.create(slug="west-1", name="West 1", quarter=other_quarter)
    Postcode.objects.create(code="04177", neighbourhood=other)
    for number in range(count):
        person(
            home_org,
            project,
            counsellor,
            f"Person{number:02}",
            "Example",
            postcode="01234" if number % 2 else "04177",
        )
    client.force_login(counsellor)
    # 1 session, 2 user, 3 memberships (roles and scope), 4 the page of participants
    # with quarter and entry data, 5 the count (at most KEYSET_COUNT_CAP + 1 rows),
    # 6 the audit entry naming who was shown, 7 quarters for the filter, 8 the
    # counsellors for the counselling app's filter.
    with django_assert_num_queries(8):
        response = client.get(URL, {"q": "example"})
    assert len(response.context["rows"]) == min(count, 50)
    with scopes_disabled():
        listed = AuditEntry.objects.filter(code="people.participant.listed").latest("id")
    shown = {str(row["person"].public_id) for row in response.context["rows"]}
    assert set(listed.data["people"]) == shown


def public_ids(response) -> list:
    return [row["person"].public_id for row in response.context["rows"]]


def test_walking_the_pages_shows_everyone_once_also_among_namesakes(
    client, home_org, project, counsellor
):
    # Seven names for 120 people: pages break inside groups of namesakes.
    for number in range(120):
        person(home_org, project, counsellor, "Same", f"Name{number % 7}")
    person(home_org, project, counsellor, "Filtered", "Out")
    client.force_login(counsellor)
    forward, backward = walk(client, URL, {"q": "same"}, public_ids)
    with scopes_disabled():
        everyone = list(
            Participant.objects.filter(given_name="Same")
            .order_by("family_name", "given_name", "pk")
            .values_list("public_id", flat=True)
        )
    assert [len(page) for page in forward] == [50, 50, 20]
    assert [code for page in forward for code in page] == everyone
    assert backward == list(reversed(forward))


def test_a_bad_cursor_shows_the_first_page(client, home_org, project, counsellor):
    for number in range(55):
        person(home_org, project, counsellor, f"Person{number:02}", "Example")
    client.force_login(counsellor)
    first = client.get(URL)
    cursor = first.context["page"].next_cursor
    for bad in ("x", cursor[:-4] + "AAAA", cursor[3:], "%00"):
        response = client.get(URL, {"cursor": bad})
        assert response.status_code == 200
        assert public_ids(response) == public_ids(first)


def test_above_the_cap_the_list_says_more_than(client, home_org, project, counsellor, settings):
    settings.KEYSET_COUNT_CAP = 1000
    for number in range(3):
        person(home_org, project, counsellor, f"Person{number:02}", "Example")
    client.force_login(counsellor)
    assert "3 participants" in client.get(URL).content.decode()
    settings.KEYSET_COUNT_CAP = 2
    assert "More than 2 participants" in client.get(URL).content.decode()
    settings.KEYSET_COUNT_CAP = 1000
    with scopes_disabled():
        Participant.objects.bulk_create(
            Participant(
                organisation=home_org, project=project, given_name="Bulk", family_name=f"Row{n}"
            )
            for n in range(1001 - 3)
        )
    response = client.get("/de/staff/people/")
    assert "Mehr als 1.000 Teilnehmende" in response.content.decode()


@pytest.mark.parametrize(
    ("given", "family", "query"),
    [
        ("Олена", "Шевченко", "шевч"),  # Cyrillic, typed in Cyrillic
        ("محمد", "الأحمد", "mhmd"),  # Arabic, typed as its transliteration
        ("Thị Hương", "Nguyễn", "nguy"),  # Vietnamese, typed without accents
        ("Jürgen", "Müller", "MÜLL"),  # Latin with umlauts, in capitals
    ],
)
def test_a_search_pages_through_everyone_found_once_in_any_script(
    client, home_org, project, counsellor, given, family, query
):
    """A search long enough for the trigram index is sorted apart from the list
    (``filters.alphabetical``); its pages still show every match once, in order."""
    for number in range(70):
        person(home_org, project, counsellor, given, f"{family}{'abc'[number % 3]}")
    person(home_org, project, counsellor, "Other", "Person")
    client.force_login(counsellor)
    forward, backward = walk(client, URL, {"q": query}, public_ids)
    with scopes_disabled():
        found = list(
            Participant.objects.filter(given_name=given)
            .order_by("family_name", "given_name", "pk")
            .values_list("public_id", flat=True)
        )
    assert [len(page) for page in forward] == [50, 20]
    assert [code for page in forward for code in page] == found
    assert backward == list(reversed(forward))
