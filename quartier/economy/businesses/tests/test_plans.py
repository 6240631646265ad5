"""On PostgreSQL the register's page and search read their indexes, not every business.

The search matches each word with `__icontains` on name, street and short name, and the
postcode's start; migration economy 0005 indexes the four expressions as PostgreSQL
writes them. Sequential scans are switched off so that the plan shows whether the index
can answer the query at all, whatever the table's size.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.database import analyse
from quartier.economy.businesses.filters import BusinessFilter, alphabetical
from quartier.economy.models import Business

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no trigram index",
    ),
    pytest.mark.django_db,
]


def test_the_business_search_uses_the_trigram_index():
    Business.objects.bulk_create(
        Business(name=f"Bäckerei Nummer {n}", slug=f"baeckerei-{n}", street="Eisenbahnstraße")
        for n in range(300)
    )
    Business.objects.create(name="Pho Hanoi Ost", slug="pho-hanoi-ost", street="Hermannstraße")
    analyse(Business)
    # In the register's order for a search (the view's ``alphabetical``), which keeps
    # the name index from being walked.
    found = alphabetical(
        BusinessFilter({"q": "hanoi"}, queryset=Business.objects.all()).qs, "hanoi"
    )
    assert [business.name for business in found] == ["Pho Hanoi Ost"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = found.explain()
    assert "business_search_trgm" in plan, plan


def test_the_register_reads_its_first_page_from_the_name_index(client, counsellor):
    """The register is ordered by name and paged by cursor: the page reads its 51 rows
    from ``business_name`` rather than sorting every business (40 000 at a million
    participants)."""
    Business.objects.bulk_create(
        Business(name=f"Betrieb {n:04}", slug=f"betrieb-{n}") for n in range(2000)
    )
    analyse(Business)
    client.force_login(counsellor)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("economy:business-list"))
    assert response.status_code == 200
    assert "Betrieb 0000" in response.text
    page_query = [
        q["sql"]
        for q in captured.captured_queries
        if "economy_business" in q["sql"] and "ORDER BY" in q["sql"]
    ]
    assert len(page_query) == 1, "the page should have read the register once"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + page_query[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "business_name" in plan, plan
