"""Occupation suggestions from a description, in seven languages: hit rates and time.

    .venv/bin/python bench/esco_suggest.py [--method lexical|model|hybrid] [--vietnamese-marks keep]

Loads the shipped ESCO data (into the database named by DATABASE_URL, by default
var/bench.sqlite3), runs the test set `quartier/esco/tests/data/descriptions.toml`
(short descriptions written for the purpose, fifteen per language) through the
suggestions and prints, per language and overall, the share of descriptions whose
expected occupation is the first suggestion (top-1) and among the first five (top-5),
and the time per suggestion (p50, p95, after one warm-up suggestion that builds the
index and, for the model, loads it). The misses are listed with what was suggested.

`--method` picks the ranking: `lexical` (the default, what the app uses: the label
index of all seven languages), `model` (the multilingual embedding alone, the ranking
before the index existed) or `hybrid` (both, fused by rank). `--vietnamese-marks keep`
indexes Vietnamese with its tone marks instead of folding them.
"""

import argparse
import time

import harness

harness.setup()

# The product modules this script uses, in one place.
from quartier.esco import suggest as esco_suggest  # noqa: E402
from quartier.esco.models import Concept  # noqa: E402
from quartier.esco.quality import evaluate_descriptions, load_descriptions  # noqa: E402
from quartier.esco.shipped import load_shipped  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--method", choices=esco_suggest.METHODS, default="lexical")
    parser.add_argument("--vietnamese-marks", choices=("fold", "keep"), default="fold")
    parser.add_argument("--misses", action="store_true", help="list the misses")
    args = parser.parse_args()

    harness.prepare_database()
    started = time.perf_counter()
    load_shipped()
    print(f"shipped ESCO data loaded in {time.perf_counter() - started:.1f} s")
    esco_suggest.configure(keep_vietnamese_marks=args.vietnamese_marks == "keep")

    def occupations(text: str, language: str) -> list[str]:
        found, _skills = esco_suggest.suggest(text, language, limit=5, method=args.method)
        return [s.uri for s in found]

    started = time.perf_counter()
    occupations("Koch", "de")
    print(
        f"first suggestion (builds the index; loads the model for model and hybrid) "
        f"{time.perf_counter() - started:.2f} s"
    )

    cases = load_descriptions()
    outcome = evaluate_descriptions(cases, occupations)
    print(
        f"\n{harness.database_name()}: {Concept.objects.count()} concepts; "
        f"method {args.method}, Vietnamese marks {args.vietnamese_marks}\n"
    )
    print(f"{'language':<10}{'cases':>6}{'top-1':>8}{'top-5':>8}")
    for language in dict.fromkeys(case.language for case in cases):
        top1, top5 = outcome.rate(outcome.top1, language), outcome.rate(outcome.top5, language)
        print(f"{language:<10}{outcome.totals[language]:>6}{top1:>8.0%}{top5:>8.0%}")
    print(
        f"{'overall':<10}{len(cases):>6}"
        f"{outcome.rate(outcome.top1):>8.0%}{outcome.rate(outcome.top5):>8.0%}"
    )
    milliseconds = [1000 * s for s in outcome.seconds]
    print(
        f"\ntime per suggestion: p50 {harness.percentile(milliseconds, 0.5):.1f} ms, "
        f"p95 {harness.percentile(milliseconds, 0.95):.1f} ms"
    )
    if args.misses:
        labels = dict(Concept.objects.filter(kind="occupation").values_list("uri", "id"))
        names = {
            c.uri: c.label("en")
            for c in Concept.objects.filter(id__in=labels.values()).prefetch_related("labels")
        }
        print("\nmisses:")
        for case, found in outcome.misses:
            print(f"  [{case.language}] {case.text} ({case.group})")
            print(f"      got: {'; '.join(names.get(uri, uri) for uri in found)}")


if __name__ == "__main__":
    main()
