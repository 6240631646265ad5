"""A task for the test of several task workers (test_task_workers.py); nothing else enqueues it."""

import time

from django_tasks import task

from quartier.accounts.audit import log_action


@task()
def note_run(number: int) -> None:
    """Write one audit entry per run, slowly enough that two workers both get work."""
    time.sleep(0.01)
    log_action("tests.worker.ran", data={"number": number})
