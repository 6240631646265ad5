"""The table of the shared cache (settings.CACHES): the public forms' limits live there."""

from django.db import migrations

from quartier.database import cache_table


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [cache_table("quartier_cache")]
