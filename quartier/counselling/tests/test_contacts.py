from datetime import date

import pytest
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.counselling.cases import CounsellingError
from quartier.counselling.contacts import add_contact
from quartier.counselling.models import CaseStatus, Contact, Topic
from quartier.counselling.outcomes import record_exit

pytestmark = pytest.mark.django_db

CONTACT = {
    "duration_minutes": 45,
    "channel": "person",
    "language": "vi",
}


def test_a_contact_records_language_interpreter_topics_and_the_next_step(case, counsellor):
    contact = add_contact(
        case,
        counsellor,
        date=date(2026, 6, 10),
        interpreter=True,
        topics=[Topic.RECOGNITION, Topic.JOB_SEARCH],
        notes="Zeugnisse aus Hanoi mitgebracht.",
        next_step="Unterlagen an die Anerkennungsberatung schicken",
        next_step_due=date(2026, 6, 24),
        **CONTACT,
    )
    with scopes_disabled():
        stored = Contact.objects.get(pk=contact.pk)
    assert (stored.language, stored.interpreter, stored.counsellor) == ("vi", True, counsellor)
    # Kept in the order of the fixed list.
    assert stored.topics == ["job_search", "recognition"]
    assert (case.next_step, case.next_step_due) == (
        "Unterlagen an die Anerkennungsberatung schicken",
        date(2026, 6, 24),
    )
    with scopes_disabled():
        entry = AuditEntry.objects.latest("id")
    assert entry.code == "counselling.contact.added"
    # The audit names what happened, not the notes.
    assert "notes" not in entry.data


def test_the_first_contact_makes_the_case_active(case, counsellor):
    assert case.status == CaseStatus.INTAKE
    add_contact(case, counsellor, date=date(2026, 6, 10), **CONTACT)
    assert case.status == CaseStatus.ACTIVE


def test_an_older_contact_entered_later_does_not_replace_the_newer_next_step(case, counsellor):
    add_contact(
        case,
        counsellor,
        date=date(2026, 6, 10),
        next_step="Bewerbung",
        next_step_due=date(2026, 6, 20),
        **CONTACT,
    )
    add_contact(case, counsellor, date=date(2026, 5, 1), next_step="Alt", **CONTACT)
    assert case.next_step == "Bewerbung"
    add_contact(case, counsellor, date=date(2026, 6, 12), **CONTACT)
    assert (case.next_step, case.next_step_due) == ("", None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": date(2026, 6, 16)}, "future"),
        ({"date": date(2026, 3, 1)}, "before the case was opened"),
        ({"duration_minutes": 0}, "between 1 and 600"),
        ({"duration_minutes": 601}, "between 1 and 600"),
        ({"channel": "pigeon"}, "channel"),
        ({"language": "Vietnamese"}, "language code"),
        ({"topics": ["weather"]}, "Unknown topics: weather"),
        ({"next_step_due": date(2026, 6, 20)}, "Describe the next step"),
        ({"next_step": "x", "next_step_due": date(2026, 6, 1)}, "before the contact"),
    ],
)
def test_bad_contacts_are_refused_with_a_clear_message_and_nothing_is_saved(
    case, counsellor, changes, message
):
    fields = {"date": date(2026, 6, 10), **CONTACT, **changes}
    with pytest.raises(CounsellingError, match=message):
        add_contact(case, counsellor, **fields)
    with scopes_disabled():
        assert not Contact.objects.exists()


def test_a_closed_case_takes_no_more_contacts(case, counsellor):
    record_exit(case, counsellor, exit_date=date(2026, 6, 1), situation="none")
    with pytest.raises(CounsellingError, match="closed"):
        add_contact(case, counsellor, date=date(2026, 6, 10), **CONTACT)
