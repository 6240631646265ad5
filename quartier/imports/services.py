"""The life of an import: upload → choose columns and check → write, all or nothing.

Every step is audited under the importer's prefix (``people.import.uploaded``,
``.previewed``, ``.written``). A small file is written during the request; a
larger one by the task queue, and the job row reports its progress.
"""

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task

from quartier.accounts.access import acting_for
from quartier.accounts.audit import log_action
from quartier.database import analyse
from quartier.imports.base import (
    ACTIONS,
    ERROR,
    Importer,
    Progress,
    RowPlan,
    SourceRow,
    importer_for,
)
from quartier.imports.mapping import column_letter, guess_mapping
from quartier.imports.models import ImportJob
from quartier.lib.tabular import Table

logger = logging.getLogger(__name__)

# Up to this many rows are written while the user waits; more go to the task queue.
SYNC_WRITE_ROWS = 200
# Unfinished jobs (and the cells they hold) are deleted after this long.
STALE_AFTER = timedelta(hours=24)

Status = ImportJob.Status


class ImportRefused(Exception):
    """The job is not in a state for this step, or its rows have errors."""


class _PlanChanged(Exception):
    def __init__(self, plans: list[RowPlan]) -> None:
        super().__init__("plan changed")
        self.plans = plans


def start_import(
    importer: Importer, organisation_id: int, by, table: Table, file_name: str, options: dict
) -> ImportJob:
    """Keep the uploaded table on a new job with a guessed column mapping; audited."""
    with transaction.atomic():
        job = ImportJob.objects.create(
            organisation_id=organisation_id,
            kind=importer.kind,
            file_name=file_name[:255],
            header=table.header,
            rows=[[row.number, row.values] for row in table.rows],
            mapping=guess_mapping(table.header, importer.fields),
            options=options,
            total=len(table.rows),
            created_by=by,
        )
        log_action(
            f"{importer.audit_prefix}.uploaded",
            actor=by,
            subject=job,
            data={"rows": job.total, "columns": len(table.header), "type": table.kind},
        )
    return job


def source_rows(job: ImportJob) -> list[SourceRow]:
    """The job's rows with their cells by field, following its column mapping."""
    columns = {
        name: job.header[index] or column_letter(index)
        for index, name in enumerate(job.mapping)
        if name
    }
    mapped = [(index, name) for index, name in enumerate(job.mapping) if name]
    return [
        SourceRow(number, {name: values[index] for index, name in mapped}, columns)
        for number, values in job.rows
    ]


def count_actions(plans: list[RowPlan]) -> dict[str, int]:
    counts = Counter(plan.action for plan in plans)
    return {action: counts.get(action, 0) for action in ACTIONS}


def check(job: ImportJob, importer: Importer, by, mapping: list[str], options: dict) -> ImportJob:
    """Keep the column choice, check every row and store the preview on the job; audited.

    Must run in the job organisation's scope.
    """
    if len(mapping) != len(job.header):
        raise ValueError("one mapping entry per column")
    job.mapping = mapping
    job.options = {**job.options, **options}
    plans = importer.plan(job, source_rows(job))
    job.plan = [plan.as_json() for plan in plans]
    job.counts = count_actions(plans)
    with transaction.atomic():
        # Conditional: a job already queued or written is not checked again.
        updated = ImportJob.objects.filter(
            pk=job.pk, status__in=(Status.UPLOADED, Status.PREVIEWED)
        ).update(
            mapping=job.mapping,
            options=job.options,
            plan=job.plan,
            counts=job.counts,
            status=Status.PREVIEWED,
            failure="",
        )
        if updated != 1:
            raise ImportRefused("not open")
        job.status, job.failure = Status.PREVIEWED, ""
        log_action(
            f"{importer.audit_prefix}.previewed",
            actor=by,
            subject=job,
            data={"rows": job.total, **job.counts},
        )
    return job


def request_write(job: ImportJob, importer: Importer, by) -> None:
    """Write a checked job without errors: now if small, else through the task queue.

    Refuses (ImportRefused) a job with errors or one already queued or written.
    Must run in the job organisation's scope.
    """
    if job.counts.get(ERROR, 0) or job.status != Status.PREVIEWED:
        raise ImportRefused("errors or not checked")
    claimed = ImportJob.objects.filter(pk=job.pk, status=Status.PREVIEWED).update(
        status=Status.QUEUED, failure="", processed=0
    )
    if claimed != 1:
        raise ImportRefused("already requested")
    if job.total <= SYNC_WRITE_ROWS:
        run_import(job.pk)
    else:
        job_id = job.pk
        transaction.on_commit(lambda: write_import.enqueue(job_id))
    job.refresh_from_db()


