"""TEMPORARY stand-in for the `core` part's disclosure control (dropped at the merge)."""

from dataclasses import dataclass, field

from django.conf import settings

from quartier.reporting.tables import Table

HIDDEN_MARK = "•"
HIDDEN_EXPLANATION = (
    "• hidden: fewer than 3 people, or a figure from which one could be worked out."
)


@dataclass
class Disclosed:
    table: Table
    hidden: set[tuple[str, str]] = field(default_factory=set)

    def is_hidden(self, row_code: str, column: str) -> bool:
        return (row_code, column) in self.hidden

    def value(self, row_code: str, column: str) -> int | None:
        if self.is_hidden(row_code, column):
            return None
        return self.table.cell(row_code, column)


def suppress(table: Table, threshold: int | None = None) -> Disclosed:
    limit = threshold or getattr(settings, "REPORTING_MIN_COUNT", 3)
    hidden = set()
    for row in table.rows:
        small = [c for c, v in row.cells.items() if 0 < v < limit]
        hidden |= {(row.code, c) for c in small}
        others = [
            c
            for c, v in sorted(row.cells.items(), key=lambda i: i[1])
            if v and c not in small and c != table.total_column
        ]
        if len(small) == 1 and others:
            hidden.add((row.code, others[0]))
    return Disclosed(table, hidden)
