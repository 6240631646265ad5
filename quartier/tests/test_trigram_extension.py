"""Where the database user may not create pg_trgm, the migration says what a DBA must run."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from quartier.database import ensure_trigram_extension

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"),
    pytest.mark.django_db,
]


def test_a_user_who_may_not_create_the_extension_is_told_what_to_ask_for():
    # All inside the test's transaction, which is rolled back: the extension (and the
    # indexes that need it) come back, the role is gone.
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION pg_trgm CASCADE")
        cursor.execute("CREATE ROLE quartier_no_extensions NOLOGIN")
        cursor.execute("SET LOCAL ROLE quartier_no_extensions")
    with pytest.raises(ImproperlyConfigured) as refused:
        ensure_trigram_extension(connection.schema_editor())
    assert "CREATE EXTENSION pg_trgm;" in str(refused.value)
    assert connection.settings_dict["NAME"] in str(refused.value)


def test_the_extension_in_place_needs_nothing():
    ensure_trigram_extension(connection.schema_editor())  # already created by the migrations
