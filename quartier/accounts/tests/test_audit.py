import pytest
import time_machine
from django.utils import timezone
from django_scopes import ScopeError, scope, scopes_disabled

from quartier.accounts.audit import batched, log_action
from quartier.accounts.models import AuditEntry
from quartier.tests.pagination import next_link, walk

pytestmark = pytest.mark.django_db


def entries(**filters):
    with scopes_disabled():
        return list(AuditEntry.objects.filter(**filters))


def test_log_action_records_who_what_and_which_record(counsellor, home_org):
    entry = log_action("people.consent.withdrawn", actor=counsellor, subject=home_org)
    assert (entry.code, entry.actor, entry.actor_label) == (
        "people.consent.withdrawn",
        counsellor,
        counsellor.email,
    )
    assert (entry.subject_type, entry.subject_id) == ("accounts.organisation", str(home_org.pk))
    assert entry.organisation == home_org


def test_secrets_never_reach_the_audit_log(counsellor):
    entry = log_action(
        "accounts.test", actor=counsellor, data={"password": "x", "nested": {"api_token": "y"}}
    )
    assert entry.data == {"password": "***", "nested": {"api_token": "***"}}


def test_an_audit_entry_cannot_be_changed_or_deleted(counsellor):
    entry = log_action("accounts.test", actor=counsellor)
    entry.code = "accounts.forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with scopes_disabled():
        with pytest.raises(PermissionError):
            AuditEntry.objects.all().update(code="accounts.forged")
        with pytest.raises(PermissionError):
            AuditEntry.objects.all().delete()
    assert [e.code for e in entries()] == ["accounts.test"]


def test_a_query_that_forgets_the_organisation_scope_fails_loudly(counsellor):
    log_action("accounts.test", actor=counsellor)
    with pytest.raises(ScopeError):
        list(AuditEntry.objects.all())


def test_a_scoped_query_sees_only_its_organisations(personas, home_org, other_org):
    log_action("accounts.test", actor=personas["counsellor"])
    log_action("accounts.test", actor=personas["outsider"])
    with scope(organisation=[home_org.pk]):
        assert [e.organisation for e in AuditEntry.objects.all()] == [home_org]


def test_the_audit_page_shows_only_the_leads_organisations(client, personas):
    log_action("accounts.mine", actor=personas["counsellor"])
    log_action("accounts.theirs", actor=personas["outsider"])
    client.force_login(personas["lead"])
    page = client.get("/en/staff/audit/").content.decode()
    assert "accounts.mine" in page
    assert "accounts.theirs" not in page


