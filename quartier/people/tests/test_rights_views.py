"""Staff pages for a person's rights: consent sheet, export, erasure; and who may use them."""

import io
import json
from datetime import date

import pytest
from django_scopes import scopes_disabled
from pypdf import PdfReader

from quartier.accounts.models import AuditEntry
from quartier.people.consent import CURRENT_WORDING, has_consent, record_consent
from quartier.people.intake import take_in
from quartier.people.models import Participant, Purpose
from quartier.people.rights import anonymise_participants
from quartier.tests.downloads import fetch_file, file_link, read_file, request_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


@pytest.fixture
def olena(home_org, project, east, counsellor):
    participant = take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Олена",
        family_name="Шевченко",
        name_latin="Olena Shevchenko",
        date_of_birth=date(1988, 4, 2),
        email="olena@example.org",
        street="Eisenbahnstraße 1",
        postcode="01234",
        languages=["uk", "ru", "de"],
        preferred_language="uk",
        citizenships=["UA"],
    )
    record_consent(participant, Purpose.ESF_NOTICE, "uk", counsellor)
    record_consent(participant, Purpose.PHOTOS, "uk", counsellor)
    return participant


def url(person, suffix: str) -> str:
    return f"/en/staff/people/{person.public_id}/{suffix}"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def audit_codes() -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.order_by("id").values_list("code", flat=True))


def reloaded(person) -> Participant:
    with scopes_disabled():
        return Participant.objects.get(pk=person.pk)


# -- The information and consent sheet -----------------------------------------------


@pytest.fixture
def fetch(client, django_capture_on_commit_callbacks):
    """Ask for a file as the signed-in user does and open it when it is ready."""

    def fetch(address: str, data: dict | None = None):
        return fetch_file(client, django_capture_on_commit_callbacks, address, data)

    return fetch


def test_the_consent_sheet_is_a_pdf_in_the_persons_language(client, fetch, olena, counsellor):
    client.force_login(counsellor)
    response = fetch(url(olena, "consent-sheet.pdf"))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Олена Шевченко" in text
    assert "Фото на заходах" in text  # "Photos at events" from the Ukrainian catalogue
    assert CURRENT_WORDING[Purpose.PHOTOS] in text
    with scopes_disabled():
        printed = AuditEntry.objects.get(code="people.consent.sheet_printed")
    assert (printed.actor, printed.subject_id, printed.data) == (
        counsellor,
        str(olena.pk),
        {"language": "uk"},
    )


def test_the_consent_sheet_can_be_printed_in_another_language(client, fetch, olena, lead):
    client.force_login(lead)
    response = fetch(url(olena, "consent-sheet.pdf"), {"language": "de"})
    assert "Fotos bei Veranstaltungen" in pdf_text(response)


# -- Export ------------------------------------------------------------------------


