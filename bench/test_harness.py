"""The bench's own arithmetic and table (the suite collects it with the rest)."""

from harness import Row, percentile, table


def test_percentile_is_the_nearest_rank():
    samples = [float(n) for n in range(1, 21)]  # 1 … 20
    assert percentile(samples, 0.5) == 10.0
    assert percentile(samples, 0.95) == 19.0
    assert percentile(samples, 1.0) == 20.0
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([7.0], 0.95) == 7.0


def test_table_prints_each_figure_beside_its_baseline_and_the_ratio():
    rows = [
        Row("participant list", [12.4] * 19 + [20.0], "bare page", [4.0] * 19 + [5.0], "8 q"),
        Row("person page", [9.0], "bare page", [0.0]),
    ]
    assert table(rows).splitlines() == [
        "                  p50 ms  p95 ms  baseline   p50 ms  p95 ms  × p50  × p95",
        "participant list    12.4    12.4  bare page    4.00    4.00   3.1×   3.1×  8 q",
        "person page          9.0     9.0  bare page    0.00    0.00      –      –",
    ]