def run_import(job_id: int) -> None:
    """Write a queued job in one transaction; idempotent (a job is claimed once).

    Runs for the uploader, scoped as their request would be (``acting_for``) and
    narrowed to the job's organisation: if they may no longer import there, nothing
    is written. The rows are checked again inside the transaction: if anything
    changed since the preview (a new error, a row that now matches someone),
    nothing is written and the job goes back to its preview with the new findings.
    """
    with scopes_disabled():
        claimed = ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
            status=Status.RUNNING
        )
        if claimed != 1:
            logger.info("Import job %s is not queued; nothing to do.", job_id)
            return
        job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    importer = importer_for(job.kind)
    by = job.created_by
    with acting_for(by, importer.access, job.organisation_id) as organisations:
        if not organisations:
            logger.warning("Import job %s: the uploader may no longer import here.", job.pk)
            ImportJob.objects.with_scopes_disabled().filter(pk=job.pk).update(
                status=Status.PREVIEWED, processed=0
            )
            return
        try:
            with transaction.atomic():
                plans = importer.plan(job, source_rows(job))
                was = [(row["number"], row["action"]) for row in job.plan]
                now = [(plan.number, plan.action) for plan in plans]
                if now != was or any(plan.errors for plan in plans):
                    raise _PlanChanged(plans)
                with _progress_reporter(job.pk) as progress:
                    written = importer.write(job, plans, by, progress)
                analyse(*importer.fills)
                log_action(
                    f"{importer.audit_prefix}.written",
                    actor=by,
                    subject=job,
                    data={"rows": job.total, **written},
                )
        except _PlanChanged as changed:
            ImportJob.objects.filter(pk=job.pk).update(
                status=Status.PREVIEWED,
                failure=ImportJob.Failure.CHANGED,
                plan=[plan.as_json() for plan in changed.plans],
                counts=count_actions(changed.plans),
                processed=0,
            )
            return
        except Exception:
            logger.exception("Import job %s failed; nothing was written.", job.pk)
            ImportJob.objects.filter(pk=job.pk).update(
                status=Status.PREVIEWED, failure=ImportJob.Failure.CRASHED, processed=0
            )
            return
        # The cells and the preview (names) are no longer needed: only counts stay.
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.DONE,
            processed=job.total,
            counts={**job.counts, **written},
            rows=[],
            plan=[],
            finished_at=timezone.now(),
        )


@contextmanager
def _progress_reporter(job_id: int) -> Iterator[Progress]:
    """Report rows written while the write transaction is still open.

    The transaction hides its own changes, so progress goes through a second
    connection. SQLite allows one writer at a time: there the page only learns
    the end (it shows a bar without a value until then).
    """
    if connection.vendor != "postgresql":
        yield lambda _done: None
        return
    # A wrapper of the same backend with the same settings, but its own connection
    # (``connection`` itself is only a proxy to the default wrapper).
    default = connections[DEFAULT_DB_ALIAS]
    side = type(default)(dict(default.settings_dict), "import-progress")
    table = connection.ops.quote_name(ImportJob._meta.db_table)

    def report(done: int) -> None:
        try:
            with side.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET processed = %s WHERE id = %s", [done, job_id])
        except Exception:  # progress is a courtesy; never let it stop the write
            logger.warning("Could not report progress of import job %s.", job_id, exc_info=True)

    try:
        yield report
    finally:
        side.close()


def purge_stale_jobs(now: datetime | None = None) -> int:
    """Delete unfinished jobs older than STALE_AFTER with the cells they hold."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    with scopes_disabled():
        deleted, _per_model = (
            ImportJob.objects.filter(created_at__lt=cutoff).exclude(status=Status.DONE).delete()
        )
    return deleted


# -- Tasks (django-tasks; they take ids, STYLE.md 27) ---------------------------------


@task()
def write_import(job_id: int) -> None:
    run_import(job_id)


@task()
def purge_stale_imports() -> int:
    return purge_stale_jobs()