def test_the_audit_page_filters_by_person_actor_action_and_date(client, personas, home_org):
    lead, counsellor = personas["lead"], personas["counsellor"]
    person = "3f2b5a4e-8c1d-4e6f-9a7b-1c2d3e4f5a6b"  # a participant's reference number
    with time_machine.travel("2026-03-02 10:00 +01:00"):
        log_action("people.participant.viewed", actor=counsellor, subject=counsellor, person=person)
    with time_machine.travel("2026-03-05 10:00 +01:00"):
        log_action("people.participant.changed", actor=lead, subject=lead)
    client.force_login(lead)

    def codes(**query):
        page = client.get("/en/staff/audit/", query).context["page"]
        return [entry.code for entry in page if entry.code.startswith("people.")]

    assert codes(person=person) == ["people.participant.viewed"]
    # internal ids are not a filter any more: only the reference numbers the UI shows
    assert codes(person=str(counsellor.pk)) != ["people.participant.viewed"]
    assert codes(actor=str(lead.pk)) == ["people.participant.changed"]
    assert codes(code="people.participant.v") == ["people.participant.viewed"]
    assert codes(date_from="2026-03-03") == ["people.participant.changed"]
    assert codes(date_to="2026-03-02") == ["people.participant.viewed"]
    response = client.get("/en/staff/audit/", {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    assert "The start date is after the end date." in response.content.decode()


def test_reading_the_audit_log_is_itself_audited(client, lead):
    client.force_login(lead)
    client.get("/en/staff/audit/", {"code": "people"})
    viewed = entries(code="accounts.audit.viewed")
    assert len(viewed) == 1
    assert viewed[0].actor == lead
    assert viewed[0].data == {"code": "people"}


def test_the_audit_page_needs_a_constant_number_of_queries(
    client, lead, counsellor, django_assert_num_queries
):
    client.force_login(lead)
    with batched():
        for number in range(30):
            log_action(f"accounts.test.{number}", actor=counsellor, subject=counsellor)
    # 1 session, 2 user, 3 memberships (roles and scope), 4 the lead's organisation
    # and 5 the insert for the "viewed" entry, 6 actors for the filter, 7 the page of
    # entries with actor and organisation, 8 the count (at most KEYSET_COUNT_CAP + 1).
    with django_assert_num_queries(8):
        client.get("/en/staff/audit/")
    with batched():
        for number in range(270):
            log_action(f"accounts.more.{number}", actor=counsellor, subject=counsellor)
    with django_assert_num_queries(8):
        response = client.get("/en/staff/audit/")
    with django_assert_num_queries(8):
        client.get("/en/staff/audit/" + next_link(response))


def audit_ids(response) -> list[int]:
    return [entry.pk for entry in response.context["page"]]


def test_walking_the_audit_pages_shows_every_entry_once_also_of_the_same_instant(
    client, lead, counsellor
):
    # Five entries share each instant: pages break inside a group of the same time.
    with batched():
        for number in range(130):
            with time_machine.travel(f"2026-03-02 09:{number // 5:02}:00 +00:00", tick=False):
                log_action("people.test.listed", actor=counsellor, subject=counsellor)
    client.force_login(lead)
    forward, backward = walk(client, "/en/staff/audit/", {"code": "people.test"}, audit_ids)
    with scopes_disabled():
        expected = list(
            AuditEntry.objects.filter(code="people.test.listed")
            .order_by("-created_at", "-pk")
            .values_list("pk", flat=True)
        )
    assert [len(page) for page in forward] == [50, 50, 30]
    assert [pk for page in forward for pk in page] == expected
    assert backward == list(reversed(forward))


def test_a_bad_audit_cursor_shows_the_first_page(client, lead, counsellor):
    with batched():
        for number in range(60):
            log_action(f"accounts.test.{number}", actor=counsellor, subject=counsellor)
    client.force_login(lead)
    first = audit_ids(client.get("/en/staff/audit/", {"code": "accounts.test"}))
    for bad in ("x", "eyJvIjoiYSJ9:1abc:def", "1" * 300):
        response = client.get("/en/staff/audit/", {"code": "accounts.test", "cursor": bad})
        assert response.status_code == 200
        assert audit_ids(response) == first


def test_above_the_cap_the_audit_page_says_more_than(client, lead, counsellor, settings):
    with batched():
        for number in range(12):
            log_action(f"accounts.test.{number}", actor=counsellor, subject=counsellor)
    client.force_login(lead)
    query = {"code": "accounts.test"}
    assert "12 entries" in client.get("/en/staff/audit/", query).content.decode()
    settings.KEYSET_COUNT_CAP = 10
    assert "More than 10 entries" in client.get("/en/staff/audit/", query).content.decode()
    assert "Mehr als 10 Einträge" in client.get("/de/staff/audit/", query).content.decode()


def test_time_is_stored_aware(counsellor):
    entry = log_action("accounts.test", actor=counsellor)
    assert timezone.is_aware(entry.created_at)


def test_batched_entries_are_written_together_at_the_end_with_their_own_times(counsellor, home_org):
    with time_machine.travel("2026-03-02 09:00 +00:00", tick=False), batched():
        log_action("accounts.test.first", actor=counsellor, subject=home_org)
        assert entries(code__startswith="accounts.test") == []  # not yet written
        with time_machine.travel("2026-03-02 09:05 +00:00", tick=False):
            log_action("accounts.test.second", actor=counsellor)
    written = sorted(entries(code__startswith="accounts.test"), key=lambda e: e.code)
    assert [e.code for e in written] == ["accounts.test.first", "accounts.test.second"]
    assert [e.created_at.strftime("%H:%M") for e in written] == ["09:00", "09:05"]
    assert {e.organisation for e in written} == {home_org}


def test_a_failed_batch_writes_no_entries(counsellor):
    with pytest.raises(RuntimeError), batched():
        log_action("accounts.test.lost", actor=counsellor)
        raise RuntimeError("the load failed")
    assert entries(code="accounts.test.lost") == []
