"""Several task workers against one PostgreSQL: each task is claimed and run exactly once.

The queue is django-tasks' database backend; a worker claims a task with
``SELECT ... FOR UPDATE SKIP LOCKED``. Two real worker processes work through a
queue of 100 tasks here, as two task servers would in production.
"""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_scopes import scopes_disabled
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from quartier.accounts.models import AuditEntry
from quartier.tests.worker_tasks import note_run

PROJECT = Path(__file__).resolve().parents[2]
TASKS = 100


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}{port}/{db['NAME']}"


def start_worker(worker_id: str, tmp_path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        SECRET_KEY="worker-test-" + "w" * 50,
        DATABASE_URL=database_url(),
        VAR_DIR=str(tmp_path),
        TASK_BACKEND="django_tasks_db.backend.DatabaseBackend",
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quartier",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--worker-id",
            worker_id,
            "--verbosity",
            "0",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_run_each_of_a_hundred_tasks_exactly_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several workers need PostgreSQL's row locks (SKIP LOCKED)")
    queue = DatabaseBackend("default", {})
    for number in range(TASKS):
        queue.enqueue(note_run, [number], {})

    workers = [start_worker(name, tmp_path) for name in ("worker-one", "worker-two")]
    for worker in workers:
        _out, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors

    with scopes_disabled():
        entries = list(AuditEntry.objects.filter(code="tests.worker.ran"))
    runs = Counter(entry.data["number"] for entry in entries)
    assert runs == Counter(range(TASKS))  # every task ran, none twice
    results = DBTaskResult.objects.all()
    assert {result.status for result in results} == {"SUCCESSFUL"}
    assert all(len(result.worker_ids) == 1 for result in results)
    by_worker = Counter(result.worker_ids[0] for result in results)
    assert set(by_worker) == {"worker-one", "worker-two"}  # both took a share
