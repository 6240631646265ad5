"""Lists, searches and detail pages at two sizes of programme, from an empty database.

    bench/run --db sqlite --size 100000
    bench/run --db postgres --size 1000000 --requests 30

For the small size (``--small``, default 1 000 participants) and for ``--size``, in
turn: make an empty database (SQLite: a file under var/; PostgreSQL: a database
``quartier_bench_<size>`` (``BENCH_DATABASE_PREFIX`` changes the first part) on the
server named by ``BENCH_POSTGRES_URL``, default
``postgres://postgres@127.0.0.1:5432/postgres``), migrate, load the site pack,
generate the programme (``quartier generate``), and measure every page in a
process of its own. Then print one table: per page the p50/p95 server time, the
queries per request, the same page at the small size and the ratio, the bare page
(every middleware, no template, no query) and the raw SQL the page ran, replayed
with a plain cursor — the framework floor and the database floor of the same run.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def empty_database(db: str, size: int) -> str:
    """A fresh, empty database for ``size``; its DATABASE_URL."""
    if db == "sqlite":
        path = ROOT / "var" / f"bench-{size}.sqlite3"
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    # BENCH_DATABASE_PREFIX keeps the runs of several people on one server apart.
    name = f"{os.environ.get('BENCH_DATABASE_PREFIX', 'quartier_bench')}_{size}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}"))


def measure_size(db: str, size: int, requests: int) -> dict:
    url = empty_database(db, size)
    with subprocess.Popen(
        [
            sys.executable,
            str(BENCH / "scale.py"),
            "--measure",
            str(size),
            "--requests",
            str(requests),
        ],
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        out, _ = child.communicate()
    if child.returncode:
        raise SystemExit(f"measuring {size} participants failed")
    return json.loads(out.strip().splitlines()[-1])


def print_table(small: dict, large: dict) -> None:
    print(
        f"\n{large['database']}: {large['participants']:,} participants "
        f"(generated in {large['generated_s']:.0f} s) against "
        f"{small['participants']:,} (generated in {small['generated_s']:.0f} s); "
        f"{large['requests']} requests of each page, alternately with the bare page\n"
    )
    header = (
        f"{'page':<22}{'p50 ms':>8}{'p95 ms':>8}{'queries':>8}{'at small':>10}"
        f"{'× small':>9}{'bare':>7}{'× bare':>8}{'SQL':>8}{'× SQL':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, row in large["pages"].items():
        base = small["pages"][name]
        print(
            f"{name:<22}{row['p50']:>8.1f}{row['p95']:>8.1f}{row['queries']:>8}"
            f"{base['p50']:>10.1f}{row['p50'] / base['p50']:>8.2f}×"
            f"{row['bare_p50']:>7.1f}{row['p50'] / row['bare_p50']:>7.1f}×"
            f"{row['sql_p50']:>8.1f}{row['p50'] / max(row['sql_p50'], 0.01):>7.1f}×"
        )
    print(
        "\nms: server time per request (p50, p95); at small: p50 with the small programme;"
        " bare: the bare page's p50; SQL: the page's own statements through a plain cursor."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        import scale_pages

        print(json.dumps(scale_pages.measure(args.measure, args.requests)))
        return
    started = time.monotonic()
    small = measure_size(args.db, args.small, args.requests)
    large = measure_size(args.db, args.size, args.requests)
    print_table(small, large)
    print(f"\nthe whole run took {(time.monotonic() - started) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
