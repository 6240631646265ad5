"""Pages of a list that cost the same on page one and page 20 000: keyset pagination.

``Paginator`` skips with ``OFFSET`` (the database reads and throws away every row
before the page) and counts the whole set on every request; both grow with the
table. A keyset page instead asks for the rows *after the last row shown*, in the
queryset's own order, which an index on the ordered columns answers by reading just
the page::

    page = keyset_page(queryset.order_by("family_name", "given_name", "pk"),
                       request.GET.get("cursor"), per_page=50)

- The order must end in a unique column (``pk``), so that rows with the same
  name are neither skipped nor shown twice. Columns may be related (``quarter__name``)
  or annotated (``F("due").asc(nulls_last=True)``); a nullable column is ordered with
  its ``nulls_first``/``nulls_last`` made explicit, so both databases agree.
- The cursor names the row a page starts after (or ends before, going back) and the
  order it was made for; it is signed, so a changed, truncated or foreign cursor is
  not trusted: the list shows its first page, never an error.
- The count is bounded: at most ``count_cap + 1`` rows are counted (``SELECT COUNT(*)
  FROM (SELECT … LIMIT cap + 1)``), and a list with more says "more than" the cap.

Two queries a page, whatever the size of the table: the page (one row more than
shown, to tell whether there is a next one) and the bounded count.
"""

import datetime
import decimal
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Expression, F, OrderBy, Q, QuerySet
from django.db.models.expressions import Col
from django.db.models.sql.constants import LOUTER
from django.utils.formats import number_format

COUNT_CAP = 10_000
"""Rows counted at most; above it a list says "more than 10 000". ``KEYSET_COUNT_CAP``
in the settings changes it (tests set it low)."""

_SALT = "quartier.lib.keyset"
_FORWARD, _BACKWARD = "n", "p"


@dataclass
class _Key:
    """One column of the order: the alias it is read through, its direction, and
    whether it may be NULL (then where NULL goes is said in the order)."""

    alias: str
    expression: Expression
    descending: bool
    nulls_first: bool
    nullable: bool = True

    def order(self, forward: bool) -> OrderBy:
        descending = self.descending != (not forward)
        if not self.nullable:
            # No NULLS FIRST/LAST: PostgreSQL reads an index backwards only for the
            # plain opposite order.
            return OrderBy(F(self.alias), descending=descending)
        nulls_first = self.nulls_first if forward else not self.nulls_first
        return OrderBy(
            F(self.alias),
            descending=descending,
            nulls_first=True if nulls_first else None,
            nulls_last=None if nulls_first else True,
        )


