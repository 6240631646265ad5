"""On PostgreSQL the audit page's action filter reads its index, not the whole history.

The audit log is the largest table (every read of personal data is logged). The page
filters ``code LIKE 'prefix%'`` within the organisations the lead leads, newest first;
a rare action among thousands of common ones must be found through the index
``audit_org_code_time`` rather than by walking the organisation's entries by time.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.accounts.models import AuditEntry

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite ignores operator classes and plans differently",
    ),
    pytest.mark.django_db,
]

COMMON = 20000


def test_the_action_filter_of_the_audit_page_uses_its_index(client, lead, home_org):
    start = timezone.now() - timedelta(days=300)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            organisation=home_org,
            code="people.participant.viewed",
            created_at=start + timedelta(minutes=number),
        )
        for number in range(COMMON)
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(organisation=home_org, code="people.rights.erased", created_at=start)
        for _ in range(3)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_auditentry")

    client.force_login(lead)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/staff/audit/", {"code": "people.rights"})
    assert response.status_code == 200
    assert response.text.count("people.rights.erased") == 3
    listing = [
        q["sql"]
        for q in captured.captured_queries
        if "accounts_auditentry" in q["sql"] and "LIKE" in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert listing, "the page should have listed the entries"
    with connection.cursor() as cursor:
        for sql in listing:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "audit_org_code_time" in plan, plan
