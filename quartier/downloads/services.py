"""Files made in the background: request one, make it (in a task), fetch it, purge it.

An app that offers a PDF or an export keeps its own ``@task()`` beside its
service. Its view calls ``request_download`` with that task; the task calls
``fulfil_download`` with a function that makes the bytes. The download page
polls until the file is ready, and the file is kept for ``READY_FOR`` only:
``purge_expired`` deletes what is past its time, ``discard_downloads`` what
belongs to a person being erased. This app knows no producer (no registry of
kinds): what a file holds is the producer's business.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task
from django_tasks.base import Task

from quartier.accounts.audit import log_action
from quartier.downloads.models import Download

logger = logging.getLogger(__name__)

# How long a ready file may be fetched; the page says until when.
READY_FOR = timedelta(hours=1)
# A request no worker has answered (or one that failed) is purged after this.
PENDING_FOR = timedelta(days=1)
ERROR_LENGTH = 500

Status = Download.Status


def request_download(
    *,
    kind: str,
    label: str,
    by: Any,
    subject: models.Model,
    organisation_id: int,
    file_name: str,
    content_type: str,
    back_url: str,
    make_task: Task,
    args: tuple = (),
) -> Download:
    """Record a download for ``by`` and enqueue ``make_task(download_id, *args)`` on commit.

    The caller has checked that ``by`` may have the file, and audits the request
    as it did when the file was made in the request. ``make_task`` is the
    producer's task; it calls ``fulfil_download``.
    """
    with transaction.atomic():
        download = Download.objects.with_scopes_disabled().create(
            kind=kind,
            label=label[: Download._meta.get_field("label").max_length],
            requested_by=by,
            organisation_id=organisation_id,
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=subject.pk,
            back_url=back_url,
            file_name=file_name,
            content_type=content_type,
            expires_at=timezone.now() + PENDING_FOR,
        )
        download_id = download.pk
        transaction.on_commit(lambda: make_task.enqueue(download_id, *args))
    return download


def fulfil_download(download_id: int, make: Callable[[Download], bytes | File]) -> Download | None:
    """Make the file with ``make(download)`` and mark it ready; on any error, failed.

    ``make`` returns the bytes, or an open ``File`` (a large export spooled to disk),
    which is closed once stored.

    Idempotent: a download is claimed once, by a conditional update, so a task run
    twice makes the file once. ``make`` runs without a scope: it opens the scope of
    the user it acts for (``accounts.access.acting_for``). If the download was
    discarded while the file was made (the person was erased), the file is thrown away.
    """
    with scopes_disabled():
        claimed = Download.objects.filter(
            pk=download_id, status=Status.PENDING, started_at=None
        ).update(started_at=timezone.now())
        if claimed != 1:
            logger.info("Download %s is not waiting; nothing to do.", download_id)
            return None
        download = Download.objects.select_related("requested_by").get(pk=download_id)
    try:
        content = make(download)
    except Exception as error:
        logger.exception("Download %s (%s) could not be made.", download_id, download.kind)
        download.status = Status.FAILED
        download.error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        with scopes_disabled():
            Download.objects.filter(pk=download_id).update(
                status=download.status, error=download.error
            )
        return download
    with scopes_disabled():
        try:
            stored = content if isinstance(content, File) else ContentFile(content)
            download.file.save(download.file_name, stored, save=False)
        finally:
            if isinstance(content, File):
                content.close()
        name = str(download.file.name)
        now = timezone.now()
        done = Download.objects.filter(pk=download_id, status=Status.PENDING).update(
            status=Status.READY, file=name, ready_at=now, expires_at=now + READY_FOR
        )
        if done != 1:  # discarded meanwhile: keep nothing
            download.file.storage.delete(name)
            return None
    download.status, download.ready_at, download.expires_at = Status.READY, now, now + READY_FOR
    return download


def report_progress(download_id: int, done: int, total: int) -> None:
    """Note that ``done`` of ``total`` steps are made; the download's page shows it.

    For producers of long files (an export of many rows), called now and then from
    ``make``; never 100 %: the file is ready only when it is stored.
    """
    percent = min(99, done * 100 // total) if total > 0 else 0
    with scopes_disabled():
        Download.objects.filter(pk=download_id, status=Status.PENDING).update(progress=percent)


def own_downloads(user: Any) -> QuerySet[Download]:
    """The user's own downloads that have not expired, in the current scope.

    Under a view's scope (``@allow(STAFF)``) that is the organisations where the
    user still works; anyone else's download is simply not there (404).
    """
    return Download.objects.filter(requested_by=user, expires_at__gt=timezone.now())


def open_download(download: Download, by: Any):
    """The ready file, opened for reading; the read is audited against its subject.

    Queries for the subject (the person, the registration, the date), so the audit
    entry names the person it belongs to.
    """
    with scopes_disabled():
        subject = download.subject
    log_action(
        "downloads.file.opened",
        actor=by,
        subject=subject,
        organisation=download.organisation_id,
        data={"download": str(download.public_id), "kind": download.kind},
    )
    return download.file.open("rb")


def _delete(downloads: QuerySet[Download]) -> int:
    """Delete these downloads; their files go once the deletion is committed.

    So an erasure that is rolled back leaves every download whole, and one that is
    committed leaves no file behind.
    """
    with scopes_disabled():
        doomed = list(downloads.values_list("pk", "file"))
        Download.objects.filter(pk__in=[pk for pk, _name in doomed]).delete()
    names = [name for _pk, name in doomed if name]
    if names:
        transaction.on_commit(lambda: _delete_files(names))
    return len(doomed)


def _delete_files(names: list[str]) -> None:
    storage = Download._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def purge_expired(now: datetime | None = None) -> int:
    """Delete every download past its time, with its file. Returns how many."""
    with scopes_disabled():
        count = _delete(Download.objects.filter(expires_at__lte=now or timezone.now()))
    if count:
        logger.info("Purged %d expired downloads.", count)
    return count


def discard_downloads(model: type[models.Model], ids: list[int]) -> int:
    """Delete the downloads about these records (e.g. people being erased), with their files.

    Erasure and anonymisation call it explicitly: exported personal data must not
    outlive the erasure. Returns how many were deleted.
    """
    if not ids:
        return 0
    subject_type = ContentType.objects.get_for_model(model)
    with scopes_disabled():
        return _delete(Download.objects.filter(subject_type=subject_type, subject_id__in=ids))


# -- Tasks (django-tasks; they take ids, STYLE.md 27) ---------------------------------


@task()
def purge_expired_downloads() -> int:
    """Delete expired downloads and their files; idempotent.

    Run hourly: ``quartier purge-downloads --enqueue`` from cron or a systemd timer;
    ``quartier anonymise-expired`` runs it too.
    """
    return purge_expired()
