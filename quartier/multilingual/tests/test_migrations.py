"""Rows written before the texts became MultilingualFields read back unchanged after migrating."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from quartier.learning.models import Offer
from quartier.multilingual.texts import MultilingualText
from quartier.places.models import ContactPoint

BEFORE = [("learning", "0002_appointment_token_derived"), ("places", "0001_initial")]
AFTER = [("learning", "0003_multilingual_fields"), ("places", "0002_multilingual_fields")]
TITLE = {"de": "Nachbarschaftstisch", "ar": "طاولة الجيران", "vi": "Bàn hàng xóm"}
NOTE = {"pt": "Por favor toque.", "de": "Bitte klingeln."}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_offers_and_contact_points_read_back_the_same():
    old = migrate(BEFORE)
    organisation = old.get_model("accounts", "Organisation").objects.create(
        slug="traeger", name="Träger", kind="counselling"
    )
    offer = old.get_model("learning", "Offer").objects.create(
        organisation=organisation, kind="table", title=TITLE, description={}, languages=["de"]
    )
    point = old.get_model("places", "ContactPoint").objects.create(
        slug="hof", name="Hof", street="Hofweg 1", postcode="01001", city="Stadt", note=NOTE
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM learning_offer WHERE id = %s", [offer.pk])
        stored_before = cursor.fetchone()[0]
    try:
        new = migrate(AFTER)
        with connection.cursor() as cursor:
            cursor.execute("SELECT title FROM learning_offer WHERE id = %s", [offer.pk])
            stored_after = cursor.fetchone()[0]
        assert stored_after == stored_before

        read = Offer.objects.get(pk=offer.pk)
        # Key order is the database's: SQLite keeps the text, PostgreSQL's jsonb its own.
        raw = stored_before if isinstance(stored_before, dict) else json.loads(stored_before)
        assert read.title == TITLE and list(read.title) == list(raw)
        assert isinstance(read.title, MultilingualText) and read.description == {}
        assert ContactPoint.objects.get(pk=point.pk).note == NOTE
        assert new.get_model("learning", "Offer").objects.get(pk=offer.pk).title == TITLE
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
