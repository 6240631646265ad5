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
"""

from collections.abc import Iterable

from django.apps import apps
from django.db import connection, migrations, models


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


def trigram_index(table: str, column: str, name: str) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, a trigram GIN index on ``table.column``."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            quote = schema_editor.quote_name
            # pg_trgm is a trusted extension: the database's owner may create it.
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
                f"USING gin ({quote(column)} gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop)
