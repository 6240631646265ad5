"""The `quartier` command: Django's management commands for this project.

A mistake in the set-up (a missing secret key, a secret file that is not there,
a database without its tables) ends with one sentence that says what to do, not
a traceback.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["quartier", *sys.argv[1:]])
    except ImproperlyConfigured as error:
        sys.exit(f"quartier: {error}")
    except DatabaseError:
        if not unmigrated():
            raise
        sys.exit(
            "quartier: the database has no tables yet. Run `quartier migrate` first "
            "(`./run demo` does it for the demo)."
        )


def unmigrated() -> bool:
    """Whether the configured database lacks some of the project's migrations."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.close()  # the failed statement may have spoilt the connection
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except Exception:
        return False


if __name__ == "__main__":
    main()
