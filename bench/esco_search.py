"""Search quality and speed of the ESCO search and suggestions.

    .venv/bin/python bench/esco_search.py

Loads the shipped ESCO data (once, into the database named by DATABASE_URL, by
default var/bench.sqlite3), runs the fixed queries of `quartier/esco/quality.py`
and prints the share of queries whose expected concept is in the top five, per
language and overall, and the query latency (p50/p95, after a warm-up query that
loads the model and the vectors).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from quartier.esco.quality import CASES, evaluate  # noqa: E402
from quartier.esco.search import search  # noqa: E402
from quartier.esco.shipped import load_shipped  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_shipped()
    print(f"shipped ESCO data loaded in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    search("طباخ", "ar")  # no Arabic labels: loads the model and the vectors
    print(f"first query (model and vectors loaded) {1000 * (time.perf_counter() - started):.0f} ms")
    outcome = evaluate()
    print(f"\n{'language':<10}{'queries':>8}{'top-5 hits':>12}{'rate':>8}")
    for language in dict.fromkeys(case.language for case in CASES):
        print(
            f"{language:<10}{outcome.totals[language]:>8}{outcome.hits[language]:>12}"
            f"{outcome.rate_of(language):>8.0%}"
        )
    total = sum(outcome.totals.values())
    print(f"{'overall':<10}{total:>8}{sum(outcome.hits.values()):>12}{outcome.rate:>8.0%}")
    for mode in ("search", "suggest"):
        times = sorted(1000 * t for case, t in outcome.latencies if case.mode == mode)
        if times:
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print(f"{mode} latency: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms")
    if outcome.misses:
        print("\nmissed:")
        for case in outcome.misses:
            print(f"  [{case.language}] {case.text[:60]}")


if __name__ == "__main__":
    main()
