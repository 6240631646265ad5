from django.db import migrations

from quartier.database import trigram_index


class Migration(migrations.Migration):
    # The business register's search (businesses/filters.py), its picker and the API match
    # each word with `__icontains` on the name, street and short name, which PostgreSQL
    # runs as `UPPER("name"::text) LIKE UPPER('%word%')`, and the postcode's start with
    # `LIKE 'word%'`. One GIN index over the four expressions answers each of them (the
    # words' OR becomes a BitmapOr over the same index).
    dependencies = [("economy", "0004_vacancy_status_index")]

    operations = [
        trigram_index(
            "economy_business",
            "name",
            "business_search_trgm",
            expressions=[
                'UPPER("name"::text)',
                'UPPER("street"::text)',
                'UPPER("slug"::text)',
                '"postcode"::text',
            ],
        ),
    ]
