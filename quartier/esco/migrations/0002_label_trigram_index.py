from django.db import migrations

from quartier.database import trigram_index


class Migration(migrations.Migration):
    # The label search (`esco.search`) matches `normalised LIKE '%word%'`.
    dependencies = [("esco", "0001_initial")]

    operations = [trigram_index("esco_label", "normalised", "esco_label_normalised_trgm")]
