"""The business register: adding, listing, reading and editing businesses and contacts."""

# ruff: noqa: F811 (fixtures imported from businesses_fixtures)

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartier.economy.advice import views as advice_views
from quartier.economy.businesses import views as business_views
from quartier.economy.businesses.register import save_contact
from quartier.economy.models import Business, ContactPerson, Sector
from quartier.economy.network import views as network_views
from quartier.economy.tests.businesses_fixtures import (  # noqa: F401
    audit_entries,
    east,
    gastronomy,
    make_business,
)
from quartier.tests.pagination import next_link, walk

pytestmark = pytest.mark.django_db

LIST = "/de/staff/economy/businesses/"


def form_data(**values):
    data = {
        "name": "Falafel am Rabet",
        "slug": "",
        "legal_form": "sole",
        "sector": Sector.objects.get(slug="gastronomy").pk,
        "staff_count": "4",
        "size_class": "",
        "street": "Eisenbahnstraße",
        "house_number": "101",
        "postcode": "04315",
        "city": "Leipzig",
        "languages": ["ar", "de"],
        "migrant_economy": "yes",
        "status": "active",
        "website": "https://falafel.example.org",
        "social_media": "instagram https://instagram.example.org/falafel",
        "opening_hours": "Mo–Sa 11–22",
        "interest_in_hiring": "on",
    }
    data.update(values)
    return {key: value for key, value in data.items() if value is not None}


def test_an_advisor_adds_a_business_and_its_place_and_size_are_derived(client, personas, east):
    client.force_login(personas["advisor"])
    response = client.post(f"{LIST}new/", form_data())
    business = Business.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}falafel-am-rabet/"
    assert business.neighbourhood == east
    assert business.quarter.slug == "ost"
    assert business.size_class == "micro"
    assert business.languages == ["ar", "de"]
    assert business.migrant_economy is True
    assert business.social_media == {"instagram": "https://instagram.example.org/falafel"}
    entry = audit_entries().get(code="economy.business.created")
    assert entry.subject_id == str(business.pk)


