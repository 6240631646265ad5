"""What an importer for one kind of record provides, and the registry of importers.

The generic part (upload, column mapping, preview, all-or-nothing write with
progress) lives in this app; an importer only says which fields exist, how a
row is checked and matched (``plan``) and how the checked rows are written
(``write``). ``quartier.people.importer`` is the first one.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.module_loading import autodiscover_modules

from quartier.accounts.access import Access

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
ERROR = "error"
ACTIONS = (CREATE, UPDATE, UNCHANGED, ERROR)


@dataclass(frozen=True)
class Field:
    """A field a column can fill. ``aliases`` are header names that suggest it."""

    name: str
    label: Any  # a lazy translation
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth a look) in a row: a message code, the column and its value."""

    code: str
    column: str = ""
    value: str = ""

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "column": self.column, "value": self.value}


@dataclass
class RowPlan:
    """What will happen to one row. ``values`` and ``target`` are for ``write`` only."""

    number: int
    label: str = ""
    action: str = CREATE
    values: dict[str, Any] = field(default_factory=dict)
    target: int | None = None
    changes: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def fail(self, code: str, column: str = "", value: str = "") -> None:
        self.errors.append(Problem(code, column, value))
        self.action = ERROR

    def warn(self, code: str, column: str = "", value: str = "") -> None:
        self.warnings.append(Problem(code, column, value))

    def as_json(self) -> dict[str, Any]:
        """What the preview shows; stored on the job, worded when shown."""
        return {
            "number": self.number,
            "label": self.label,
            "action": self.action,
            "changes": self.changes,
            "errors": [problem.as_json() for problem in self.errors],
            "warnings": [problem.as_json() for problem in self.warnings],
        }


@dataclass(frozen=True)
class SourceRow:
    """A row with its cells by field name, and the file's name for each field's column."""

    number: int
    cells: dict[str, str]
    columns: dict[str, str]

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def column(self, name: str) -> str:
        return self.columns.get(name, "")


Progress = Callable[[int], None]


class Importer:
    """Subclass per kind of record and ``register`` an instance."""

    kind: ClassVar[str]
    title: ClassVar[Any]  # lazy, e.g. _("Import participants")
    what: ClassVar[Any]  # lazy plural of the records, e.g. _("participants")
    audit_prefix: ClassVar[str]  # e.g. "people.import": .previewed / .written are appended
    # Who may import, and into which organisations: the pages' access, and the scope the
    # task that writes a large file acts in for the uploader.
    access: ClassVar[Access]
    fields: ClassVar[Sequence[Field]]
    # Problem codes → lazy messages with %(column)s and %(value)s, on top of imports.messages.
    messages: ClassVar[dict[str, Any]] = {}
    template_dir: ClassVar[
        str
    ]  # templates upload/mapping/preview/status.html, e.g. "people/import"
    url_names: ClassVar[dict[str, str]]  # upload, mapping, preview, write, status, done
    upload_form: ClassVar[type]
    mapping_form: ClassVar[type]
    # App labels or models whose tables `write` fills; analysed after the write (quartier.database).
    fills: ClassVar[Sequence[Any]] = ()

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def plan(self, job, rows: list[SourceRow]) -> list[RowPlan]:
        """Check and match every row; must run in the job organisation's scope.

        Set-wise: a constant number of queries per batch of rows, never per row.
        """
        raise NotImplementedError

    def write(self, job, plans: list[RowPlan], by, progress: Progress) -> dict[str, int]:
        """Write the checked rows (none has errors) inside the caller's transaction.

        Calls ``progress(n)`` now and then; returns counts for the audit entry.
        """
        raise NotImplementedError


_IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    _IMPORTERS[importer.kind] = importer
    return importer


def importer_for(kind: str) -> Importer:
    """The importer for ``kind``. Each app registers its own in ``importer.py``, found as
    the admin finds ``admin.py``."""
    if kind not in _IMPORTERS:
        autodiscover_modules("importer")
    return _IMPORTERS[kind]
