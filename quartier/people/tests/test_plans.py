"""On PostgreSQL the participant search reads the trigram index, not every participant.

The list matches `search_key LIKE '%word%'` for each word typed. The test fills the
organisation with generated people (`generate_participants` analyses what it wrote),
searches through the real page and reads the plan of the query the page ran.
"""

import pytest
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from quartier.demo.participants import generate_participants
from quartier.lib.search import search_key
from quartier.people.models import Participant

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no trigram index and plans differently",
    ),
    pytest.mark.django_db,
]

PEOPLE = 4000


def test_the_participant_search_uses_the_trigram_index(client, counsellor, home_org, project):
    generate_participants(PEOPLE, [home_org], project, seed=7)
    with scopes_disabled():
        # the person the counsellor looks for, among thousands with common names
        someone = Participant.objects.filter(organisation=home_org).order_by("pk")[123]
        Participant.objects.filter(pk=someone.pk).update(
            family_name="Wojciechowska", search_key=f"{someone.search_key} wojciechowska"
        )
    word = "wojciech"

    client.force_login(counsellor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/staff/people/", {"q": word})
    assert response.status_code == 200
    assert "Wojciechowska" in response.text
    listing = [
        q["sql"]
        for q in captured.captured_queries
        if "search_key" in q["sql"] and "people_participant" in q["sql"]
    ]
    assert listing, "the page should have searched the participants"
    with connection.cursor() as cursor:
        for sql in listing:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "participant_search_key_trgm" in plan, plan


def test_a_common_name_is_searched_through_the_trigram_index_not_the_alphabet(
    client, counsellor, home_org, project
):
    """A family name's start clusters its matches in the alphabet ("schu" under S): the
    page must take the matches from the trigram index and sort them, not walk the
    alphabetical index ``participant_org_name`` until 50 match (at a million people
    that walk read a quarter of the organisation)."""
    generate_participants(PEOPLE, [home_org], project, seed=7)
    with scopes_disabled():
        people = Participant.objects.filter(organisation=home_org)
        # The most common family name in the second half of the alphabet.
        family = (
            people.filter(family_name__gte="M")
            .values("family_name")
            .annotate(number=Count("pk"))
            .order_by("-number", "family_name")[0]["family_name"]
        )
        word = search_key(family)[:4]
        expected = people.filter(search_key__contains=word).count()
    assert expected > 50, "the name should fill more than a page"

    client.force_login(counsellor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/staff/people/", {"q": word})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 50
    assert response.context["page"].count == expected
    page_query = [
        q["sql"]
        for q in captured.captured_queries
        if "search_key" in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert len(page_query) == 1, "the page should have searched the participants once"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + page_query[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "participant_search_key_trgm" in plan, plan
    assert "participant_org_name" not in plan, plan


def test_the_list_counts_from_the_index_of_current_people(
    client, counsellor, home_org, other_org, project
):
    """The list's count stops at 10 001 rows (``keyset.bounded_count``) and is answered
    by ``participant_org_current`` (the organisation's people not anonymised) alone: its
    condition and columns are the index's predicate and key."""
    generate_participants(2 * PEOPLE, [home_org, other_org], project, seed=7)
    with scopes_disabled():
        mine = Participant.objects.filter(organisation=home_org).count()
    client.force_login(counsellor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/staff/people/")
    assert response.status_code == 200
    assert response.context["page"].count == mine
    counting = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert len(counting) == 1, "the page should have counted the people once"
    # Which index a small test table is counted from is the planner's coin toss (twice
    # CI's PostgreSQL took another index that starts with the organisation, and
    # filtered). What the index is for is shown deterministically: with the table and
    # bitmap paths closed and the other organisation indexes dropped inside this test's
    # transaction (rolled back), the count must be answered from the partial index; a
    # query that left its predicate would fall back to the closed table scan.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'people_participant'"
            " AND indexdef LIKE '%%(organisation_id%%' AND indexname <> 'participant_org_current'"
        )
        for (plain,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{plain}"')
        cursor.execute("EXPLAIN " + counting[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    assert "Seq Scan" not in plan, plan
    assert "Scan using participant_org_current" in plan, plan
