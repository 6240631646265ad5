from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.counselling import rights as counselling_rights
from quartier.counselling.contacts import add_contact
from quartier.counselling.goals import add_goal
from quartier.counselling.models import CaseShare, Contact, Exit, Goal, Referral
from quartier.counselling.outcomes import record_exit
from quartier.counselling.person import CounsellingPart
from quartier.counselling.referrals import refer
from quartier.counselling.sharing import share_case
from quartier.people import parts, rights
from quartier.people.consent import record_consent
from quartier.people.models import Purpose

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered():
    """Counselling's part is among those people asks (named in ``CounsellingConfig``)."""
    assert any(isinstance(part, CounsellingPart) for part in parts.person_parts())


@pytest.fixture
def record(case, lan, counsellor, other_org):
    add_goal(case, counsellor, kind="recognition", note="Diplom aus Hanoi")
    add_contact(
        case,
        counsellor,
        date=date(2026, 6, 10),
        duration_minutes=45,
        channel="person",
        language="vi",
        interpreter=True,
        topics=["health", "recognition"],
        notes="Erzählt von der Krankheit der Mutter.",
        next_step="Arztbrief mitbringen",
        next_step_due=date(2026, 6, 20),
    )
    refer(case, counsellor, target="agency", agency="health", description="Sozialpsychiatrie")
    record_consent(lan, Purpose.HANDOVER, "vi", counsellor, recipient=other_org)
    share_case(case, other_org, counsellor)
    return case


def test_the_export_holds_the_counselling_record(record, lan, counsellor, registered):
    sections = rights.export_person(lan, counsellor, "json")["sections"]
    (case_row,) = sections["counselling_cases"]
    assert (case_row["case"], case_row["status"], case_row["next_step"]) == (
        record.public_id,
        "active",
        "Arztbrief mitbringen",
    )
    assert sections["counselling_goals"][0]["note"] == "Diplom aus Hanoi"
    (contact,) = sections["counselling_contacts"]
    assert (contact["language"], contact["interpreter"], contact["topics"]) == (
        "vi",
        True,
        ["recognition", "health"],
    )
    assert sections["counselling_referrals"][0]["agency"] == "health"
    assert sections["counselling_shares"][0]["organisation"] == "Bildung West"
    assert "counsellor@example.org" not in str(sections)


def test_the_export_queries_once_per_section_however_much_there_is(
    record, lan, counsellor, django_assert_num_queries
):
    for rows in (
        counselling_rights.case_rows,
        counselling_rights.goal_rows,
        counselling_rights.contact_rows,
        counselling_rights.referral_rows,
        counselling_rights.share_rows,
    ):
        with django_assert_num_queries(1):
            rows(lan)


def test_erasure_deletes_the_consent_based_text_at_once_and_ends_the_shares(
    record, lan, counsellor, registered
):
    record_exit(record, counsellor, exit_date=date(2026, 6, 12), situation="employed")
    rights.request_erasure(lan, counsellor)
    with scopes_disabled():
        contact = Contact.objects.get(case=record)
        assert (contact.notes, contact.topics, contact.next_step) == ("", [], "")
        # What the indicators need stays.
        assert (contact.duration_minutes, contact.language, contact.interpreter) == (45, "vi", True)
        assert Goal.objects.get(case=record).note == ""
        assert Referral.objects.get(case=record).description == ""
        assert Exit.objects.get(case=record).situation == "employed"
        assert CaseShare.objects.get(case=record).ended_at is not None
        codes = set(AuditEntry.objects.values_list("code", flat=True))
    assert "counselling.record.erased" in codes


def test_anonymisation_clears_the_text_and_keeps_the_outcomes(record, lan, counsellor):
    record_exit(
        record,
        counsellor,
        exit_date=date(2026, 6, 12),
        situation="education",
        qualification_gained=True,
        certificate="Pflegehelferin",
        issuer="Berufsschule 9",
    )
    counselling_rights.anonymise([lan.pk])
    with scopes_disabled():
        assert Contact.objects.get(case=record).notes == ""
        exit_ = Exit.objects.get(case=record)
        assert (exit_.qualification_gained, exit_.certificate) == (True, "Pflegehelferin")
        assert CaseShare.objects.get(case=record).ended_at is not None
