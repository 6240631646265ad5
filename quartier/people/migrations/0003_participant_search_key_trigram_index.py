from django.db import migrations

from quartier.database import trigram_index


class Migration(migrations.Migration):
    # The participant list, the API and the duplicate check match `search_key LIKE '%word%'`.
    dependencies = [("people", "0002_participant_erasure_requested_at")]

    operations = [
        trigram_index("people_participant", "search_key", "participant_search_key_trgm"),
    ]
