"""The shape every aggregate takes before it is suppressed, shown, charted or exported.

An indicator or success measure computes a ``Table``: rows (one per indicator or
category, with a stable ``code``) by columns (the gender breakdown, or another
breakdown such as languages), each cell a count. ``Table.sums`` names the rows that
are the sum of others (EECO01 = EECO02 + EECO04 + EECO05), and the last column is the
row total when ``total_column`` is set: together with the cells these are the linear
relations disclosure control (``disclosure.py``) must not let anyone solve.

Rates (attendance rate, share with an interpreter) are not cells: a row may carry a
``numerator`` and ``denominator`` row code and is shown as a share, computed from the
suppressed counts only.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The ESF+ breakdown (Regulation (EU) 2021/1057, Annex I): women, men, non-binary, and
# those who gave no answer; values are ``people.Gender``'s codes.
GENDER_COLUMNS: list[tuple[str, str | Promise]] = [
    ("w", _("Women")),
    ("m", _("Men")),
    ("d", _("Non-binary")),
    ("x", _("No answer")),
    ("total", _("Total")),
]


@dataclass
class Row:
    code: str
    label: str | Promise
    cells: dict[str, int]
    # Where a row is a rate: the codes of the rows it divides (shown as a share).
    numerator: str | None = None
    denominator: str | None = None


@dataclass
class Table:
    key: str
    title: str | Promise
    columns: list[tuple[str, str | Promise]]
    rows: list[Row]
    # The column holding each row's total (the sum of the others), or None.
    total_column: str | None = "total"
    # Rows that are the sum of other rows: {"EECO01": ["EECO02", "EECO04", "EECO05"]}.
    sums: dict[str, list[str]] = field(default_factory=dict)
    description: str | Promise = ""
    # Further sums where a row is the sum of two different sets of rows (EECO01 is also
    # EECO09 + EECO10 + EECO11, every complete record having an ISCED level).
    also_sums: list[tuple[str, list[str]]] = field(default_factory=list)

    def relations(self) -> list[tuple[str, list[str]]]:
        """Every "row = sum of rows" the table holds: ``sums`` and ``also_sums``."""
        return list(self.sums.items()) + list(self.also_sums)

    def row(self, code: str) -> Row:
        for row in self.rows:
            if row.code == code:
                return row
        raise KeyError(code)

    def cell(self, code: str, column: str) -> int:
        return self.row(code).cells[column]


def by_gender(counts: dict[str, int]) -> dict[str, int]:
    """Cells for ``GENDER_COLUMNS`` from counts keyed by gender code (missing = 0)."""
    cells = {key: int(counts.get(key, 0)) for key, _label in GENDER_COLUMNS[:-1]}
    cells["total"] = sum(cells.values())
    return cells
