from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.people import parts
from quartier.people.consent import record_consent, withdraw_consent
from quartier.people.intake import take_in
from quartier.people.models import Consent, Purpose
from quartier.people.person import PeoplePart

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-03-10 10:00 +01:00", tick=False)


@pytest.fixture
def olena(home_org, project, east, counsellor):
    return take_in(
        home_org,
        project,
        counsellor,
        date(2026, 3, 2),
        given_name="Олена",
        family_name="Шевченко",
        name_latin="Olena Shevchenko",
        date_of_birth=date(1988, 4, 2),
        postcode="01234",
        languages=["uk", "ru", "de"],
        preferred_language="uk",
        citizenships=["UA"],
    )


def url(person, suffix="") -> str:
    return f"/en/staff/people/{person.public_id}/{suffix}"


def test_the_person_page_shows_everything_and_is_audited(client, olena, counsellor, east):
    record_consent(olena, Purpose.ESF_NOTICE, "uk", counsellor)
    client.force_login(counsellor)
    response = client.get(url(olena))
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Олена Шевченко",
        "Olena Shevchenko",
        "Arbeit im Quartier",
        east.name,
        east.quarter.name,
        "Ukrainian",
        "Russian, German",
        "Ukraine",
        "third-country national",
        "Entry data due by March 30, 2026.",
        "ESF monitoring notice",
        "Information given: ESF monitoring notice",
        "Taken in",
    ):
        assert text in content, text
    with scopes_disabled():
        viewed = AuditEntry.objects.get(code="people.participant.viewed")
    assert (viewed.actor, viewed.subject_id) == (counsellor, str(olena.pk))


def test_overdue_entry_data_are_highlighted(client, olena, counsellor, time_machine):
    time_machine.move_to("2026-04-01 10:00 +02:00", tick=False)
    client.force_login(counsellor)
    content = client.get(url(olena)).content.decode()
    assert "Entry data were due by March 30, 2026 and are overdue." in content
    assert "notice error entry-due" in content


def test_another_organisation_gets_a_404(client, olena, personas):
    client.force_login(personas["outsider"])
    for suffix in ("", "edit/", "entry-data/", "consents/new/"):
        assert client.get(url(olena, suffix)).status_code == 404
    with scopes_disabled():
        assert not AuditEntry.objects.filter(code="people.participant.viewed").exists()


@pytest.mark.parametrize("role", ["advisor", "viewer", "admin", "employer", "resident"])
def test_wrong_roles_are_refused(client, olena, personas, role):
    client.force_login(personas[role])
    for suffix in ("", "edit/", "entry-data/", "consents/new/"):
        assert client.get(url(olena, suffix)).status_code == 403


def test_the_timeline_gathers_every_registered_provider_newest_first(
    client, olena, counsellor, monkeypatch, time_machine
):
    time_machine.move_to("2026-03-12 10:00 +01:00", tick=False)
    consent = record_consent(olena, Purpose.COUNSELLING, "uk", counsellor)
    time_machine.move_to("2026-03-13 10:00 +01:00", tick=False)
    withdraw_consent(consent, counsellor)

    def contacts(participant, user):
        assert participant == olena and user == counsellor
        return [{"when": date(2026, 3, 11), "kind": "contact", "title": "Talked", "url": "/x/"}]

    class Contacts(parts.PersonPart):
        def timeline_entries(self, participant, user):
            return contacts(participant, user)

    monkeypatch.setattr(parts, "person_parts", lambda: (PeoplePart(), Contacts()))
    client.force_login(counsellor)
    entries = client.get(url(olena)).context["timeline"]
    assert [(entry["kind"], entry["title"]) for entry in entries] == [
        ("consent", "Consent withdrawn: Counselling record"),
        ("consent", "Consent given: Counselling record"),
        ("contact", "Talked"),
        ("intake", "Taken in"),
    ]


def test_the_person_page_needs_a_constant_number_of_queries(
    client, olena, counsellor, other_org, monkeypatch, django_assert_num_queries
):
    # Other apps' timeline providers assert their own query counts.
    monkeypatch.setattr(parts, "person_parts", lambda: (PeoplePart(),))
    client.force_login(counsellor)

    def count():
        # 1 session, 2 user, 3 memberships (roles and scope), 4 the person with
        # organisation, project, quarter, neighbourhood, entry data and who took
        # them in, 5 consents with recipient and recorder, 6 the "viewed" entry.
        with django_assert_num_queries(6):
            assert client.get(url(olena)).status_code == 200

    count()
    record_consent(olena, Purpose.ESF_NOTICE, "uk", counsellor)  # never withdrawn
    for purpose in (Purpose.COUNSELLING, Purpose.SURVEYS, Purpose.PHOTOS):
        withdraw_consent(record_consent(olena, purpose, "uk", counsellor), counsellor)
        record_consent(olena, purpose, "uk", counsellor)
    record_consent(olena, Purpose.HANDOVER, "uk", counsellor, recipient=other_org)
    count()