@dataclass
class KeysetPage:
    """One page: iterate over it for its rows; ``next_cursor``/``previous_cursor`` go
    into the links (``None`` at the ends)."""

    rows: list
    count: int
    capped: bool
    cap: int
    per_page: int
    number: int = 1
    next_cursor: str | None = None
    previous_cursor: str | None = None

    @property
    def is_first(self) -> bool:
        return self.previous_cursor is None

    @property
    def num_pages(self) -> int | None:
        """Pages in all, when the count is not capped."""
        if self.capped:
            return None
        return max(1, -(-self.count // self.per_page))

    def __iter__(self) -> Iterator:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def object_list(self) -> list:
        """The rows, under the name a ``Paginator`` page gives them."""
        return self.rows

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def count_display(self) -> str:
        """The count (or the cap, when capped) with the language's digit grouping."""
        return number_format(self.cap if self.capped else self.count, force_grouping=True)


def count_cap() -> int:
    return int(getattr(settings, "KEYSET_COUNT_CAP", COUNT_CAP))


def bounded_count(queryset: QuerySet, cap: int) -> tuple[int, bool]:
    """(rows counted, whether there are more than ``cap``): counts at most ``cap + 1``."""
    counted = queryset.order_by().values("pk")[: cap + 1].count()
    return min(counted, cap), counted > cap


def _keys(queryset: QuerySet) -> list[_Key]:
    """The order of ``queryset`` as keys; refuses an order without a unique last column."""
    order = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if not order:
        raise ValueError("keyset pagination needs an ordered queryset")
    keys = []
    name = ""
    for position, item in enumerate(order):
        expression: Any
        if isinstance(item, str):
            descending = item.startswith("-")
            name = item.lstrip("-")
            expression = F(name)
            nulls_first = descending  # as PostgreSQL orders a nullable column
        elif isinstance(item, OrderBy):
            descending = item.descending
            expression = item.expression
            name = getattr(expression, "name", "")
            # Unspecified: PostgreSQL puts NULL last going up, SQLite first; make it one.
            nulls_first = bool(item.nulls_first) or (not item.nulls_last and descending)
        else:
            raise ValueError(f"keyset pagination cannot order by {item!r}")
        keys.append(_Key(f"keyset_{position}", expression, descending, nulls_first))
    if name not in ("pk", "id", queryset.model._meta.pk.name):
        raise ValueError("keyset pagination needs the primary key as the last column")
    return keys


def _order_signature(queryset: QuerySet, keys: Sequence[_Key]) -> str:
    """Which list and order a cursor was made for, so that a cursor of another fails."""
    parts = [queryset.model._meta.label_lower]
    parts += [f"{key.expression!r}{'-' if key.descending else ''}" for key in keys]
    return "|".join(parts)


def _encode(value: Any) -> Any:
    # Full precision (JSON's encoder of Django drops microseconds, and two audit
    # entries may lie less than a millisecond apart).
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def _cursor(signature: str, direction: str, values: Sequence[Any], number: int) -> str:
    """``number`` is the page's number as counted while walking (shown, and named in
    audit entries; rows added meanwhile may shift it)."""
    return signing.dumps(
        {"o": signature, "d": direction, "v": [_encode(value) for value in values], "n": number},
        salt=_SALT,
    )


def _read_cursor(
    cursor: str | None, signature: str, annotated: QuerySet, keys: Sequence[_Key]
) -> tuple[str, list[Any], int] | None:
    """(direction, values, page number) of a cursor made for this order, or ``None``
    for anything else."""
    if not cursor:
        return None
    try:
        payload = signing.loads(cursor, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("o") != signature:
        return None
    direction, raw = payload.get("d"), payload.get("v")
    if direction not in (_FORWARD, _BACKWARD) or not isinstance(raw, list):
        return None
    number = payload.get("n")
    if len(raw) != len(keys) or not isinstance(number, int) or number < 1:
        return None
    values: list[Any] = []
    for key, value in zip(keys, raw, strict=True):
        if value is None:
            values.append(None)
            continue
        output_field = annotated.query.annotations[key.alias].output_field
        try:
            values.append(output_field.to_python(value))
        except (ValidationError, TypeError, ValueError):
            return None
    return direction, values, number


def _beyond(keys: Sequence[_Key], values: Sequence[Any], forward: bool) -> Q:
    """Rows strictly after ``values`` in the order (``forward``) or strictly before it.

    Built as ``k1 > v1 OR (k1 = v1 AND (k2 > v2 OR (k2 = v2 AND …)))``, with NULL
    placed where the order puts it; the first column's bound comes first, so an
    index on the order reads only from there.
    """
    key, value = keys[0], values[0]
    rest = keys[1:]
    # "Greater" in the direction of travel: up for an ascending column going forward.
    up = key.descending != forward
    # NULL sorts after every value when the order puts it last.
    nulls_after = not key.nulls_first if forward else key.nulls_first
    column = key.alias
    if value is None:
        # Past a NULL in this column: only further NULLs (tied on the rest), unless
        # the NULLs come first, then every value comes after them as well.
        same = Q(**{f"{column}__isnull": True})
        further = Q(**{f"{column}__isnull": False}) if not nulls_after else Q(pk__in=[])
    else:
        same = Q(**{column: value})
        further = Q(**{f"{column}__gt" if up else f"{column}__lt": value})
        if nulls_after and key.nullable:
            further |= Q(**{f"{column}__isnull": True})
    if not rest:
        return further
    return further | (same & _beyond(rest, values[1:], forward))


def _after(keys: Sequence[_Key], values: Sequence[Any], forward: bool) -> Q:
    """``_beyond`` with the first column's bound repeated on its own (``k1 >= v1 AND
    (…)``), which PostgreSQL turns into the start of an index scan."""
    condition = _beyond(keys, values, forward)
    first, value = keys[0], values[0]
    if not first.nullable and value is not None:
        up = first.descending != forward
        condition &= Q(**{f"{first.alias}__gte" if up else f"{first.alias}__lte": value})
    return condition


def _is_nullable(annotated: QuerySet, alias: str) -> bool:
    """Whether the column may be NULL: a nullable field, a field reached through an
    outer join, or anything computed (``Coalesce`` of nullable dates)."""
    expression = annotated.query.annotations[alias]
    if not isinstance(expression, Col):
        return True
    join = annotated.query.alias_map.get(expression.alias)
    return bool(expression.target.null) or getattr(join, "join_type", None) == LOUTER


def keyset_page(
    queryset: QuerySet, cursor: str | None, *, per_page: int, cap: int | None = None
) -> KeysetPage:
    """The page of ``queryset`` that ``cursor`` points at (the first page without one,
    or with one that is not valid for this order); see the module's docstring."""
    cap = count_cap() if cap is None else cap
    keys = _keys(queryset)
    annotated = queryset.annotate(**{key.alias: key.expression for key in keys})
    signature = _order_signature(queryset, keys)
    position = _read_cursor(cursor, signature, annotated, keys)

    for key in keys:
        key.nullable = _is_nullable(annotated, key.alias)

    def ordered(forward: bool) -> QuerySet:
        return annotated.order_by(*(key.order(forward) for key in keys))

    def values_of(row: Any) -> list[Any]:
        return [getattr(row, key.alias) for key in keys]

    page = None
    if position is not None:
        direction, values, number = position
        forward = direction == _FORWARD
        rows = list(ordered(forward).filter(_after(keys, values, forward))[: per_page + 1])
        more = len(rows) > per_page
        rows = rows[:per_page]
        if not forward:
            rows.reverse()
        # Nothing there (the rows were deleted meanwhile): the first page instead.
        if rows:
            # Going forward there were rows before (the cursor's); going back there
            # are rows after, and rows before only when more came than are shown.
            before, after = (True, more) if forward else (more, True)
            number = max(number, 2) if before else 1
            page = KeysetPage(rows, 0, False, cap, per_page, number)
            if before:
                page.previous_cursor = _cursor(signature, _BACKWARD, values_of(rows[0]), number - 1)
            if after:
                page.next_cursor = _cursor(signature, _FORWARD, values_of(rows[-1]), number + 1)
    if page is None:
        rows = list(ordered(True)[: per_page + 1])
        page = KeysetPage(rows[:per_page], 0, False, cap, per_page)
        if len(rows) > per_page:
            page.next_cursor = _cursor(signature, _FORWARD, values_of(rows[per_page - 1]), 2)
    page.count, page.capped = bounded_count(queryset, cap)
    return page
