import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from quartier.people.models import EntryData, Participant
from quartier.places.sitepack import load_site_pack
from quartier.places.tests.conftest import NORDHAFEN

pytestmark = pytest.mark.django_db


def test_generate_makes_participants_with_entry_data_across_the_sites_places(capsys):
    load_site_pack(NORDHAFEN)
    call_command("generate", "--participants", "300", "--seed", "7")
    assert "Generated 300 participants" in capsys.readouterr().out
    with scopes_disabled():
        people = list(Participant.objects.all())
        assert EntryData.objects.count() == 300
    assert len(people) == 300
    assert len({p.organisation_id for p in people}) > 1
    assert all(p.neighbourhood_id for p in people)
    assert {p.preferred_language for p in people} >= {"de", "ru", "uk", "vi", "ar"}
    assert all(p.search_key for p in people)
    # Names in Arabic script carry a Latin transliteration for search.
    assert all(p.name_latin for p in people if p.preferred_language == "ar")


def test_generate_needs_a_site_pack():
    with pytest.raises(CommandError, match="load a site pack first"):
        call_command("generate", "--participants", "5")
