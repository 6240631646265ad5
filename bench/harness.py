"""What the bench scripts share: setup, timing, percentiles, the two baselines, the table.

Every figure is printed beside a baseline measured in the same run on the same data,
so that it can be read on any machine:

- a page beside the bare page (`bare_urls.py`): a view that returns a fixed response
  through the same middleware, with the same client and login. The ratio is what the
  page itself costs over a request that does nothing.
- a query-bound operation beside the raw SQL it ran: the statements are captured as
  they reach the database cursor and replayed with a plain cursor, fetching every row.
  The ratio is the share of the framework and the Python around the SQL.

Target and baseline are timed alternately in one loop, so a machine that gets busier
half-way slows both alike.

The functions above `setup()` need no database and are tested by `test_harness.py`.
"""

import itertools
import math
import os
import sqlite3
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import django
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATABASE = ROOT / "var" / "bench.sqlite3"


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least ``share`` of all
    samples at or below it (``share`` 0.5 is the median of an odd count)."""
    if not samples:
        raise ValueError("no samples")
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share}")
    ordered = sorted(samples)
    rank = math.ceil(round(len(ordered) * share, 9))  # 20 × 0.95 is rank 19, not 20
    return ordered[max(rank, 1) - 1]


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure and its baseline, both in milliseconds."""

    name: str
    samples: Sequence[float]
    baseline: str
    baseline_samples: Sequence[float]
    note: str = ""

    @property
    def p50(self) -> float:
        return percentile(self.samples, 0.5)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)

    @property
    def baseline_p50(self) -> float:
        return percentile(self.baseline_samples, 0.5)

    @property
    def baseline_p95(self) -> float:
        return percentile(self.baseline_samples, 0.95)


def ratio(figure: float, baseline: float) -> str:
    return f"{figure / baseline:.1f}×" if baseline > 0 else "–"


