"""What the project asks of its database beyond the models.

Fresh statistics after bulk loads
---------------------------------

A table filled moments earlier, often in the same transaction, looks empty to a
database that has no statistics for it yet. PostgreSQL then plans joins as nested
loops that scan the whole table once per row, and a query of milliseconds takes
seconds; whether statistics happen to exist depends on when autovacuum last ran.
So every command that writes many rows (ESCO, the site pack, generated
participants, the demo, the imports) calls `analyse()` on the tables it filled.

`ANALYZE` runs inside the loading transaction: PostgreSQL counts the rows the
transaction itself inserted, so the statistics are right for the rest of the
load and, once it commits, for everyone. SQLite keeps its own statistics
(`sqlite_stat1`) through the same statement. On PostgreSQL it also merges the
pending lists of the tables' GIN indexes, which bulk inserts leave long.

Trigram indexes for substring search
------------------------------------
Searches match words anywhere in a folded text (`normalised__contains`,
`search_key__contains`), which is `LIKE '%word%'`: no B-tree index can answer
it. On PostgreSQL a GIN index with `pg_trgm`'s operator class can, so the
migrations of the searched tables add one through `trigram_index()`. SQLite has
no such index; there the tables of one programme are small enough to scan.

The shared cache
----------------
The limits of the public forms and the daily count of mails to unconfirmed
addresses must be seen by every server process, so they live in Django's
database cache (one machine needs no extra server, as with the task queue). The
accounts app's migration creates its table through `cache_table()`, so that
`quartier migrate` and every test database have it. Django's own `incr` reads,
adds and writes in three steps: two requests at once could both read 4 and
write 5, which is why django-ratelimit's check E003 refuses the database cache.
`DatabaseCache.incr` here first takes the row's write lock with an `UPDATE` that
changes nothing (a row lock on PostgreSQL; on SQLite the database's write lock,
which a second writer waits for through the busy timeout), so a parallel
increment waits for the first and then counts on from its result.
"""

import base64
import pickle
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.core.cache.backends import db as db_cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import (
    OperationalError,
    ProgrammingError,
    connection,
    connections,
    migrations,
    models,
    router,
    transaction,
)
from django.utils import timezone


def tables(models_or_apps: Iterable[type[models.Model] | str]) -> list[str]:
    """The database tables of the given models and of every model of the given app labels."""
    names: list[str] = []
    for item in models_or_apps:
        group = apps.get_app_config(item).get_models() if isinstance(item, str) else [item]
        for model in group:
            if model._meta.managed and not model._meta.proxy:
                names.append(model._meta.db_table)
    return list(dict.fromkeys(names))


def project_apps() -> list[str]:
    """The labels of Quartier's own apps (for loads that touch all of them, like the demo)."""
    configs = apps.get_app_configs()
    return [config.label for config in configs if config.name.startswith("quartier.")]


def analyse(*models_or_apps: type[models.Model] | str) -> list[str]:
    """Refresh the statistics of these models' tables (or whole apps'); returns the tables."""
    names = tables(models_or_apps)
    if not names:
        return names
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(quote(name) for name in names))
            # Rows written in bulk wait in a GIN index's pending list, which every search
            # then reads in full (and which makes the planner avoid the index): merge it.
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i"
                " JOIN pg_class c ON c.oid = i.indexrelid"
                " JOIN pg_am a ON a.oid = c.relam AND a.amname = 'gin'"
                " WHERE i.indrelid::regclass::text = ANY(%s)",
                [names],
            )
        else:
            for name in names:
                cursor.execute(f"ANALYZE {quote(name)}")
    return names


TRIGRAM_EXTENSION_MISSING = """\
The trigram search needs PostgreSQL's pg_trgm extension, which this database user may \
not create ({error}). Ask a database administrator to run, connected to the database \
"{database}":

    CREATE EXTENSION pg_trgm;

then run the migrations again."""


def ensure_trigram_extension(schema_editor) -> None:
    """Create pg_trgm unless it is there; where the user may not, fail saying what a DBA runs.

    pg_trgm is a trusted extension (PostgreSQL 13+): a database's owner, or a user with
    CREATE on it, may create it. A user with neither gets the message above instead of
    the bare "permission denied".
    """
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone():
            return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except (ProgrammingError, OperationalError) as error:
        database = schema_editor.connection.settings_dict["NAME"]
        message = TRIGRAM_EXTENSION_MISSING.format(error=str(error).strip(), database=database)
        raise ImproperlyConfigured(message) from error


def trigram_index(
    table: str, column: str, name: str, expressions: Sequence[str] = ()
) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, a trigram GIN index on ``table.column`` (or on
    the SQL ``expressions``, e.g. ``UPPER("name"::text)`` for ``__icontains``)."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            quote = schema_editor.quote_name
            ensure_trigram_extension(schema_editor)
            indexed = [f"({expression})" for expression in expressions] or [quote(column)]
            parts = ", ".join(f"{expression} gin_trgm_ops" for expression in indexed)
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin ({parts})"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop)


def array_gin_index(table: str, column: str, name: str) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, a GIN index on the array column ``table.column``
    (the built-in ``array_ops``: ``&&``, ``@>``, ``<@`` and ``=``; no extension needed).
    Other databases keep such a column as text and read it in Python."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            quote = schema_editor.quote_name
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
                f"USING gin ({quote(column)})"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop)


def cache_table(name: str) -> migrations.RunPython:
    """A migration operation: the table of a database cache, as ``createcachetable`` makes it."""

    def create(apps, schema_editor):
        alias = schema_editor.connection.alias
        call_command("createcachetable", name, database=alias, verbosity=0)

    def drop(apps, schema_editor):
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop)


class DatabaseCache(db_cache.DatabaseCache):
    """Django's database cache, with an increment that parallel requests cannot interleave."""

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        db = connections[alias]
        quote = db.ops.quote_name
        table, cache_key = quote(self._table), quote("cache_key")
        value, expires = quote("value"), quote("expires")
        now = db.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0, tzinfo=None))
        with transaction.atomic(using=alias), db.cursor() as cursor:
            # The write comes first, to take the lock before reading.
            cursor.execute(
                f"UPDATE {table} SET {expires} = {expires} "
                f"WHERE {cache_key} = %s AND {expires} > %s",
                [key, now],
            )
            if cursor.rowcount != 1:
                raise ValueError(f"Key '{key}' not found")
            cursor.execute(f"SELECT {value} FROM {table} WHERE {cache_key} = %s", [key])
            stored = db.ops.process_clob(cursor.fetchone()[0])
            number = pickle.loads(base64.b64decode(stored.encode())) + delta
            pickled = base64.b64encode(pickle.dumps(number, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value} = %s WHERE {cache_key} = %s", [pickled, key]
            )
        return number
