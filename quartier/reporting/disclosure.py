"""TEMPORARY stand-in for core's disclosure.py (the coordinator drops this commit)."""

from dataclasses import dataclass, field

from django.conf import settings

from quartier.reporting.tables import Table

HIDDEN_MARK = "•"
HIDDEN_EXPLANATION = "Hidden: fewer than three people, or a figure that would reveal one."


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
    hidden = {
        (row.code, column)
        for row in table.rows
        for column, value in row.cells.items()
        if 0 < value < limit
    }
    return Disclosed(table, hidden)