def table(rows: Sequence[Row]) -> str:
    """The rows as a plain-text table: p50 and p95 of each figure and of its baseline,
    and the figure as a multiple of its baseline at each."""
    header = ("", "p50 ms", "p95 ms", "baseline", "p50 ms", "p95 ms", "× p50", "× p95", "")
    lines = [header]
    for row in rows:
        lines.append(
            (
                row.name,
                f"{row.p50:.1f}",
                f"{row.p95:.1f}",
                row.baseline,
                f"{row.baseline_p50:.2f}",
                f"{row.baseline_p95:.2f}",
                ratio(row.p50, row.baseline_p50),
                ratio(row.p95, row.baseline_p95),
                row.note,
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    left = {0, 3, 8}  # names and notes read from the left, numbers line up on the right
    return "\n".join(
        "  ".join(
            cell.ljust(widths[column]) if column in left else cell.rjust(widths[column])
            for column, cell in enumerate(line)
        ).rstrip()
        for line in lines
    )


def timed(operation: Callable[[], object]) -> float:
    """Milliseconds one call of ``operation`` takes."""
    start = time.perf_counter()
    operation()
    return (time.perf_counter() - start) * 1000


def measure(
    operation: Callable[[], object], baseline: Callable[[], object], runs: int, warm_up: int = 1
) -> tuple[list[float], list[float]]:
    """Time ``operation`` and ``baseline`` ``runs`` times each, alternately and in turns
    which goes first, after ``warm_up`` untimed calls of each."""
    for _ in range(warm_up):
        baseline()
        operation()
    samples: list[float] = []
    baseline_samples: list[float] = []
    for run in range(runs):
        if run % 2:
            samples.append(timed(operation))
            baseline_samples.append(timed(baseline))
        else:
            baseline_samples.append(timed(baseline))
            samples.append(timed(operation))
    return samples, baseline_samples


# Everything below needs Django; the scripts call setup() before anything else of it.

BENCH_ENVIRONMENT = {
    "DATABASE_URL": f"sqlite:///{BENCH_DATABASE}",
    "SECRET_KEY": "bench-" + "x" * 60,  # the bench database holds generated people only
    "HTTPS": "false",
    "ALLOWED_HOSTS": "testserver",
    # The production storage looks every static URL up in the manifest that
    # `collectstatic` writes, which a fresh clone does not have (and collecting with
    # compression takes minutes). The plain storage joins STATIC_URL and the name
    # instead: microseconds per {% static %} tag, the same for page and bare page.
    "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "DJANGO_SETTINGS_MODULE": "quartier.settings",
}


def setup() -> None:
    """Configure Django for the bench (each value can be overridden from the
    environment, the database by DATABASE_URL) and mount the bare page."""
    for name, value in BENCH_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(ROOT))
    django.setup()
    # WhiteNoise finds no collected files under STATIC_ROOT on a fresh clone and warns
    # once; the pages measured serve no static file, they only name them.
    warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
    # The product's URLs and the bare page (bench/bare_urls.py), for this process only.
    override_settings(ROOT_URLCONF="bare_urls").enable()


def prepare_database() -> None:
    """Migrate the bench database and load the site pack (both safe to repeat)."""
    call_command("migrate", verbosity=0)
    call_command("load-site", str(ROOT / "sitepacks" / "leipzig-ost.toml"), verbosity=0)


def database_name() -> str:
    """The database measured, e.g. "SQLite 3.40.1" or "PostgreSQL 15.18"."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


def bare_page_url() -> str:
    return reverse("bench-bare")


def get_page(client, url: str, params: dict | None = None) -> Callable[[], object]:
    """A call that requests ``url`` with ``client`` and fails unless it answers 200."""
    return get_pages(client, [url], params)


def get_pages(client, urls: Sequence[str], params: dict | None = None) -> Callable[[], object]:
    """A call that requests the next of ``urls`` in turn (from the first again after the
    last) and fails unless it answers 200."""
    turn = itertools.cycle(urls)

    def request():
        url = next(turn)
        response = client.get(url, params or {})
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return response

    return request


def count_queries(operation: Callable[[], object]) -> tuple[int, object]:
    """Number of queries one call of ``operation`` runs (outside the timed runs: counting
    makes Django keep every query), and what it returned."""
    with CaptureQueriesContext(connection) as queries:
        result = operation()
    return len(queries), result


@contextmanager
def recording(statements: list) -> Iterator[None]:
    """Record each (sql, params) as it reaches the database cursor: the exact SQL that a
    queryset compiled, before the driver binds the parameters."""

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield


def captured_sql(operation: Callable[[], object]) -> list[tuple[str, object]]:
    """The read statements one call of ``operation`` runs; fails if it writes, since
    replaying a write would change the data measured."""
    statements: list[tuple[str, object]] = []
    with recording(statements):
        operation()
    for sql, _ in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            raise ValueError(f"not a read, cannot be replayed: {sql[:80]}")
    return statements


def captured_statements(operation: Callable[[], object]) -> list[tuple[str, object]]:
    """Every statement one call of ``operation`` runs, writes too (see ``rolled_back``)."""
    statements: list[tuple[str, object]] = []
    with recording(statements):
        operation()
    return statements


class _Rollback(Exception):
    pass


def rolled_back(statements: list[tuple[str, object]]) -> Callable[[], object]:
    """A call that runs ``statements`` with a plain cursor, fetching every row, in a
    transaction it then rolls back: a page's audit entries are written and undone, so
    the floor includes them and the data measured stays the same."""

    def replay():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for sql, params in statements:
                        cursor.execute(sql, params)
                        if cursor.description is not None:
                            cursor.fetchall()
                raise _Rollback
        except _Rollback:
            pass

    return replay


def raw_sql(statements: list[tuple[str, object]]) -> Callable[[], object]:
    """A call that runs ``statements`` with a plain cursor and fetches all their rows."""

    def replay():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return replay
