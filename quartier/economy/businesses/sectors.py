"""The default list of sectors, as the data migration made it; the demo and the tests
that empty the database restore it with ``ensure_default_sectors``."""

from importlib import import_module

from quartier.economy.models import Sector

# The migration holds the one copy of the list (a migration's data must not change later).
DEFAULT_SECTORS = import_module("quartier.economy.migrations.0002_default_sectors").SECTORS


def ensure_default_sectors() -> int:
    """Add any default sector that is missing (by short name); returns how many were added."""
    added = 0
    for position, (slug, names) in enumerate(DEFAULT_SECTORS, start=1):
        _sector, created = Sector.objects.get_or_create(
            slug=slug, defaults={"names": names, "position": position}
        )
        added += created
    return added
