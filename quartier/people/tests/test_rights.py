"""Data-subject rights as services: export, erasure (Art. 17(3)(b)), anonymisation."""

from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.people import parts
from quartier.people.consent import has_consent, record_consent
from quartier.people.entry import change_entry_data
from quartier.people.intake import take_in
from quartier.people.models import EntryData, Participant, Project, Purpose
from quartier.people.rights import (
    ANONYMISED_FAMILY_NAME,
    ANONYMISED_GIVEN_NAME,
    ErasureError,
    anonymise_expired,
    anonymise_expired_task,
    export_person,
    export_section,
    request_erasure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to("2026-06-01 10:00 +02:00", tick=False)


@pytest.fixture
def add_part(monkeypatch):
    """Install one more person part (after the installed ones) for this test only."""

    def add(part: parts.PersonPart) -> None:
        installed = parts.person_parts()
        monkeypatch.setattr(parts, "person_parts", lambda: (*installed, part))

    return add


@pytest.fixture
def ended(db) -> Project:
    """A project whose retention period ended on 31 December 2025."""
    return Project.objects.create(
        slug="biwaq-4",
        name="BIWAQ IV",
        starts_on=date(2019, 1, 1),
        ends_on=date(2022, 12, 31),
        retention_until=date(2025, 12, 31),
    )


def person(organisation, project, by, **fields) -> Participant:
    with scopes_disabled():
        participant = take_in(organisation, project, by, date(2026, 3, 2), **fields)
        return Participant.objects.select_related(
            "organisation", "project", "quarter", "neighbourhood"
        ).get(pk=participant.pk)


@pytest.fixture
def olena(home_org, project, counsellor, east):
    participant = person(
        home_org,
        project,
        counsellor,
        given_name="Олена",
        family_name="Коваленко",
        name_latin="Helen Kovalenko",
        date_of_birth=date(1985, 7, 14),
        gender="w",
        email="olena@example.org",
        phone="+49 341 000000",
        preferred_channel="email",
        street="Eisenbahnstraße 1",
        postcode="01234",
        city="Leipzig",
        languages=["uk", "ru", "de"],
        preferred_language="uk",
        citizenships=["UA"],
    )
    record_consent(participant, Purpose.ESF_NOTICE, "uk", counsellor)
    record_consent(participant, Purpose.COUNSELLING, "uk", counsellor)
    record_consent(participant, Purpose.PHOTOS, "uk", counsellor)
    return participant


def codes() -> list[str]:
    with scopes_disabled():
        return list(AuditEntry.objects.order_by("id").values_list("code", flat=True))


# -- Export -------------------------------------------------------------------------


def test_the_export_holds_the_record_the_entry_data_and_the_consents(olena, counsellor):
    export = export_person(olena, counsellor, "json")
    sections = export["sections"]
    assert export["format"] == "quartier.person-export/1"
    # People's own sections come first; the counselling app adds its own after them.
    assert list(sections)[:4] == ["participant", "entry_data", "consents", "access_log"]
    (record,) = sections["participant"]
    assert (record["given_name"], record["email"], record["quarter"]) == (
        "Олена",
        "olena@example.org",
        "Ost",
    )
    assert sections["entry_data"][0]["entry_date"] == date(2026, 3, 2)
    assert [c["purpose"] for c in sections["consents"]] == ["esf_notice", "counselling", "photos"]
    assert sections["access_log"][0]["code"] == "people.participant.created"
    assert "counsellor@example.org" not in str(sections["access_log"])
    assert codes()[-1] == "people.participant.exported"


def test_other_apps_add_sections_without_people_knowing_them(olena, counsellor, add_part):
    class Cases(parts.PersonPart):
        def export_sections(self):
            return [
                export_section(
                    "cases",
                    lambda participant: [
                        {"status": "active", "holder": str(participant.organisation)}
                    ],
                    title="Cases",
                )
            ]

    add_part(Cases())
    sections = export_person(olena, counsellor, "json")["sections"]
    assert sections["cases"] == [{"status": "active", "holder": "Beratung Ost"}]


def test_the_export_queries_the_same_number_of_times_whatever_the_number_of_consents(
    olena, counsellor, django_assert_num_queries
):
    for purpose in (Purpose.SURVEYS, Purpose.CONTACT_SMS, Purpose.CONTACT_EMAIL):
        record_consent(olena, purpose, "uk", counsellor)
    # SAVEPOINT, INSERT the audit entry, RELEASE; SELECT entry data; SELECT consents
    # with recipients; SELECT the audit entries with organisations; then the
    # counselling sections: cases, goals, contacts, referrals, shares (one each);
    # competences: profile, qualifications, languages, experience, skills, informal
    # competences, passports, contact requests; learning: appointments, visits,
    # registrations, attendance; economy: founders, vacancies filled (one each).
    with django_assert_num_queries(25):
        export_person(olena, counsellor, "json")


# -- Erasure ------------------------------------------------------------------------


def test_erasure_deletes_consent_based_data_at_once_and_keeps_monitoring_data(olena, counsellor):
    request_erasure(olena, counsellor)
    with scopes_disabled():
        olena = Participant.objects.get(pk=olena.pk)
        entry = EntryData.objects.get(participant=olena)
    assert (olena.email, olena.phone, olena.street, olena.name_latin) == ("", "", "", "")
    assert olena.preferred_channel == "person"
    assert olena.languages == ["uk"]
    # Kept under the legal obligation until the retention date:
    assert (olena.given_name, olena.family_name) == ("Олена", "Коваленко")
    assert olena.date_of_birth == date(1985, 7, 14)
    assert (olena.gender, olena.postcode, olena.quarter.slug) == ("w", "01234", "ost")
    assert olena.citizenships == ["UA"]
    assert entry.entry_date == date(2026, 3, 2)
    assert olena.erasure_requested_at is not None
    assert olena.anonymised_at is None
    # The Latin spelling she gave is no longer searchable.
    assert "helen" not in olena.search_key


def test_erasure_withdraws_every_consent_but_the_monitoring_notice(olena, counsellor):
    request_erasure(olena, counsellor)
    assert has_consent(olena, Purpose.ESF_NOTICE)
    assert not has_consent(olena, Purpose.COUNSELLING)
    assert not has_consent(olena, Purpose.PHOTOS)
    with scopes_disabled():
        entry = AuditEntry.objects.get(code="people.participant.erasure_requested")
    assert entry.data == {
        "cleared": ["email", "languages", "name_latin", "phone", "preferred_channel", "street"],
        "withdrawn": ["counselling", "photos"],
    }
    assert entry.actor == counsellor


def test_erasure_asked_twice_keeps_the_first_date(olena, counsellor, time_machine):
    first = request_erasure(olena, counsellor).erasure_requested_at
    time_machine.move_to("2026-06-05 10:00 +02:00", tick=False)
    assert request_erasure(olena, counsellor).erasure_requested_at == first


def test_erasure_runs_what_other_apps_registered(olena, counsellor, add_part):
    seen = []

    class Cases(parts.PersonPart):
        def erase(self, participant, by):
            seen.append((participant.pk, by))

    add_part(Cases())
    request_erasure(olena, counsellor)
    assert seen == [(olena.pk, counsellor)]


def test_erasure_after_the_retention_date_anonymises_at_once(
    home_org, ended, counsellor, django_capture_on_commit_callbacks
):
    late = person(home_org, ended, counsellor, given_name="Minh", family_name="Nguyễn")
    with django_capture_on_commit_callbacks(execute=True):
        request_erasure(late, counsellor)
    with scopes_disabled():
        late.refresh_from_db()
    assert late.anonymised_at is not None
    assert late.given_name == ANONYMISED_GIVEN_NAME


def test_an_anonymised_record_cannot_be_erased_again(home_org, ended, counsellor):
    late = person(home_org, ended, counsellor, given_name="Minh", family_name="Nguyễn")
    anonymise_expired()
    with scopes_disabled():
        late.refresh_from_db()
    with pytest.raises(ErasureError):
        request_erasure(late, counsellor)


# -- Anonymisation after the retention date ------------------------------------------


PEOPLE = [
    ("Олена", "Коваленко", "w", "01234", "unemployed"),
    ("Minh", "Nguyễn", "m", "01234", "employed"),
    ("أميرة", "الحسن", "w", "", "inactive"),
    ("Rojda", "Yılmaz", "d", "01234", "unemployed"),
    ("Jana", "Müller", "x", "", "unemployed"),
]


@pytest.fixture
def programme(home_org, other_org, ended, project, counsellor, east):
    """Five people in the ended project (across two organisations), one in a running one."""
    people = []
    for index, (given, family, gender, postcode, status) in enumerate(PEOPLE):
        organisation = home_org if index % 2 == 0 else other_org
        participant = person(
            organisation,
            ended,
            counsellor,
            given_name=given,
            family_name=family,
            name_latin=f"{given} {family}",
            gender=gender,
            postcode=postcode,
            street="Eisenbahnstraße 1",
            city="Leipzig",
            email=f"person{index}@example.org",
            phone="+49 341 000000",
            date_of_birth=date(1980 + index, 7, 14),
            citizenships=["UA"],
        )
        with scopes_disabled():
            change_entry_data(
                participant,
                counsellor,
                employment_status=status,
                unemployed_since=date(2025, 1, 1) if status == "unemployed" else None,
            )
        record_consent(participant, Purpose.PHOTOS, "de", counsellor)
        people.append(participant)
    running = person(home_org, project, counsellor, given_name="Lan", family_name="Trần")
    return people, running


def aggregates() -> dict[str, Counter]:
    with scopes_disabled():
        people = list(Participant.objects.select_related("entry"))
    return {
        "project": Counter(p.project_id for p in people),
        "quarter": Counter(p.quarter_id for p in people),
        "neighbourhood": Counter(p.neighbourhood_id for p in people),
        "gender": Counter(p.gender for p in people),
        "status": Counter(p.entry.employment_status for p in people),
        "birth year": Counter(p.date_of_birth.year for p in people if p.date_of_birth),
        "third country": Counter(p.is_third_country_national for p in people),
    }


def test_anonymisation_keeps_every_aggregate_and_no_name(programme):
    people, running = programme
    before = aggregates()
    assert anonymise_expired(batch_size=2) == 5
    assert aggregates() == before
    with scopes_disabled():
        rows = list(Participant.objects.filter(project=people[0].project).values())
    text = str(rows)
    for given, family, *_rest in PEOPLE:
        assert given not in text
        assert family not in text
    for row in rows:
        assert (row["given_name"], row["family_name"]) == (
            ANONYMISED_GIVEN_NAME,
            ANONYMISED_FAMILY_NAME,
        )
        assert (row["date_of_birth"].month, row["date_of_birth"].day) == (1, 1)
        assert row["email"] == row["phone"] == row["street"] == row["city"] == ""
        assert row["postcode"] == row["name_latin"] == row["search_key"] == ""
        assert row["anonymised_at"] is not None


def test_anonymisation_leaves_running_projects_alone(programme):
    _people, running = programme
    anonymise_expired()
    with scopes_disabled():
        running.refresh_from_db()
    assert (running.given_name, running.anonymised_at) == ("Lan", None)


def test_anonymisation_withdraws_live_consents_and_is_audited(programme):
    people, _running = programme
    anonymise_expired()
    assert not has_consent(people[0], Purpose.PHOTOS)
    with scopes_disabled():
        entries = list(AuditEntry.objects.filter(code="people.participant.anonymised"))
    assert sorted(int(e.subject_id) for e in entries) == sorted(p.pk for p in people)
    assert {e.organisation_id for e in entries} == {p.organisation_id for p in people}


def test_anonymisation_is_idempotent(programme):
    anonymise_expired()
    audited = len(codes())
    with scopes_disabled():
        first = dict(Participant.objects.values_list("pk", "anonymised_at"))
    assert anonymise_expired() == 0
    assert len(codes()) == audited
    with scopes_disabled():
        assert dict(Participant.objects.values_list("pk", "anonymised_at")) == first


def test_anonymisation_runs_what_other_apps_registered(programme, add_part):
    people, _running = programme
    batches = []

    class Cases(parts.PersonPart):
        def anonymise(self, participant_ids):
            batches.append(participant_ids)

    add_part(Cases())
    anonymise_expired(batch_size=2)
    assert sorted(pk for batch in batches for pk in batch) == sorted(p.pk for p in people)
    assert [len(batch) for batch in batches] == [2, 2, 1]


def test_the_command_anonymises_expired_records(programme, capsys):
    call_command("anonymise-expired")
    assert "Anonymised 5 participants." in capsys.readouterr().out
    call_command("anonymise-expired")
    assert "Anonymised 0 participants." in capsys.readouterr().out


def test_the_command_can_leave_the_work_to_the_task_queue(
    programme, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise-expired", "--enqueue")
    assert "Queued" in capsys.readouterr().out
    with scopes_disabled():
        assert Participant.objects.filter(anonymised_at__isnull=False).count() == 5


def test_the_task_anonymises_and_reports_how_many(programme):
    result = anonymise_expired_task.enqueue()
    assert result.return_value == 5
