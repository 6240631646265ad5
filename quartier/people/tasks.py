"""Background work on people's records (django-tasks; enqueue on commit, pass ids)."""

from django_tasks import task

from quartier.people.rights import anonymise_expired, anonymise_participants


@task()
def anonymise_expired_task() -> int:
    """Anonymise everyone whose project's retention date has passed; idempotent.

    Run daily: ``quartier anonymise-expired --enqueue`` from cron or a systemd timer
    puts it on the queue, a worker (``quartier db_worker``) runs it.
    """
    return anonymise_expired()


@task()
def anonymise_participants_task(participant_ids: list[int]) -> int:
    """Anonymise these participants now (skips those already anonymised)."""
    return anonymise_participants(participant_ids)
