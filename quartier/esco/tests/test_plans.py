"""On PostgreSQL the label search reads an index, not the whole label table.

The search matches `normalised LIKE '%word%'`; only the trigram index of migration
0002 can answer that. The test runs the search's own query (captured, not written
again here) on the freshly loaded and analysed shipped data and reads the plan.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.esco.search import search

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no trigram index and plans differently",
    ),
    pytest.mark.django_db,
]


def plan_of(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def label_query(query: str, language: str, kind: str | None = None) -> str:
    with CaptureQueriesContext(connection) as captured:
        hits = search(query, language, kind=kind, semantic=False)
    assert hits, f"the search for {query!r} should find something"
    return next(q["sql"] for q in captured.captured_queries if '"esco_label"' in q["sql"])


@pytest.mark.parametrize(
    ("query", "language", "kind"),
    [("Kosmetik", "de", "occupation"), ("Bäcker", "de", None), ("cook", "en", "occupation")],
)
def test_the_label_search_uses_the_trigram_index(esco_data, query, language, kind):
    plan = plan_of(label_query(query, language, kind))
    assert "esco_label_normalised_trgm" in plan, plan
    assert "Seq Scan on esco_label" not in plan, plan


def test_the_statistics_know_the_labels_are_there(esco_data):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'esco_label'")
        (estimated,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM esco_label")
        (counted,) = cursor.fetchone()
    # analysed after the load: the planner's row count is the real one, give or take
    assert counted > 20_000
    assert 0.9 * counted <= estimated <= 1.1 * counted
