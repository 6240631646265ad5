"""The import's life cycle with a small importer of "things" that only writes audit entries."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from quartier.accounts.access import STAFF
from quartier.accounts.audit import log_action
from quartier.accounts.models import AuditEntry
from quartier.imports import services
from quartier.imports.base import CREATE, UPDATE, Field, Importer, RowPlan, register
from quartier.imports.models import ImportJob
from quartier.lib.tabular import Row, Table

pytestmark = pytest.mark.django_db

KNOWN: set[str] = set()  # names that already exist: their rows update


class ThingImporter(Importer):
    kind = "tests.things"
    title = what = "things"
    audit_prefix = "tests.import"
    access = STAFF
    fields = (Field("name", "Name", ("Bezeichnung",), required=True), Field("size", "Size"))

    def plan(self, job, rows):
        plans = []
        for row in rows:
            plan = RowPlan(row.number, label=row.get("name"), values=dict(row.cells))
            if not row.get("name"):
                plan.fail("required", row.column("name"))
            else:
                plan.action = UPDATE if row.get("name") in KNOWN else CREATE
            plans.append(plan)
        return plans

    def write(self, job, plans, by, progress):
        for done, plan in enumerate(plans, start=1):
            if plan.values["name"] == "boom":
                raise RuntimeError("the disk is full")
            log_action("tests.thing.written", actor=by, data={"name": plan.values["name"]})
            progress(done)
        return {"created": sum(plan.action == CREATE for plan in plans)}


THINGS = register(ThingImporter())


@pytest.fixture(autouse=True)
def nothing_known():
    KNOWN.clear()


def make_job(organisation, user, *names: str) -> ImportJob:
    table = Table(
        "csv", ["Bezeichnung", "Größe"], [Row(n + 2, [name, "1"]) for n, name in enumerate(names)]
    )
    with scope(organisation=[organisation.pk]):
        job = services.start_import(THINGS, organisation.pk, user, table, "things.csv", {})
        return services.check(job, THINGS, user, job.mapping, {})


def request_write(job: ImportJob, user) -> None:
    with scope(organisation=[job.organisation_id]):
        services.request_write(job, THINGS, user)


def written_names() -> list[str]:
    with scopes_disabled():
        entries = AuditEntry.objects.filter(code="tests.thing.written").order_by("pk")
        return [entry.data["name"] for entry in entries]


def reload(job: ImportJob) -> ImportJob:
    with scopes_disabled():
        return ImportJob.objects.get(pk=job.pk)


def test_the_check_keeps_the_mapping_and_counts_what_will_happen(home_org, counsellor):
    KNOWN.add("b")
    job = make_job(home_org, counsellor, "a", "b", "")
    assert job.mapping == ["name", ""]
    assert job.counts == {"create": 1, "update": 1, "unchanged": 0, "error": 1}
    assert reload(job).plan[2] == {
        "number": 4,
        "label": "",
        "action": "error",
        "changes": [],
        "errors": [{"code": "required", "column": "Bezeichnung", "value": ""}],
        "warnings": [],
    }


def test_a_job_with_errors_is_refused(home_org, counsellor):
    job = make_job(home_org, counsellor, "a", "")
    with pytest.raises(services.ImportRefused):
        request_write(job, counsellor)
    assert written_names() == []
    assert reload(job).status == "previewed"


def test_a_job_is_written_once_even_if_asked_twice(home_org, counsellor):
    job = make_job(home_org, counsellor, "a", "b")
    request_write(job, counsellor)
    services.run_import(job.pk)  # a second delivery of the task does nothing
    with pytest.raises(services.ImportRefused):
        request_write(reload(job), counsellor)
    assert written_names() == ["a", "b"]
    job = reload(job)
    assert (job.status, job.processed, job.rows, job.counts["created"]) == ("done", 2, [], 2)
    with pytest.raises(services.ImportRefused), scope(organisation=[home_org.pk]):
        services.check(job, THINGS, counsellor, ["name", ""], {})


def test_the_task_writes_nothing_for_an_uploader_who_may_no_longer_import(
    home_org, counsellor, caplog
):
    from quartier.accounts.models import Membership

    job = make_job(home_org, counsellor, "a", "b")
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(status="queued")
    Membership.objects.filter(user=counsellor).delete()
    services.run_import(job.pk)
    assert written_names() == []
    assert reload(job).status == "previewed"
    assert "may no longer import here" in caplog.text


def test_a_write_that_fails_halfway_leaves_nothing_behind(home_org, counsellor, caplog):
    job = make_job(home_org, counsellor, "a", "boom", "c")
    request_write(job, counsellor)
    assert written_names() == []
    job = reload(job)
    assert (job.status, job.failure, job.processed) == ("previewed", "crashed", 0)
    assert "nothing was written" in caplog.text
    # It can be tried again once the cause is gone.
    with scopes_disabled():
        ImportJob.objects.filter(pk=job.pk).update(rows=[[3, ["b", "1"]], [2, ["a", "1"]]])
    with scope(organisation=[home_org.pk]):
        job = services.check(reload(job), THINGS, counsellor, ["name", ""], {})
    request_write(job, counsellor)
    assert written_names() == ["b", "a"]


def test_nothing_is_written_when_the_records_changed_since_the_preview(home_org, counsellor):
    job = make_job(home_org, counsellor, "a", "b")
    KNOWN.add("b")  # somebody recorded "b" meanwhile: the row would now update
    request_write(job, counsellor)
    assert written_names() == []
    job = reload(job)
    assert (job.status, job.failure) == ("previewed", "changed")
    assert [row["action"] for row in job.plan] == ["create", "update"]
    request_write(job, counsellor)  # the new preview can be written
    assert written_names() == ["a", "b"]


def test_a_large_job_goes_to_the_task_queue_on_commit(
    home_org, counsellor, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "SYNC_WRITE_ROWS", 1)
    job = make_job(home_org, counsellor, "a", "b")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_write(job, counsellor)
    assert len(callbacks) == 1
    assert written_names() == ["a", "b"]
    assert reload(job).status == "done"


def test_every_step_is_audited(home_org, counsellor):
    job = make_job(home_org, counsellor, "a")
    request_write(job, counsellor)
    with scopes_disabled():
        entries = AuditEntry.objects.filter(code__startswith="tests.import.").order_by("pk")
        steps = [(entry.code, entry.data, entry.subject_id) for entry in entries]
    assert steps == [
        ("tests.import.uploaded", {"rows": 1, "columns": 2, "type": "csv"}, str(job.pk)),
        (
            "tests.import.previewed",
            {"rows": 1, "create": 1, "update": 0, "unchanged": 0, "error": 0},
            str(job.pk),
        ),
        ("tests.import.written", {"rows": 1, "created": 1}, str(job.pk)),
    ]


def test_stale_unfinished_jobs_are_deleted_with_their_cells(home_org, counsellor):
    old = make_job(home_org, counsellor, "a")
    done = make_job(home_org, counsellor, "b")
    request_write(done, counsellor)
    fresh = make_job(home_org, counsellor, "c")
    with scopes_disabled():
        ImportJob.objects.filter(pk__in=[old.pk, done.pk]).update(
            created_at=timezone.now() - timedelta(hours=25)
        )
    assert services.purge_stale_jobs() == 1
    with scopes_disabled():
        assert set(ImportJob.objects.values_list("pk", flat=True)) == {done.pk, fresh.pk}


def test_jobs_are_scoped_to_their_organisation(home_org, other_org, counsellor):
    job = make_job(home_org, counsellor, "a")
    with scope(organisation=[other_org.pk]):
        assert not ImportJob.objects.filter(pk=job.pk).exists()
