"""The employer view: pseudonymous profiles, only with the person's consent; contact requests."""

from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.competences.employers import views as employer_views
from quartier.competences.models import ContactRequest
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.services import ensure_profile
from quartier.competences.profile.skills import add_skills
from quartier.people.consent import record_consent, withdraw_consent
from quartier.people.intake import take_in
from quartier.people.models import Consent, Purpose
from quartier.places.models import Neighbourhood, Postcode, Quarter
from quartier.tests.pagination import next_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(db) -> Quarter:
    quarter = Quarter.objects.create(slug="ost", name="Leipziger Osten")
    neighbourhood = Neighbourhood.objects.create(slug="volkmarsdorf", name="Volk", quarter=quarter)
    Postcode.objects.create(code="04315", neighbourhood=neighbourhood)
    return quarter


@pytest.fixture
def amira(home_org, project, counsellor, esco, east):
    """A cook with every personal field filled in, who agreed to be shown to employers."""
    with scopes_disabled():
        person = take_in(
            home_org,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name="Amira",
            family_name="Nassar",
            date_of_birth=date(1987, 11, 23),
            email="amira.nassar@example.org",
            phone="0341 555 0199",
            street="Eisenbahnstraße 77",
            postcode="04315",
            city="Leipzig",
            preferred_language="ar",
            citizenships=["SY"],
        )
        add_qualification(
            person,
            counsellor,
            title_original="شهادة الطبخ من مدرسة حلب",
            title_de="Fachdiplom Kochkunst",
            country="SY",
            isced_level="4",
            year=2006,
            recognition_status="partial",
            reference_occupation=esco["cook"],
        )
        add_language(person, counsellor, language="de", understanding="B2", speaking="B1")
        add_skills(person, counsellor, [esco["cook"], esco["prepare"], esco["nutrition"]])
        add_experience(
            person,
            counsellor,
            title="Köchin",
            occupation=esco["cook"],
            country="SY",
            employer="Restaurant Zaytouna Aleppo",
            started_on=date(2009, 1, 1),
            ended_on=date(2014, 12, 1),
        )
        add_informal(
            person,
            counsellor,
            field="family",
            activity="Hat für Nachbarinnen gekocht",
            competence="Kocht für große Gruppen",
        )
        record_consent(person, Purpose.EMPLOYER_PROFILE, "ar", counsellor)
    return person


def profile_of(person):
    with scopes_disabled():
        return ensure_profile(person, None)


@pytest.fixture
def employer_client(client, personas):
    client.force_login(personas["employer"])
    return client


def candidate_url(person) -> str:
    return f"/en/staff/competences/candidates/{profile_of(person).public_code}/"


def ask(client, person, message="Trial day in our kitchen?", contact="Frau Berger, 0341 1234"):
    return client.post(candidate_url(person) + "contact/", {"message": message, "contact": contact})


# -- What employers see -----------------------------------------------------------


def test_an_employer_sees_the_profile_without_anything_that_identifies_the_person(
    employer_client, amira
):
    listing = employer_client.get("/en/staff/competences/candidates/")
    detail = employer_client.get(candidate_url(amira))
    assert listing.status_code == detail.status_code == 200
    for html in (listing.content.decode(), detail.content.decode()):
        assert "Leipziger Osten" in html  # the quarter, and only that
        assert "cook" in html  # the ESCO occupation, in the page language
        for personal in (
            "Amira",
            "Nassar",
            "1987",
            "23.11.",
            "amira.nassar@example.org",
            "0341 555",
            "Eisenbahnstra",
            "04315",
            "Syria",
            "Restaurant Zaytouna",  # an employer's name can identify a person
            "حلب",  # the title as written names a school and a city
            str(amira.public_id),
        ):
            assert personal not in html, personal
    html = detail.content.decode()
    assert "Fachdiplom Kochkunst" in html
    assert "Partially recognised" in html
    assert "6 years" in html  # January 2009 to December 2014, without the dates
    assert "Kocht für große Gruppen" in html


def test_without_consent_the_profile_does_not_exist_for_employers(
    employer_client, rami, counsellor, esco
):
    with scopes_disabled():
        add_skills(rami, counsellor, [esco["cook"]])
    assert (
        "Profile " not in employer_client.get("/en/staff/competences/candidates/").content.decode()
    )
    assert employer_client.get(candidate_url(rami)).status_code == 404
    assert ask(employer_client, rami).status_code == 404


