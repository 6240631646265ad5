"""On PostgreSQL the register's search reads the trigram index, not every business.

The search matches each word with `__icontains` on name, street and short name, and the
postcode's start; migration economy 0005 indexes the four expressions as PostgreSQL
writes them. Sequential scans are switched off so that the plan shows whether the index
can answer the query at all, whatever the table's size.
"""

import pytest
from django.db import connection

from quartier.database import analyse
from quartier.economy.businesses.filters import BusinessFilter
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
    found = BusinessFilter({"q": "hanoi"}, queryset=Business.objects.all()).qs
    assert [business.name for business in found] == ["Pho Hanoi Ost"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = found.explain()
    assert "business_search_trgm" in plan, plan
