"""Disclosure control: no published table lets anyone learn a count of one or two people.

``suppress(table)`` decides which cells of a ``Table`` are hidden; every dashboard,
export and API answer shows ``Disclosed.value()``, never the table's own cells.

1. **Primary suppression**: counts from 1 to ``REPORTING_MIN_COUNT - 1`` (settings,
   default 3, so 1 and 2) are hidden. Zeros are shown: "nobody" reveals nobody.
2. **Secondary suppression**: the published cells and the table's linear relations
   (each row's total column, ``Table.relations()``: EECO01 = EECO02 + EECO04 + EECO05
   and the like) form a system of equations in the hidden cells. A hidden cell is
   *determined* when that system fixes its value; then one more cell is hidden, the
   smallest non-zero one in an equation with the determined cell, and the check runs
   again, until no hidden cell is determined.

The check is exact: Gauss-Jordan elimination in whole numbers (no rounding). A hidden
cell is determined exactly when its unit vector lies in the row space of the
equations' coefficients over the hidden cells, which in the reduced form means: some
row has its only non-zero entry in that cell's column. ``tests/test_disclosure.py``
proves the result on many tables with an elimination of its own.

Rows that are rates (``Row.numerator``) are not counts: a rate is shown only where both
its counts are.
"""

from dataclasses import dataclass, field
from math import gcd

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from quartier.reporting.tables import Table

HIDDEN_MARK = "•"
HIDDEN_EXPLANATION = _(
    "“•”: hidden to protect the people counted: a very small count, or a figure from "
    "which one could be worked out."
)

Cell = tuple[str, str]  # (row code, column key)


@dataclass
class Disclosed:
    """A table with the cells that may be published; ``table`` keeps every count."""

    table: Table
    hidden: set[Cell] = field(default_factory=set)
    threshold: int = 3

    def is_hidden(self, row_code: str, column: str) -> bool:
        return (row_code, column) in self.hidden

    def value(self, row_code: str, column: str) -> int | None:
        """The cell as it may be shown: its count, or None where it is hidden."""
        if self.is_hidden(row_code, column):
            return None
        return self.table.cell(row_code, column)


def equations(table: Table) -> list[dict[Cell, int]]:
    """The table's linear relations, each as {cell: coefficient} summing to zero."""
    counted = [row for row in table.rows if row.numerator is None]
    columns = [key for key, _label in table.columns]
    result: list[dict[Cell, int]] = []
    total = table.total_column
    if total is not None:
        for row in counted:
            equation = {(row.code, total): 1}
            for column in columns:
                if column != total:
                    equation[(row.code, column)] = -1
            result.append(equation)
    for whole, parts in table.relations():
        for column in columns:
            equation = {(whole, column): 1}
            for part in parts:
                equation[(part, column)] = equation.get((part, column), 0) - 1
            result.append(equation)
    return result


def determined(
    table: Table, hidden: set[Cell], system: list[dict[Cell, int]] | None = None
) -> set[Cell]:
    """The hidden cells whose value the published cells and the relations fix."""
    unknowns = sorted(hidden)
    index = {cell: position for position, cell in enumerate(unknowns)}
    matrix = []
    for equation in system if system is not None else equations(table):
        row = [0] * len(unknowns)
        for cell, coefficient in equation.items():
            if cell in index:
                row[index[cell]] += coefficient
        if any(row):
            matrix.append(row)
    pivots = _reduce(matrix, len(unknowns))
    return {
        unknowns[column]
        for row_index, column in pivots
        if sum(1 for value in matrix[row_index] if value) == 1
    }


def _reduce(matrix: list[list[int]], width: int) -> list[tuple[int, int]]:
    """Gauss-Jordan elimination of ``matrix`` in place, in whole numbers (each row kept
    divided by the greatest common divisor of its entries): exact, like rational numbers,
    and fast. Every pivot column ends with one non-zero entry. The (row, column) pivots."""
    pivots = []
    top = 0
    for column in range(width):
        found = next((r for r in range(top, len(matrix)) if matrix[r][column]), None)
        if found is None:
            continue
        matrix[top], matrix[found] = matrix[found], matrix[top]
        lead = matrix[top][column]
        for r in range(len(matrix)):
            factor = matrix[r][column]
            if r != top and factor:
                row = [a * lead - b * factor for a, b in zip(matrix[r], matrix[top], strict=True)]
                divisor = gcd(*row)
                matrix[r] = [value // divisor for value in row] if divisor > 1 else row
        pivots.append((top, column))
        top += 1
    return pivots


def primary(table: Table, threshold: int) -> set[Cell]:
    """The counts from 1 to ``threshold - 1``."""
    return {
        (row.code, column)
        for row in table.rows
        if row.numerator is None
        for column, value in row.cells.items()
        if 0 < value < threshold
    }


def suppress(table: Table, threshold: int | None = None) -> Disclosed:
    """The cells of ``table`` to hide (see the module's docstring)."""
    threshold = settings.REPORTING_MIN_COUNT if threshold is None else threshold
    hidden = primary(table, threshold)
    system = equations(table)
    while hidden:
        exposed = determined(table, hidden, system)
        if not exposed:
            break
        extra = _next_cell(table, sorted(exposed)[0], hidden, system)
        if extra is None:
            break  # every cell near it is hidden already: the relations alone fix it
        hidden.add(extra)
    for row in table.rows:
        if row.numerator is not None:
            for column in row.cells:
                if (row.numerator, column) in hidden or (row.denominator, column) in hidden:
                    hidden.add((row.code, column))
    return Disclosed(table, hidden, threshold)


def _next_cell(
    table: Table, cell: Cell, hidden: set[Cell], system: list[dict[Cell, int]]
) -> Cell | None:
    """The cell to hide next so that ``cell`` is no longer determined.

    Among the published non-zero cells in an equation with it (failing that, with any
    hidden cell), the one after whose hiding the fewest cells stay determined, then the
    smallest; a zero only when nothing else is left.
    """

    def published(equations_) -> list[Cell]:
        return sorted({c for eq in equations_ for c in eq if c not in hidden})

    own = [eq for eq in system if cell in eq]
    near = [eq for eq in system if any(c in hidden for c in eq)]
    for candidates in (published(own), published(near)):
        non_zero = [c for c in candidates if table.cell(*c) > 0]
        if non_zero:
            return min(
                non_zero,
                key=lambda c: (
                    len(determined(table, hidden | {c}, system)),
                    table.cell(*c),
                    _order(table, c),
                ),
            )
    zeros = published(own) or published(near)
    return min(zeros, key=lambda c: _order(table, c)) if zeros else None


def _order(table: Table, cell: Cell) -> tuple[int, int]:
    """Table order, so that the choice between equal cells is always the same."""
    rows = [row.code for row in table.rows]
    columns = [key for key, _label in table.columns]
    return rows.index(cell[0]), columns.index(cell[1])