def test_withdrawal_hides_the_profile_at_once_and_cancels_open_requests(
    employer_client, amira, counsellor
):
    assert ask(employer_client, amira).status_code == 302
    with scopes_disabled():
        consent = Consent.objects.get(participant=amira, purpose=Purpose.EMPLOYER_PROFILE)
        withdraw_consent(consent, counsellor)
        request = ContactRequest.objects.get()
        codes = list(AuditEntry.objects.values_list("code", flat=True))
    assert request.status == ContactRequest.Status.CANCELLED
    assert "competences.contact_request.cancelled" in codes
    assert employer_client.get(candidate_url(amira)).status_code == 404
    listing = employer_client.get("/en/staff/competences/candidates/").content.decode()
    assert "0 profiles" in listing
    mine = employer_client.get("/en/staff/competences/my-contact-requests/").content.decode()
    assert "Cancelled" in mine
    assert "The person no longer shares the profile." in mine


@pytest.mark.parametrize("persona", ["counsellor", "resident", "advisor", "no_role", "lead"])
def test_only_employers_may_browse_candidates(client, personas, amira, persona):
    client.force_login(personas[persona])
    assert client.get("/en/staff/competences/candidates/").status_code == 403
    assert client.get(candidate_url(amira)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, amira):
    response = client.get(candidate_url(amira))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_the_list_filters_by_skill_language_and_quarter(employer_client, amira, east):
    def count(**params) -> str:
        return employer_client.get("/en/staff/competences/candidates/", params).content.decode()

    assert "1 profile" in count(q="koch")  # folded: "Koch/Köchin"
    assert "1 profile" in count(q="prepare dishes")  # English label
    assert "0 profiles" in count(q="Tischler")
    assert "1 profile" in count(language="de")
    assert "0 profiles" in count(language="vi")
    assert "1 profile" in count(quarter=east.pk)


def test_the_candidate_list_uses_a_fixed_number_of_queries(
    employer_client, amira, rami, counsellor, esco, django_assert_num_queries
):
    with scopes_disabled():
        add_skills(rami, counsellor, [esco["hygiene"]])
        record_consent(rami, Purpose.EMPLOYER_PROFILE, "ar", counsellor)
    # session, user, memberships, the employer's organisation, count, page of profiles
    # (with participant and quarter), qualifications, their reference occupations' labels,
    # languages, skills (with concepts), their labels, experience (with occupations),
    # their labels, informal competences, the quarters of the filter, the audit entry.
    with django_assert_num_queries(16):
        response = employer_client.get("/en/staff/competences/candidates/")
    assert response.content.decode().count('class="candidate"') == 2


def test_the_candidate_page_uses_a_fixed_number_of_queries(
    employer_client, amira, django_assert_num_queries
):
    url = candidate_url(amira)
    # session, user, memberships, the employer's organisation, the profile (with
    # participant, quarter and holding organisation), qualifications, their reference
    # occupations' labels, languages, skills, their labels, experience, their labels,
    # informal competences, the audit entry, the employer's own request.
    with django_assert_num_queries(15):
        assert employer_client.get(url).status_code == 200


def test_the_filter_and_the_page_links_keep_each_other(
    employer_client, amira, rami, counsellor, esco, monkeypatch
):
    monkeypatch.setattr(employer_views, "PAGE_SIZE", 1)
    with scopes_disabled():
        add_language(rami, counsellor, language="de", understanding="A2", speaking="A2")
        add_skills(rami, counsellor, [esco["hygiene"]])
        record_consent(rami, Purpose.EMPLOYER_PROFILE, "ar", counsellor)
    url = "/en/staff/competences/candidates/"
    assert employer_client.get(url).context["page"].paginator.count == 2
    assert employer_client.get(url, {"q": "koch"}).context["page"].paginator.count == 1
    first = employer_client.get(url, {"language": "de"})
    assert next_link(first) == "?language=de&page=2"
    second = employer_client.get(url + next_link(first))
    assert second.context["page"].number == 2
    assert second.context["page"].paginator.count == 2
    assert second.context["form"]["language"].value() == "de"
    with scopes_disabled():
        listed = AuditEntry.objects.filter(code="competences.candidates.listed").latest("pk")
    assert listed.data == {"page": 2, "shown": 1}


# -- Contact requests -----------------------------------------------------------------