def test_a_bad_website_is_explained_and_nothing_is_saved(client, personas, east):
    client.force_login(personas["advisor"])
    response = client.post(f"{LIST}new/", form_data(website="not a web address"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["website"]
    assert not Business.objects.exists()


def test_a_second_business_of_the_same_name_gets_its_own_short_name(make_business):
    first = make_business("Bäckerei Sonnenschein")
    second = make_business("Bäckerei Sonnenschein", street="Konradstraße")
    assert (first.slug, second.slug) == ("backerei-sonnenschein", "backerei-sonnenschein-2")


def test_the_list_filters_by_sector_language_and_training(client, personas, make_business):
    make_business("Saigon Markt", sector=Sector.objects.get(slug="food-retail"), languages=["vi"])
    make_business("Damaskus Grill", sector=Sector.objects.get(slug="gastronomy"), languages=["ar"])
    make_business("Tischlerei Ost", sector=Sector.objects.get(slug="crafts"), trains=True)
    client.force_login(personas["counsellor"])
    page = client.get(LIST, {"language": "vi"}).content.decode()
    assert "Saigon Markt" in page and "Damaskus Grill" not in page
    page = client.get(LIST, {"sector": "gastronomy"}).content.decode()
    assert "Damaskus Grill" in page and "Saigon Markt" not in page
    page = client.get(LIST, {"trains": "yes"}).content.decode()
    assert "Tischlerei Ost" in page and "Saigon Markt" not in page
    page = client.get(LIST, {"q": "grill"}).content.decode()
    assert "Damaskus Grill" in page and "Tischlerei Ost" not in page


def test_the_list_uses_a_fixed_number_of_queries(
    client, personas, make_business, django_assert_num_queries
):
    for number in range(30):
        make_business(f"Laden {number}", sector=Sector.objects.get(slug="retail"))
    client.force_login(personas["viewer"])
    # session, user, memberships (roles and navigation), the filter form's sectors,
    # quarters and neighbourhoods, the page of businesses (with sector, neighbourhood
    # and quarter joined, and whether each was advised on site), and the count.
    with django_assert_num_queries(8):
        response = client.get(LIST, {"status": "active"})
    assert response.status_code == 200
    assert response.context["page"].count == 30


def test_the_business_page_uses_a_fixed_number_of_queries(
    client, personas, make_business, django_assert_num_queries, monkeypatch
):
    # the other parts' sections are theirs (their own tests count their queries)
    monkeypatch.setattr(advice_views, "business_section", lambda request, business: None)
    monkeypatch.setattr(network_views, "business_section", lambda request, business: None)
    business = make_business("Damaskus Grill")
    for name in ("Rana Haddad", "Omar Haddad", "Lina Haddad"):
        save_contact(business, None, {"name": name}, personas["advisor"])
    client.force_login(personas["viewer"])
    # session, user, memberships, the business (with sector, neighbourhood, quarter),
    # its contacts, the reader's organisation and the audit entry of the read, the
    # alliance parts (with alliance, lead business and occupation), the training steps.
    with django_assert_num_queries(9):
        assert client.get(f"{LIST}{business.slug}/").status_code == 200


def test_the_business_page_shows_contacts_and_audits_reading_them(
    client, personas, make_business, django_assert_num_queries
):
    business = make_business("Damaskus Grill")
    save_contact(
        business,
        None,
        {"name": "Rana Haddad", "role": "Inhaberin", "phone": "0341 1234"},
        personas["advisor"],
    )
    client.force_login(personas["counsellor"])
    before = audit_entries(code="economy.contact.viewed").count()
    response = client.get(f"{LIST}{business.slug}/")
    page = response.content.decode()
    assert "Rana Haddad" in page
    assert audit_entries(code="economy.contact.viewed").count() == before + 1
    # session, user, memberships, the business (with sector, neighbourhood, quarter),
    # contacts, the acting user's organisation and the audit entry, the training steps,
    # the alliance parts, plus the advice and network sections.
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{LIST}{business.slug}/")
    count = len(queries)
    save_contact(business, None, {"name": "Omar Haddad"}, personas["advisor"])
    with django_assert_num_queries(count):
        client.get(f"{LIST}{business.slug}/")


def test_an_employer_edits_its_own_business_but_not_another(
    client, personas, business_org, make_business
):
    own = make_business("Bäckerei am Platz", organisation=business_org)
    other = make_business("Konkurrenz-Bäckerei")
    client.force_login(personas["employer"])
    assert client.get("/de/staff/economy/my-business/")["Location"] == f"{LIST}{own.slug}/edit/"
    response = client.post(
        f"{LIST}{own.slug}/edit/",
        form_data(name="Bäckerei am Platz", languages=["de", "ru"], slug="taken-over"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.languages == ["de", "ru"]
    assert own.slug == "backerei-am-platz"  # an employer cannot change the short name
    assert client.get(f"{LIST}{other.slug}/edit/").status_code == 404
    assert client.post(f"{LIST}{other.slug}/edit/", form_data(name="Übernommen")).status_code == 404
    other.refresh_from_db()
    assert other.name == "Konkurrenz-Bäckerei"
    # The staff register itself is not the employer's.
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize("persona", ["resident", "employer", "no_role"])
def test_people_outside_the_programme_staff_are_refused_the_register(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(LIST).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_a_counsellor_reads_but_does_not_add_or_change(client, personas, make_business):
    business = make_business("Damaskus Grill")
    client.force_login(personas["counsellor"])
    assert client.get(f"{LIST}{business.slug}/").status_code == 200
    assert client.get(f"{LIST}new/").status_code == 403
    assert client.get(f"{LIST}{business.slug}/edit/").status_code == 403
    assert client.get(f"{LIST}{business.slug}/contacts/new/").status_code == 403


def test_contacts_are_added_and_removed_with_an_audit_trail(client, personas, make_business):
    business = make_business("Damaskus Grill")
    client.force_login(personas["advisor"])
    response = client.post(
        f"{LIST}{business.slug}/contacts/new/", {"name": "Rana Haddad", "email": "rana@example.org"}
    )
    assert response.status_code == 302
    contact = ContactPerson.objects.get()
    assert client.post(f"{LIST}{business.slug}/contacts/new/", {"name": ""}).status_code == 200
    assert ContactPerson.objects.count() == 1
    client.post(f"{LIST}{business.slug}/contacts/{contact.pk}/remove/")
    assert not ContactPerson.objects.exists()
    codes = set(audit_entries().values_list("code", flat=True))
    assert {"economy.contact.added", "economy.contact.removed"} <= codes


def test_the_business_page_shows_the_advice_then_the_network_section(
    client, personas, make_business
):
    business = make_business("Damaskus Grill")
    client.force_login(personas["lead"])
    page = client.get(f"/en/staff/economy/businesses/{business.slug}/").content.decode()
    assert page.index("Vacancies and on-site consulting") < page.index("Premises and cooperation")


def test_the_list_filters_supported_smes_and_places(client, personas, make_business):
    from quartier.economy.advice.consultations import record_consultation

    advised = make_business("Beraten GmbH")
    make_business("Nie beraten", postcode="04318")
    record_consultation(advised, personas["advisor"], topics=["staffing"])
    client.force_login(personas["lead"])
    page = client.get(LIST, {"supported": "yes"}).content.decode()
    assert "Beraten GmbH" in page and "Nie beraten" not in page
    page = client.get(LIST, {"supported": "no"}).content.decode()
    assert "Nie beraten" in page and "Beraten GmbH" not in page
    page = client.get(LIST, {"neighbourhood": "anger"}).content.decode()
    assert "Nie beraten" in page and "Beraten GmbH" not in page
    page = client.get(LIST, {"quarter": "ost"}).content.decode()
    assert "Nie beraten" in page and "Beraten GmbH" in page
    response = client.get(LIST, {"quarter": "nowhere"})  # an unknown quarter: the form says so
    assert "quarter" in response.context["form"].errors
    assert response.context["page"].count == 0


def test_an_employer_without_a_business_profile_is_told_so(client, personas, east):
    client.force_login(personas["employer"])
    response = client.get("/en/staff/economy/my-business/")
    assert response.status_code == 200
    assert "No business profile belongs to your organisation yet." in response.content.decode()


def test_the_filter_and_the_page_links_keep_each_other(
    client, personas, make_business, monkeypatch
):
    monkeypatch.setattr(business_views, "PAGE_SIZE", 2)
    for number in range(3):
        make_business(f"Laden {number}", sector=Sector.objects.get(slug="retail"))
    make_business("Damaskus Grill", sector=Sector.objects.get(slug="gastronomy"))
    client.force_login(personas["viewer"])
    first = client.get(LIST, {"sector": "retail"})
    assert next_link(first).startswith("?sector=retail&cursor=")
    second = client.get(LIST + next_link(first))
    assert second.context["page"].number == 2
    assert second.context["page"].count == 3
    assert second.context["form"]["sector"].value() == "retail"
    assert "Laden" in second.content.decode()
    assert "Damaskus Grill" not in second.content.decode()


def register_slugs(response) -> list[str]:
    return [business.slug for business in response.context["page"]]


def test_the_register_pages_forward_and_back_with_each_business_once(
    client, personas, monkeypatch, settings
):
    monkeypatch.setattr(business_views, "PAGE_SIZE", 6)
    # Seven names for 40 businesses: pages break inside namesakes.
    Business.objects.bulk_create(
        Business(name=f"Laden {number % 7}", slug=f"laden-{number:03}") for number in range(40)
    )
    client.force_login(personas["viewer"])
    forward, backward = walk(client, LIST, {"status": "active"}, register_slugs)
    expected = list(Business.objects.order_by("name", "pk").values_list("slug", flat=True))
    assert [slug for page in forward for slug in page] == expected
    assert [len(page) for page in forward] == [6, 6, 6, 6, 6, 6, 4]
    assert backward == list(reversed(forward))
    first = register_slugs(client.get(LIST))
    assert register_slugs(client.get(LIST, {"cursor": "kaputt"})) == first
    settings.KEYSET_COUNT_CAP = 30
    assert "Mehr als 30 Unternehmen" in client.get(LIST).content.decode()


@pytest.mark.parametrize("count", [30, 300])
def test_the_register_costs_the_same_queries_at_30_and_300(
    client, personas, count, django_assert_num_queries
):
    Business.objects.bulk_create(
        Business(name=f"Laden {number % 7}", slug=f"laden-{number:03}") for number in range(count)
    )
    client.force_login(personas["viewer"])
    # session, user, memberships (roles and navigation), the filter form's sectors,
    # quarters and neighbourhoods, the page of businesses (with sector, neighbourhood
    # and quarter joined, and whether each was advised on site), the count.
    with django_assert_num_queries(8):
        response = client.get(LIST, {"status": "active"})
    assert len(response.context["page"]) == min(count, 50)
    if response.context["page"].next_cursor:
        with django_assert_num_queries(8):
            client.get(LIST, {"status": "active", "cursor": response.context["page"].next_cursor})
