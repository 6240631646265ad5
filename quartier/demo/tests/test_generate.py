import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry, Membership, Organisation, Role
from quartier.competences.models import CompetenceProfile
from quartier.counselling.models import Case, Contact
from quartier.demo.generate import PER_PERSON, generate_programme
from quartier.economy.models import Business, Vacancy
from quartier.learning.models import Offer, Registration
from quartier.people.models import EntryData, Participant
from quartier.places.sitepack import load_site_pack
from quartier.places.tests.conftest import NORDHAFEN

pytestmark = pytest.mark.django_db

PEOPLE = 200


@pytest.fixture
def generated(capsys):
    load_site_pack(NORDHAFEN)
    call_command("generate", "--participants", str(PEOPLE), "--seed", "7", verbosity=0)
    return capsys.readouterr().out


def test_generate_makes_a_programme_in_the_demos_proportions(generated):
    assert f"Generated {PEOPLE} participants" in generated
    with scopes_disabled():
        people = list(Participant.objects.all())
        assert EntryData.objects.count() == PEOPLE
        cases = Case.objects.count()
        assert 0.7 * PEOPLE < cases < 0.95 * PEOPLE  # six in seven
        assert 2 * cases < Contact.objects.count() < 4 * cases  # about three a case
        assert 0.25 * PEOPLE < CompetenceProfile.objects.count() < 0.55 * PEOPLE
        assert Registration.objects.filter(participant__isnull=False).count() > PEOPLE / 2
        # created, viewed twice, listed, and the case opened: the largest table
        assert AuditEntry.objects.filter(person__in=[str(p.public_id) for p in people]).count() > (
            3 * PEOPLE
        )
    assert Business.objects.count() == PEOPLE // 25
    assert Vacancy.objects.count() == 3  # one per three businesses
    assert Offer.objects.count() == PEOPLE // 200
    # Spread over the site's organisations and places, in several scripts.
    assert len({p.organisation_id for p in people}) == 2
    assert all(p.neighbourhood_id and p.quarter_id for p in people)
    assert {p.preferred_language for p in people} >= {"de", "ru", "uk", "vi", "ar"}
    assert any("ễ" in p.family_name or "ị" in p.given_name for p in people)
    # Search keys as the app makes them; Arabic names carry a Latin transliteration.
    assert all(p.search_key and p.search_key.isascii() for p in people)
    assert all(p.name_latin for p in people if p.preferred_language == "ar")


def test_a_generated_counsellor_lists_and_finds_generated_people(generated, client):
    organisation = Organisation.objects.order_by("slug").first()
    counsellor = Membership.objects.get(
        organisation=organisation, role=Role.COUNSELLOR, user__email__startswith="beratung1."
    ).user
    with scopes_disabled():
        someone = Participant.objects.filter(organisation=organisation).order_by("pk")[0]
    client.force_login(counsellor)

    listed = client.get("/en/staff/people/")
    assert listed.status_code == 200
    assert "participants" in listed.text.lower()

    # Typed in Latin letters, found in whatever script the name is written.
    found = client.get("/en/staff/people/", {"q": someone.search_key.split()[-1]})
    assert found.status_code == 200
    assert someone.family_name in found.text


def test_generate_loads_the_default_site_pack_into_an_empty_database(settings, tmp_path):
    settings.DEFAULT_SITE_PACK = NORDHAFEN
    call_command("generate", "--participants", "5", verbosity=0)
    with scopes_disabled():
        assert Participant.objects.count() == 5
    assert Organisation.objects.exists()


def test_the_same_seed_makes_the_same_people():
    load_site_pack(NORDHAFEN)

    def made() -> list[tuple]:
        with transaction.atomic():
            generate_programme(20, seed=11)
            with scopes_disabled():
                people = list(
                    Participant.objects.order_by("pk").values_list(
                        "public_id", "given_name", "family_name", "organisation__slug"
                    )
                )
                cases = list(Case.objects.order_by("pk").values_list("public_id", "opened_on"))
            transaction.set_rollback(True)
        return people + cases

    first = made()
    assert len(first) > 20
    assert made() == first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk load is PostgreSQL's")
def test_the_indexes_dropped_for_the_load_are_there_again_and_the_keys_hold(capsys):
    """``BulkLoad`` drops the per-person tables' secondary indexes and unique
    constraints while it copies, and may skip the foreign-key checks: afterwards every
    one is back, and every foreign key points at a row."""

    def indexes() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)",
                [[model._meta.db_table for model in PER_PERSON]],
            )
            return {name for (name,) in cursor.fetchall()}

    load_site_pack(NORDHAFEN)
    before = indexes()
    assert {"participant_search_key_trgm", "audit_org_person_time"} <= before
    call_command("generate", "--participants", str(PEOPLE), verbosity=0)
    assert indexes() == before
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone() == ("origin",)
    with scopes_disabled():
        people = set(Participant.objects.values_list("pk", flat=True))
        assert set(Case.objects.values_list("participant_id", flat=True)) <= people
        cases = set(Case.objects.values_list("pk", flat=True))
        assert set(Contact.objects.values_list("case_id", flat=True)) <= cases