def test_an_employer_asks_the_counsellor_answers_and_the_employer_sees_the_answer(
    client, personas, amira
):
    client.force_login(personas["employer"])
    response = ask(client, amira)
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/competences/my-contact-requests/"
    with scopes_disabled():
        request = ContactRequest.objects.get()
    assert request.status == ContactRequest.Status.OPEN
    assert "Open" in client.get("/en/staff/competences/my-contact-requests/").content.decode()
    # Asking twice adds nothing.
    again = ask(client, amira)
    assert again.status_code == 200
    assert "already asked" in again.content.decode()

    client.force_login(personas["counsellor"])
    listing = client.get("/en/staff/competences/contact-requests/").content.decode()
    assert "1 open request" in listing
    assert "Amira Nassar" in listing  # the counsellor knows the person
    url = f"/en/staff/competences/contact-requests/{request.public_id}/"
    assert client.get(url).status_code == 200
    assert client.post(url + "asked/").status_code == 302
    answered = client.post(url, {"decision": "yes", "answer": "She will call you on Monday."})
    assert answered.status_code == 302
    with scopes_disabled():
        request.refresh_from_db()
    assert request.status == ContactRequest.Status.ACCEPTED
    assert request.asked_by == personas["counsellor"]
    assert request.answered_by == personas["counsellor"]

    client.force_login(personas["employer"])
    mine = client.get("/en/staff/competences/my-contact-requests/").content.decode()
    assert "Accepted" in mine
    assert "She will call you on Monday." in mine
    assert "Amira" not in mine


def test_accepting_needs_an_answer_for_the_employer(client, personas, amira):
    client.force_login(personas["employer"])
    ask(client, amira)
    with scopes_disabled():
        request = ContactRequest.objects.get()
    client.force_login(personas["counsellor"])
    url = f"/en/staff/competences/contact-requests/{request.public_id}/"
    response = client.post(url, {"decision": "yes", "answer": ""})
    assert response.status_code == 200
    assert "Tell the employer how the contact will happen" in response.content.decode()
    with scopes_disabled():
        request.refresh_from_db()
    assert request.status == ContactRequest.Status.OPEN


def test_an_empty_request_is_refused_with_a_message(employer_client, amira):
    response = ask(employer_client, amira, message="  ", contact="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    with scopes_disabled():
        assert not ContactRequest.objects.exists()


def test_another_organisation_cannot_see_or_answer_the_requests(client, personas, amira):
    client.force_login(personas["employer"])
    ask(client, amira)
    with scopes_disabled():
        request = ContactRequest.objects.get()
    client.force_login(personas["outsider"])
    assert (
        "0 open requests" in client.get("/en/staff/competences/contact-requests/").content.decode()
    )
    url = f"/en/staff/competences/contact-requests/{request.public_id}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "no", "answer": ""}).status_code == 404
    assert client.post(url + "asked/").status_code == 404
    with scopes_disabled():
        request.refresh_from_db()
    assert request.status == ContactRequest.Status.OPEN


def test_the_request_list_uses_a_fixed_number_of_queries(
    client, personas, amira, django_assert_num_queries
):
    client.force_login(personas["employer"])
    ask(client, amira)
    client.force_login(personas["counsellor"])
    # session, user, memberships, count, the page (with profile, person and employer)
    with django_assert_num_queries(5):
        assert client.get("/en/staff/competences/contact-requests/").status_code == 200


def test_erasure_ends_requests_and_deletes_the_passport_file_but_the_code_still_verifies(
    client, personas, amira, counsellor
):
    from quartier.competences.models import Passport
    from quartier.competences.passport.services import issue_passport, render_passport
    from quartier.people.rights import request_erasure

    client.force_login(personas["employer"])
    ask(client, amira)
    with scopes_disabled():
        passport, _new = issue_passport(amira, counsellor)
        render_passport(passport.pk)
        request_erasure(amira, counsellor)
        passport.refresh_from_db()
        # Cancelled, or gone with the profile: nothing is left open either way.
        assert not ContactRequest.objects.filter(status__in=["open", "asked"]).exists()
    assert passport.withdrawn_at is not None
    assert not passport.pdf
    assert client.get(candidate_url(amira)).status_code == 404
    client.logout()
    page = client.get(f"/en/passport/verify/{passport.code}/")
    assert page.status_code == 200
    assert "Beratung Ost" in page.content.decode()
    with scopes_disabled():
        assert Passport.objects.filter(pk=passport.pk).exists()
