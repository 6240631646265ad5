from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from quartier.accounts.models import AuditEntry
from quartier.counselling.cases import CounsellingError
from quartier.counselling.models import CaseStatus, Exit, ExitSituation, FollowUp, Improvement
from quartier.counselling.outcomes import add_months, record_exit, record_follow_up
from quartier.people.models import EmploymentStatus, EntryData

pytestmark = pytest.mark.django_db


def test_the_exit_closes_the_case_and_a_follow_up_falls_due_six_months_later(case, counsellor):
    case.next_step = "Anrufen"
    record_exit(case, counsellor, exit_date=date(2026, 6, 1), situation=ExitSituation.EMPLOYED)
    with scopes_disabled():
        follow_up = FollowUp.objects.get(case=case)
        case.refresh_from_db()
        entry = AuditEntry.objects.latest("id")
    assert follow_up.due_on == date(2026, 12, 1)
    assert not follow_up.is_done
    assert (case.status, case.closed_on, case.next_step) == (
        CaseStatus.CLOSED,
        date(2026, 6, 1),
        "",
    )
    assert entry.code == "counselling.exit.recorded"
    assert entry.data["follow_up_due"] == "2026-12-01"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 1, 15), date(2026, 7, 15)),
        (date(2026, 12, 31), date(2027, 6, 30)),
    ],
)
def test_six_months_later_is_the_same_day_or_the_end_of_a_shorter_month(day, expected):
    assert add_months(day, 6) == expected


def test_a_case_has_one_exit_only(case, counsellor):
    record_exit(case, counsellor, exit_date=date(2026, 6, 1), situation="none")
    with pytest.raises(CounsellingError, match="closed already"):
        record_exit(case, counsellor, exit_date=date(2026, 6, 2), situation="none")
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Exit.objects.create(case=case, exit_date=date(2026, 6, 2), situation="none")


def test_job_searching_and_employment_are_one_answer_so_they_exclude_each_other():
    # The situation is a single choice: there is no way to record both.
    field = Exit._meta.get_field("situation")
    assert {ExitSituation.JOB_SEARCHING, ExitSituation.EMPLOYED} <= {c[0] for c in field.choices}
    assert not isinstance(field.default, list)


def test_a_gained_qualification_names_its_certificate_and_issuer(case, counsellor):
    with pytest.raises(CounsellingError, match="certificate"):
        record_exit(
            case,
            counsellor,
            exit_date=date(2026, 6, 1),
            situation="education",
            qualification_gained=True,
        )
    with pytest.raises(CounsellingError, match="only recorded when"):
        record_exit(
            case, counsellor, exit_date=date(2026, 6, 1), situation="education", certificate="B1"
        )
    record = record_exit(
        case,
        counsellor,
        exit_date=date(2026, 6, 1),
        situation="education",
        qualification_gained=True,
        certificate="Deutsch B1 (telc)",
        issuer="Volkshochschule Leipzig",
    )
    assert record.qualification_gained


@pytest.mark.parametrize(
    ("exit_date", "message"), [(date(2026, 3, 1), "before the case"), (date(2026, 6, 16), "future")]
)
def test_the_exit_date_lies_between_opening_and_today(case, counsellor, exit_date, message):
    with pytest.raises(CounsellingError, match=message):
        record_exit(case, counsellor, exit_date=exit_date, situation="none")
    with scopes_disabled():
        assert not FollowUp.objects.exists()


def closed(case, counsellor):
    record_exit(case, counsellor, exit_date=date(2025, 12, 1), situation="searching")
    with scopes_disabled():
        return FollowUp.objects.select_related("case").get(case=case)


@pytest.fixture
def old_case(lan, counsellor):
    from quartier.counselling.cases import open_case

    return open_case(lan, counsellor, opened_on=date(2025, 9, 1))


def test_the_follow_up_of_someone_not_employed_at_entry_marks_improvement_not_applicable(
    old_case, counsellor
):
    follow_up = closed(old_case, counsellor)
    record_follow_up(follow_up, counsellor, in_employment=True)
    assert (follow_up.done_on, follow_up.in_employment, follow_up.improved_situation) == (
        date(2026, 6, 15),
        True,
        Improvement.NOT_APPLICABLE,
    )
    with pytest.raises(CounsellingError, match="only asked of people employed at entry"):
        record_follow_up(follow_up, counsellor, in_employment=True, improved_situation="yes")


def test_the_follow_up_of_someone_employed_at_entry_asks_whether_it_improved(
    old_case, lan, counsellor
):
    with scopes_disabled():
        EntryData.objects.filter(participant=lan).update(
            employment_status=EmploymentStatus.EMPLOYED
        )
    follow_up = closed(old_case, counsellor)
    with pytest.raises(CounsellingError, match="employed at entry"):
        record_follow_up(follow_up, counsellor, in_employment=True)
    record_follow_up(follow_up, counsellor, in_employment=True, improved_situation=Improvement.YES)
    assert follow_up.improved_situation == "yes"
    with scopes_disabled():
        assert AuditEntry.objects.latest("id").code == "counselling.follow_up.recorded"


def test_a_follow_up_is_not_done_before_the_exit(old_case, counsellor):
    follow_up = closed(old_case, counsellor)
    with pytest.raises(CounsellingError, match="before the exit"):
        record_follow_up(follow_up, counsellor, in_employment=False, done_on=date(2025, 11, 30))
