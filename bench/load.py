"""Load under concurrency: the demo programme served by gunicorn, bounded in time.

    .venv/bin/python bench/load.py                      # SQLite (var/load.sqlite3)
    DATABASE_URL=postgres://…/load .venv/bin/python bench/load.py --users 8 --seconds 20

Sets up the demo programme in the database named by DATABASE_URL (once; it is
reused), starts gunicorn on loopback with the bare pages mounted
(`load_wsgi.py`), and drives it with locust (`locustfile.py`) in three phases,
each bounded by ``--seconds``:

1. public pages against the public bare page, alternately (two rounds each): the
   requests per second of the pages as a share of the bare page's, through the
   same server (target: at least 60 %);
2. mixed traffic (residents reading and registering, a counsellor reading,
   searching and recording contacts) for twice ``--seconds``: throughput, p95 and
   errors per request;
3. the writes answered as saved, compared with the rows added to the database: a
   difference is a lost write.

The machine runs the load tool and the server at once; on 2 cores locust takes
one of them, so the absolute figures are a floor. The ratio and the counts are
the results.
"""

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import harness

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'load.sqlite3'}")
harness.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from quartier.counselling.models import Contact  # noqa: E402
from quartier.learning.models import Registration  # noqa: E402

REFUSED = "(refused by a rule)"  # as locustfile.py names a write the rules refused
WRITE_MODELS = {"register for an offer": Registration, "record a contact": Contact}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        # The public forms' limits per address would refuse one client sending hundreds.
        "PUBLIC_FORM_RATE_PER_IP": "1000000/m",
        "PUBLIC_FORM_RATE_PER_EMAIL": "1000000/m",
        "LOG_LEVEL": "ERROR",
    }


def ensure_demo() -> None:
    if get_user_model().objects.filter(email="beratung@quartier.example").exists():
        return
    print("setting up the demo programme (once) …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "quartier", "demo", "--no-serve"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "quartier.settings"},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "load_wsgi",
            "--chdir",
            str(BENCH),
            "--pythonpath",
            str(ROOT),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--preload",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_environment(port),
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/de/bench/public-bare/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 180 s")


def run_locust(port: int, users: int, seconds: int, classes: list[str]) -> dict[str, dict]:
    """One bounded locust run; its statistics per request name (and "Aggregated")."""
    with tempfile.TemporaryDirectory() as directory:
        prefix = Path(directory) / "run"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(BENCH / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
                "--exit-code-on-error",
                "0",
                *classes,
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", newline="") as stats:
            return {row["Name"]: row for row in csv.DictReader(stats)}


def write_counts() -> dict[str, int]:
    with scopes_disabled():
        return {name: model.objects.count() for name, model in WRITE_MODELS.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=8, help="concurrent simulated users")
    parser.add_argument("--seconds", type=int, default=15, help="length of one phase")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()

    harness.prepare_database()
    ensure_demo()
    port = free_port()
    server = start_server(port, args.workers)
    try:
        print(
            f"{harness.database_name()}, gunicorn with {args.workers} workers, "
            f"{args.users} users, phases of {args.seconds} s\n",
            flush=True,
        )
        bare, pages = [], []
        for _round in range(2):
            for classes, into in ((["PublicBare"], bare), (["PublicReader"], pages)):
                stats = run_locust(port, args.users, args.seconds, classes)
                into.append(float(stats["Aggregated"]["Requests/s"]))
        share = sum(pages) / sum(bare)
        print(
            f"public pages: {sum(pages) / 2:.0f} req/s, public bare page: "
            f"{sum(bare) / 2:.0f} req/s, share {share:.0%} (target >= 60 %)\n"
        )

        before = write_counts()
        stats = run_locust(
            port, args.users, 2 * args.seconds, ["PublicReader", "Resident", "Counsellor"]
        )
        after = write_counts()
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"mixed traffic for {2 * args.seconds} s:")
    print(f"{'request':<38} {'count':>7} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for name, row in sorted(stats.items(), key=lambda item: item[0] == "Aggregated"):
        print(
            f"{name:<38} {row['Request Count']:>7} {row['Failure Count']:>7} "
            f"{row['50%']:>7} {row['95%']:>7}"
        )
    total = stats["Aggregated"]
    print(f"\nthroughput {float(total['Requests/s']):.0f} req/s, errors {total['Failure Count']}")
    lost = 0
    for name in WRITE_MODELS:
        row = stats.get(name, {"Request Count": 0, "Failure Count": 0})
        refused = int(stats.get(f"{name} {REFUSED}", {"Request Count": 0})["Request Count"])
        answered = int(row["Request Count"]) - int(row["Failure Count"]) - refused
        saved = after[name] - before[name]
        lost += max(answered - saved, 0)
        print(f"{name}: {answered} answered as saved, {saved} rows added, {refused} refused")
    print(f"lost writes: {lost}")
    if lost or int(total["Failure Count"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