# Consent


def test_a_counsellor_records_a_consent(client, olena, counsellor):
    client.force_login(counsellor)
    form = client.get(url(olena, "consents/new/")).context["form"]
    assert form["language"].value() == "uk"
    response = client.post(url(olena, "consents/new/"), {"purpose": "surveys", "language": "uk"})
    assert response.status_code == 302
    with scopes_disabled():
        consent = Consent.objects.get()
        assert (consent.purpose, consent.language, consent.recorded_by) == (
            "surveys",
            "uk",
            counsellor,
        )
        assert AuditEntry.objects.filter(code="people.consent.given").count() == 1


def test_a_handover_names_the_receiving_organisation(client, olena, counsellor, other_org):
    client.force_login(counsellor)
    data = {"purpose": "handover", "language": "de"}
    missing = client.post(url(olena, "consents/new/"), data)
    assert "Choose the organisation the case is passed to." in missing.content.decode()
    ok = client.post(url(olena, "consents/new/"), {**data, "recipient": other_org.pk})
    assert ok.status_code == 302
    stray = client.post(
        url(olena, "consents/new/"),
        {"purpose": "photos", "language": "de", "recipient": other_org.pk},
    )
    assert "Only a handover names another organisation." in stray.content.decode()
    with scopes_disabled():
        assert list(Consent.objects.values_list("purpose", "recipient")) == [
            ("handover", other_org.pk)
        ]


def test_a_second_live_consent_for_the_same_purpose_is_refused(client, olena, counsellor):
    record_consent(olena, Purpose.SURVEYS, "uk", counsellor)
    client.force_login(counsellor)
    response = client.post(url(olena, "consents/new/"), {"purpose": "surveys", "language": "uk"})
    assert response.status_code == 200
    assert "already been recorded" in response.content.decode()


def test_withdrawal_takes_effect_at_once(client, olena, counsellor):
    consent = record_consent(olena, Purpose.PHOTOS, "uk", counsellor)
    client.force_login(counsellor)
    response = client.post(url(olena, f"consents/{consent.pk}/withdraw/"))
    assert response.status_code == 302
    with scopes_disabled():
        consent.refresh_from_db()
        assert consent.withdrawn_at is not None
        assert AuditEntry.objects.filter(code="people.consent.withdrawn").count() == 1
    page = client.get(url(olena)).content.decode()
    assert "Consent withdrawn: Photos at events" in page
    assert "Withdraw: Photos at events" not in page


def test_withdrawal_needs_a_post(client, olena, counsellor):
    consent = record_consent(olena, Purpose.PHOTOS, "uk", counsellor)
    client.force_login(counsellor)
    assert client.get(url(olena, f"consents/{consent.pk}/withdraw/")).status_code == 405


def test_another_organisation_cannot_withdraw(client, olena, counsellor, personas):
    consent = record_consent(olena, Purpose.PHOTOS, "uk", counsellor)
    client.force_login(personas["outsider"])
    assert client.post(url(olena, f"consents/{consent.pk}/withdraw/")).status_code == 404
    with scopes_disabled():
        consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_consent_of_another_person_cannot_be_withdrawn_through_this_one(
    client, olena, counsellor, home_org, project
):
    someone = take_in(
        home_org, project, counsellor, date(2026, 3, 2), given_name="A", family_name="B"
    )
    consent = record_consent(someone, Purpose.PHOTOS, "de", counsellor)
    client.force_login(counsellor)
    assert client.post(url(olena, f"consents/{consent.pk}/withdraw/")).status_code == 404


def test_one_post_records_the_notice_and_three_consents(
    client, olena, counsellor, django_assert_num_queries
):
    client.force_login(counsellor)
    page = client.get(url(olena, "consents/new/")).content.decode()
    for purpose in ("counselling", "employer_profile", "photos", "surveys", "handover"):
        assert f'value="{purpose}"' in page
    assert 'name="notice"' in page and 'value="esf_notice"' not in page
    response = client.post(
        url(olena, "consents/new/"),
        {"notice": "on", "purpose": ["counselling", "photos", "surveys"], "language": "uk"},
    )
    assert response.status_code == 302
    assert response["Location"] == url(olena)
    with scopes_disabled():
        saved = list(Consent.objects.order_by("purpose").values_list("purpose", "language"))
        codes = sorted(AuditEntry.objects.filter(subject_id=str(olena.pk)).values_list("code"))
    assert saved == [
        ("counselling", "uk"),
        ("esf_notice", "uk"),
        ("photos", "uk"),
        ("surveys", "uk"),
    ]
    assert codes.count(("people.consent.given",)) == 3
    assert codes.count(("people.notice.given",)) == 1
    assert "4 records saved." in client.get(url(olena)).content.decode()


