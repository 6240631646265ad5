"""Production settings: the deploy check passes, and a missing secret stops the start."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def quartier_environment(**env: str) -> dict[str, str]:
    """This environment without the settings the tests set themselves, plus ``env``."""
    unset = ("SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_SETTINGS_MODULE")
    return {**{k: v for k, v in os.environ.items() if k not in unset}, **env}


def run_quartier(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quartier", *args],
        cwd=PROJECT,
        env=quartier_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    result = run_quartier(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "k3Y9#x" * 8,
        ALLOWED_HOSTS="quartier.example.org",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = run_quartier("check", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set" in result.stderr


def test_the_secret_key_may_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "z" * 60)
    result = run_quartier("check", SECRET_KEY_FILE=str(secret), VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_a_secret_key_file_that_is_not_there_is_one_sentence(tmp_path):
    result = run_quartier("check", SECRET_KEY_FILE=str(tmp_path / "nowhere"), VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"quartier: SECRET_KEY_FILE names {tmp_path / 'nowhere'}, which cannot be read "
        "(No such file or directory): make the file or set SECRET_KEY instead."
    ]


def test_a_missing_secret_key_is_one_sentence_without_a_traceback(tmp_path):
    result = run_quartier("check", VAR_DIR=str(tmp_path))
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_loading_a_site_pack_into_an_unmigrated_database_says_to_migrate(tmp_path):
    result = run_quartier(
        "load-site",
        str(PROJECT / "sitepacks" / "leipzig-ost.toml"),
        SECRET_KEY="k" * 60,
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Run `quartier migrate` first" in result.stderr


def test_several_servers_can_share_private_files_and_static_files(tmp_path):
    """PRIVATE_ROOT and STATIC_ROOT name shared directories; FILE_STORAGE another storage class."""
    shared = tmp_path / "shared"
    result = run_quartier(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; from django.core.files.storage import default_storage;"
        "print(default_storage.location); print(settings.STATIC_ROOT);"
        "print(settings.STORAGES['default'])",
        SECRET_KEY="k" * 60,
        VAR_DIR=str(tmp_path / "var"),
        PRIVATE_ROOT=str(shared / "private"),
        STATIC_ROOT=str(shared / "static"),
        FILE_STORAGE="django.core.files.storage.FileSystemStorage",
        FILE_STORAGE_OPTIONS='{"file_permissions_mode": 384}',
    )
    assert result.returncode == 0, result.stderr
    location, static_root, storage = result.stdout.strip().splitlines()
    assert location == str(shared / "private")
    assert static_root == str(shared / "static")
    assert "'file_permissions_mode': 384" in storage


def test_storage_options_that_are_not_a_json_object_are_one_sentence(tmp_path):
    result = run_quartier(
        "check", SECRET_KEY="k" * 60, VAR_DIR=str(tmp_path), FILE_STORAGE_OPTIONS="[1, 2]"
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "quartier: FILE_STORAGE_OPTIONS must be a JSON object, not '[1, 2]'"
    )


WRITER = """
import time
from pathlib import Path
from django.db import connection, transaction
# Both processes start writing together (Django starts in a few seconds, not at once).
Path(READY, WHO).touch()
while len(list(Path(READY).iterdir())) < 2:
    time.sleep(0.01)
for number in range(150):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM counter")
            time.sleep(0.002)  # between the read and the write, as a service's checks are
            cursor.execute("INSERT INTO counter (writer) VALUES (%s)", [WHO])
print("done")
"""


def test_concurrent_read_then_write_transactions_on_sqlite_wait_instead_of_failing(tmp_path):
    """Two server processes registering at once: the second waits for the first."""
    import sqlite3

    database = tmp_path / "shared.sqlite3"
    ready = tmp_path / "ready"
    ready.mkdir()
    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, writer TEXT)")
    env = quartier_environment(
        SECRET_KEY="k" * 60, VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{database}"
    )
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quartier",
                "shell",
                "--no-imports",
                "-c",
                WRITER.replace("WHO", repr(name)).replace("READY", repr(str(ready))),
            ],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("one", "two")
    ]
    for writer in writers:
        out, errors = writer.communicate(timeout=120)
        assert "database is locked" not in errors
        assert out.strip() == "done", errors
    with sqlite3.connect(database) as check:
        assert check.execute("SELECT COUNT(*) FROM counter").fetchone() == (300,)
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
