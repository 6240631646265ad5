"""The suppression proof: no hidden cell of any table can be worked out from what is shown.

The check here is written apart from ``disclosure.py``: it builds the table's equations
itself (each row's total, each column of every "row = sum of rows" relation), with the
published cells on the right-hand side, and solves the homogeneous system in exact
rational arithmetic (``Fraction``). A hidden cell can differ from its true value while
every published cell stays the same exactly when some solution moves it; if none does,
the published cells fix its value and the suppression failed.
"""

import random
from fractions import Fraction

import pytest

from quartier.reporting.disclosure import HIDDEN_MARK, suppress
from quartier.reporting.tables import GENDER_COLUMNS, Row, Table, by_gender

COLUMNS = [key for key, _label in GENDER_COLUMNS]


def null_space(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """A basis of the solutions of ``rows · v = 0`` (reduced row echelon form, by hand)."""
    rows = [list(row) for row in rows]
    pivots: list[int] = []
    for column in range(width):
        top = len(pivots)
        pivot = next((r for r in range(top, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[top], rows[pivot] = rows[pivot], rows[top]
        rows[top] = [value / rows[top][column] for value in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[top], strict=True)]
        pivots.append(column)
    basis = []
    for free in (c for c in range(width) if c not in pivots):
        vector = [Fraction(0)] * width
        vector[free] = Fraction(1)
        for row_index, column in enumerate(pivots):
            vector[column] = -rows[row_index][free]
        basis.append(vector)
    return basis


def recoverable(table: Table, hidden: set) -> set:
    """The hidden cells whose value the published cells and the relations fix."""
    unknowns = sorted(hidden)
    position = {cell: i for i, cell in enumerate(unknowns)}
    system = []

    def add(cells_with_signs):
        row = [Fraction(0)] * len(unknowns)
        for cell, sign in cells_with_signs:
            if cell in position:
                row[position[cell]] += sign
        system.append(row)

    for row in table.rows:
        if table.total_column:
            add([((row.code, "total"), 1)] + [((row.code, c), -1) for c in COLUMNS[:-1]])
    for whole, parts in table.relations():
        for column, _label in table.columns:
            add([((whole, column), 1)] + [((part, column), -1) for part in parts])
    # A hidden cell can take another value, with everything shown unchanged, exactly when
    # some solution of the homogeneous system moves it.
    basis = null_space(system, len(unknowns))
    return {cell for cell in unknowns if all(v[position[cell]] == 0 for v in basis)}


def gender_table(rows: dict[str, dict[str, int]], sums=None, also=None) -> Table:
    return Table(
        "t",
        "Test",
        GENDER_COLUMNS,
        [Row(code, code, by_gender(counts)) for code, counts in rows.items()],
        sums=sums or {},
        also_sums=also or [],
    )


def random_table(rng: random.Random) -> Table:
    """Rows of small counts, with a total row over some of them and a second split."""
    parts = [f"p{i}" for i in range(rng.randint(2, 6))]
    rows = {}
    for code in parts:
        rows[code] = {g: rng.choice([0, 0, 1, 1, 2, 3, 4, 7, 12]) for g in "wmdx"}
    rows["all"] = {g: sum(rows[p][g] for p in parts) for g in "wmdx"}
    sums = {"all": parts}
    also = []
    if rng.random() < 0.5:
        # A second split of the same total (as ISCED levels split EECO01).
        other = [f"q{i}" for i in range(rng.randint(2, 4))]
        for g in "wmdx":
            left = rows["all"][g]
            for code in other[:-1]:
                take = rng.randint(0, left)
                rows.setdefault(code, {})[g] = take
                left -= take
            rows.setdefault(other[-1], {})[g] = left
        also = [("all", other)]
    if rng.random() < 0.3:
        rows["free"] = {g: rng.choice([0, 1, 2, 5]) for g in "wmdx"}
    return gender_table(rows, sums, also)


HARD_CASES = [
    # One small cell in a row: its total and the row's others give it away.
    gender_table({"a": {"w": 1, "m": 10, "d": 0, "x": 0}}),
    # A small cell in a part row: the column's sum gives it away too.
    gender_table(
        {
            "all": {"w": 11, "m": 12, "d": 0, "x": 5},
            "p": {"w": 1, "m": 6, "d": 0, "x": 3},
            "q": {"w": 10, "m": 6, "d": 0, "x": 2},
        },
        {"all": ["p", "q"]},
    ),
    # Two splits of one total, the small cells in different rows and columns.
    gender_table(
        {
            "all": {"w": 9, "m": 8, "d": 1, "x": 4},
            "p": {"w": 2, "m": 4, "d": 1, "x": 0},
            "q": {"w": 7, "m": 4, "d": 0, "x": 4},
            "r": {"w": 5, "m": 1, "d": 0, "x": 2},
            "s": {"w": 4, "m": 7, "d": 1, "x": 2},
        },
        {"all": ["p", "q"]},
        [("all", ["r", "s"])],
    ),
    # Everything small: all hidden, nothing to be worked out.
    gender_table({"a": {"w": 1, "m": 2, "d": 1, "x": 0}, "b": {"w": 2, "m": 1, "d": 0, "x": 1}}),
    # Only one non-zero cell in a row: the total equals it.
    gender_table({"a": {"w": 2, "m": 0, "d": 0, "x": 0}, "b": {"w": 5, "m": 5, "d": 5, "x": 5}}),
    # Nested sums: a total of totals.
    gender_table(
        {
            "top": {"w": 20, "m": 21, "d": 2, "x": 3},
            "mid": {"w": 12, "m": 11, "d": 1, "x": 3},
            "leaf1": {"w": 10, "m": 10, "d": 1, "x": 1},
            "leaf2": {"w": 2, "m": 1, "d": 0, "x": 2},
            "side": {"w": 8, "m": 10, "d": 1, "x": 0},
        },
        {"top": ["mid", "side"], "mid": ["leaf1", "leaf2"]},
    ),
]


def check(table: Table, threshold: int = 3):
    disclosed = suppress(table, threshold)
    # Every small count is hidden; what is shown is the true count.
    for row in table.rows:
        for column, value in row.cells.items():
            if 0 < value < threshold:
                assert disclosed.is_hidden(row.code, column)
            if not disclosed.is_hidden(row.code, column):
                assert disclosed.value(row.code, column) == value
    assert recoverable(table, disclosed.hidden) == set(), table
    return disclosed


@pytest.mark.parametrize("number", range(len(HARD_CASES)))
def test_no_hidden_cell_of_the_hard_cases_can_be_worked_out(number):
    check(HARD_CASES[number])


def test_no_hidden_cell_of_five_hundred_random_tables_can_be_worked_out():
    rng = random.Random(2021_1057)
    hidden = primary = cells = 0
    for _number in range(500):
        table = random_table(rng)
        threshold = rng.choice([3, 3, 5])
        disclosed = check(table, threshold)
        hidden += len(disclosed.hidden)
        primary += sum(1 for row in table.rows for v in row.cells.values() if 0 < v < threshold)
        cells += sum(len(row.cells) for row in table.rows)
    # Secondary suppression did work, and left most cells shown.
    assert primary > 0
    assert primary < hidden < cells / 2


def test_primary_suppression_alone_leaves_a_cell_to_be_worked_out():
    """The counter-test: the check finds what only hiding small counts would give away."""
    table = HARD_CASES[1]
    small = {
        (row.code, column) for row in table.rows for column, v in row.cells.items() if 0 < v < 3
    }
    assert ("p", "w") in small
    assert ("p", "w") in recoverable(table, small)
    assert ("p", "w") not in recoverable(table, suppress(table).hidden)


def test_zeros_are_shown_and_large_counts_mostly_too():
    table = HARD_CASES[1]
    disclosed = suppress(table)
    assert disclosed.value("all", "d") == 0
    assert disclosed.value("q", "d") == 0
    assert disclosed.value("all", "total") == 28
    # The smallest further cells go first: the 3 beside the hidden 1, not the 10 or 6.
    assert len(disclosed.hidden) < 8


def test_the_threshold_comes_from_the_settings(settings):
    table = gender_table({"a": {"w": 4, "m": 10, "d": 0, "x": 6}})
    assert not suppress(table).hidden
    settings.REPORTING_MIN_COUNT = 5
    assert suppress(table).is_hidden("a", "w")


def test_a_rate_is_hidden_where_its_counts_are():
    table = Table(
        "r",
        "Rates",
        [("total", "Total")],
        [
            Row("came", "came", {"total": 2}),
            Row("registered", "registered", {"total": 40}),
            Row("rate", "rate", {"total": 5}, numerator="came", denominator="registered"),
        ],
        total_column=None,
    )
    disclosed = suppress(table)
    assert disclosed.value("rate", "total") is None
    assert disclosed.value("registered", "total") == 40
    assert HIDDEN_MARK == "•"