def test_the_sheet_shows_what_is_given_and_offers_the_rest(client, olena, counsellor):
    record_consent(olena, Purpose.ESF_NOTICE, "uk", counsellor)
    record_consent(olena, Purpose.PHOTOS, "uk", counsellor)
    client.force_login(counsellor)
    page = client.get(url(olena, "consents/new/")).content.decode()
    assert "Notice given on 03/10/2026" in page
    assert 'name="notice"' not in page  # given once, not asked again
    assert "Withdraw: Photos at events" in page
    assert 'value="photos"' not in page and 'value="surveys"' in page
    # The notice has no withdraw button, neither here nor on the person page.
    assert "Withdraw: ESF monitoring notice" not in page
    person_page = client.get(url(olena)).content.decode()
    assert "Withdraw: ESF monitoring notice" not in person_page
    assert "Notice given on 03/10/2026" in person_page


def test_withdrawing_from_the_sheet_comes_back_to_it(client, olena, counsellor):
    consent = record_consent(olena, Purpose.PHOTOS, "uk", counsellor)
    client.force_login(counsellor)
    response = client.post(url(olena, f"consents/{consent.pk}/withdraw/"), {"back": "consents"})
    assert response["Location"] == url(olena, "consents/new/")
    page = client.get(response["Location"]).content.decode()
    assert "Withdrawn: Photos at events." in page and 'value="photos"' in page


def test_the_notice_cannot_be_withdrawn(client, olena, counsellor):
    notice = record_consent(olena, Purpose.ESF_NOTICE, "uk", counsellor)
    client.force_login(counsellor)
    response = client.post(url(olena, f"consents/{notice.pk}/withdraw/"), follow=True)
    assert "An information notice is not a consent and cannot be withdrawn." in (
        response.content.decode()
    )
    with scopes_disabled():
        notice.refresh_from_db()
        assert not AuditEntry.objects.filter(code="people.consent.withdrawn").exists()
    assert notice.withdrawn_at is None


@pytest.mark.parametrize(
    "data",
    [
        {"purpose": ["photos", "nonsense"], "language": "uk"},
        {"purpose": ["photos", "esf_notice"], "language": "uk"},
        {"purpose": ["photos", "surveys"], "language": "xx"},
        {"purpose": ["photos", "handover"], "language": "uk"},
        {"language": "uk"},
        {"purpose": ["photos", "counselling"], "notice": "on", "language": "uk"},
    ],
)
def test_bad_input_changes_nothing(client, olena, counsellor, data):
    record_consent(olena, Purpose.COUNSELLING, "uk", counsellor)
    client.force_login(counsellor)
    response = client.post(url(olena, "consents/new/"), data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    with scopes_disabled():
        assert list(Consent.objects.values_list("purpose", flat=True)) == ["counselling"]


# Changing personal data


def test_a_counsellor_changes_the_personal_data(client, olena, counsellor, east):
    client.force_login(counsellor)
    form = client.get(url(olena, "edit/")).context["form"]
    assert form["languages"].value() == ["uk", "ru", "de"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(phone="0341 555", postcode="99999", preferred_channel="sms")
    response = client.post(url(olena, "edit/"), data)
    assert response.status_code == 302
    with scopes_disabled():
        olena.refresh_from_db()
        changed = AuditEntry.objects.get(code="people.participant.changed")
    assert (olena.phone, olena.postcode, olena.quarter) == ("0341 555", "99999", None)
    assert changed.data == {"fields": ["phone", "postcode", "preferred_channel"]}
    page = client.get(url(olena)).content.decode()
    assert "The postcode is outside the programme area." in page


def test_a_change_with_bad_data_is_refused(client, olena, counsellor):
    client.force_login(counsellor)
    response = client.post(url(olena, "edit/"), {"given_name": "", "family_name": "X"})
    assert response.status_code == 200
    assert response.context["form"].errors["given_name"]
    with scopes_disabled():
        olena.refresh_from_db()
        assert not AuditEntry.objects.filter(code="people.participant.changed").exists()
    assert olena.given_name == "Олена"


def test_another_organisation_cannot_change_the_personal_data(client, olena, personas):
    client.force_login(personas["outsider"])
    assert client.get(url(olena, "edit/")).status_code == 404
    assert client.post(url(olena, "edit/"), {"given_name": "X"}).status_code == 404