def test_the_json_export_holds_everything_and_is_audited(client, fetch, olena, counsellor):
    client.force_login(counsellor)
    response = fetch(url(olena, "export.json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    person = data["sections"]["participant"][0]
    assert (person["given_name"], person["email"], person["date_of_birth"]) == (
        "Олена",
        "olena@example.org",
        "1988-04-02",
    )
    assert [c["purpose"] for c in data["sections"]["consents"]] == ["esf_notice", "photos"]
    assert data["sections"]["entry_data"][0]["entry_date"] == "2026-03-02"
    with scopes_disabled():
        exported = AuditEntry.objects.get(code="people.participant.exported")
    assert (exported.actor, exported.data["format"]) == (counsellor, "json")


def test_the_json_export_queries_the_same_number_of_times_as_data_grows(
    client, fetch, olena, counsellor, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    for purpose in (Purpose.SURVEYS, Purpose.CONTACT_EMAIL, Purpose.CONTACT_SMS):
        record_consent(olena, purpose, "uk", counsellor)
    fetch(url(olena, "export.json"))  # more audit entries, too
    # The request: 1 session, 2 user, 3 memberships, 4 participant with organisation,
    # project and places; 5 savepoint, 6 audit insert, 7 savepoint, 8 download insert,
    # 9-10 release savepoints. The task: 11 claim the download, 12 the download with its
    # requester, 13 the requester's memberships (the scope it acts in), 14 participant;
    # 15 entry data, 16 consents with recipients, 17 audit entries with organisations;
    # 18-22 the counselling sections (cases, goals, contacts, referrals, shares); 23-30
    # competences (profile, qualifications, languages, experience, skills, informal
    # competences, passports, contact requests); 31-34 learning (appointments, visits,
    # registrations, attendance); 35-36 economy (founders, vacancies filled); 37 mark
    # the download ready.
    with django_assert_num_queries(37):
        address = request_file(
            client, django_capture_on_commit_callbacks, url(olena, "export.json")
        )
    response = read_file(client, file_link(client.get(address)))
    assert len(json.loads(response.content)["sections"]["consents"]) == 5


def test_the_pdf_export_is_readable_in_the_persons_language(client, fetch, olena, lead):
    client.force_login(lead)
    response = fetch(url(olena, "export.pdf"))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Олена" in text
    assert "olena@example.org" in text
    assert "Eisenbahnstraße 1" in text
    with scopes_disabled():
        exported = AuditEntry.objects.get(code="people.participant.exported")
    assert (exported.actor, exported.data["format"]) == (lead, "pdf")


# -- Erasure -----------------------------------------------------------------------


def test_the_erasure_page_explains_what_goes_and_what_stays(
    client, olena, counsellor, django_assert_num_queries
):
    client.force_login(counsellor)
    # 1 session, 2 user, 3 memberships (cached for the navigation too), 4 participant
    # with organisation, project and places, 5 audit insert (the page shows the person).
    with django_assert_num_queries(5):
        response = client.get(url(olena, "erase/"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Erased at once" in content
    assert "Kept for the ESF Plus monitoring" in content
    assert "Dec. 31, 2031" in content
    assert audit_codes()[-1] == "people.participant.viewed"


def test_erasure_needs_a_confirmation(client, olena, counsellor):
    client.force_login(counsellor)
    response = client.post(url(olena, "erase/"), {})
    assert response.status_code == 200
    assert "Please confirm that the person asked for erasure." in response.content.decode()
    assert reloaded(olena).email == "olena@example.org"
    assert "people.participant.erasure_requested" not in audit_codes()


def test_erasure_deletes_consent_based_data_and_returns_to_the_page(client, olena, lead):
    client.force_login(lead)
    response = client.post(url(olena, "erase/"), {"confirm": "on"}, follow=True)
    assert response.redirect_chain == [(url(olena, "erase/"), 302)]
    assert "The consent-based data was erased." in response.content.decode()
    assert "Erasure was requested on March 10, 2026." in response.content.decode()
    olena = reloaded(olena)
    assert (olena.email, olena.street, olena.name_latin) == ("", "", "")
    assert olena.given_name == "Олена"
    assert not has_consent(olena, Purpose.PHOTOS)
    assert has_consent(olena, Purpose.ESF_NOTICE)
    assert "people.participant.erasure_requested" in audit_codes()


# -- Refusals ----------------------------------------------------------------------

PAGES = ["consent-sheet.pdf", "export.json", "export.pdf", "erase/"]


@pytest.mark.parametrize("page", PAGES)
def test_another_organisation_gets_not_found(client, olena, personas, page):
    client.force_login(personas["outsider"])
    assert client.get(url(olena, page)).status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "advisor", "viewer", "admin", "resident"])
@pytest.mark.parametrize("page", PAGES)
def test_other_roles_are_refused(client, olena, personas, persona, page):
    client.force_login(personas[persona])
    assert client.get(url(olena, page)).status_code == 403


def test_another_organisation_cannot_erase(client, olena, personas):
    client.force_login(personas["outsider"])
    assert client.post(url(olena, "erase/"), {"confirm": "on"}).status_code == 404
    assert reloaded(olena).email == "olena@example.org"


def test_a_wrong_role_cannot_erase(client, olena, personas):
    client.force_login(personas["coordinator"])
    assert client.post(url(olena, "erase/"), {"confirm": "on"}).status_code == 403
    assert reloaded(olena).email == "olena@example.org"


def test_nothing_is_exported_to_another_organisation(client, olena, personas):
    client.force_login(personas["outsider"])
    client.get(url(olena, "export.json"))
    assert "people.participant.exported" not in audit_codes()


def test_anonymous_visitors_are_sent_to_sign_in(client, olena):
    response = client.get(url(olena, "export.json"))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_the_person_page_links_to_the_rights_for_those_who_may_use_them(
    client, olena, counsellor, personas
):
    client.force_login(counsellor)
    content = client.get(f"/en/staff/people/{olena.public_id}/").content.decode()
    for suffix in PAGES:
        assert f'href="{url(olena, suffix)}"' in content, suffix
    client.force_login(personas["coordinator"])
    content = client.get(f"/en/staff/people/{olena.public_id}/").content.decode()
    assert url(olena, "erase/") not in content


def test_an_anonymised_record_says_so_and_offers_no_erasure(client, olena, counsellor):
    anonymise_participants([olena.pk])
    client.force_login(counsellor)
    content = client.get(url(olena, "erase/")).content.decode()
    assert "This record was anonymised on March 10, 2026." in content
    assert "Erase now" not in content
    assert client.post(url(olena, "erase/"), {"confirm": "on"}).status_code == 200
    assert "people.participant.erasure_requested" not in audit_codes()
