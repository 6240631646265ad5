"""The pagination of the API's lists, in two kinds.

Lists that grow with the programme (participants, cases, businesses, appointments,
visits) page by cursor (``CursorPages``, on ``quartier.lib.keyset``): ``?cursor=`` and
``?page_size=`` (at most 100); the answer is ``{"items": […], "count": N, "capped":
false, "next": "…", "previous": null}``. ``next``/``previous`` are opaque cursors for
``?cursor=`` (``null`` at the ends); ``count`` stops at 10 000 with ``capped`` true
above; a cursor that is not valid for the list gives its first page. A page costs the
same at any depth of any size of list.

Small, bounded lists page by number (``Pages``): ``?page=`` from 1 and ``?page_size=``;
the answer is ``{"items": […], "count": N}`` with the number of all records. A page
past the last one is empty, with the real count: neither the last page nor an error,
and never an offset the database cannot take (a huge ``page`` is still a number).
"""

from collections.abc import Callable
from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

from quartier.accounts.access import Access
from quartier.accounts.audit import log_action
from quartier.lib.keyset import keyset_page

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def page_of(records, page: int, page_size: int) -> tuple[list, int]:
    """(the records on ``page``, the number of all): a count query, then the page's
    query unless the page lies past the end. ``records`` is a queryset or a list."""
    count = records.count() if hasattr(records, "query") else len(records)
    offset = (page - 1) * page_size
    if offset >= count:
        return [], count
    return list(records[offset : offset + page_size]), count


class Pages(PaginationBase):
    """Use as ``@paginate(Pages)`` (50 a page) or ``@paginate(Pages, page_size=100)``."""

    class Input(Schema):
        page: int = Field(1, ge=1)
        page_size: int | None = Field(None, ge=1, description=f"At most {MAX_PAGE_SIZE}.")

    def __init__(self, page_size: int = PAGE_SIZE, **kwargs: Any):
        super().__init__(**kwargs)
        self.page_size = page_size

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        size = min(pagination.page_size or self.page_size, MAX_PAGE_SIZE)
        items, count = page_of(queryset, pagination.page, size)
        return {"items": items, "count": count}


class CursorInput(Schema):
    cursor: str | None = Field(
        None,
        max_length=2000,
        description="The `next` or `previous` of an answer; without it, the first page.",
    )
    page_size: int | None = Field(None, ge=1, description=f"At most {MAX_PAGE_SIZE}.")


class CursorOutput(Schema):
    items: list[Any]
    count: int = Field(description="The number of all records, at most 10 000.")
    capped: bool = Field(description="There are more records than `count`.")
    next: str | None = Field(description="Cursor of the next page; null on the last.")
    previous: str | None = Field(description="Cursor of the previous page; null on the first.")


class CursorPages(PaginationBase):
    """Use as ``@paginate(CursorPages)`` on an operation that returns a queryset ordered
    by an indexed column and the primary key last (``order_by("name", "id")``)."""

    Input = CursorInput
    Output = CursorOutput

    def __init__(self, page_size: int = PAGE_SIZE, **kwargs: Any):
        super().__init__(**kwargs)
        self.page_size = page_size

    def page(self, queryset, pagination: CursorInput):
        size = min(pagination.page_size or self.page_size, MAX_PAGE_SIZE)
        return keyset_page(queryset, pagination.cursor, per_page=size)

    def paginate_queryset(self, queryset, pagination: CursorInput, request, **params) -> dict:
        return self.answer(self.page(queryset, pagination))

    @staticmethod
    def answer(page) -> dict:
        return {
            "items": page.rows,
            "count": page.count,
            "capped": page.capped,
            "next": page.next_cursor,
            "previous": page.previous_cursor,
        }


class AuditedCursorPages(CursorPages):
    """``CursorPages`` of records about people that say whom they showed, as the staff
    lists do: one audit entry ``code`` per page with the people's reference numbers and
    the page's number, in the name of the first organisation where ``access`` lets the
    token's user act.

    ``@paginate(AuditedCursorPages, code="people.participant.listed", access=CASEWORK)``;
    ``person`` gives a record's person (default: the record itself).
    """

    def __init__(
        self,
        code: str,
        access: Access,
        person: Callable[[Any], Any] = lambda record: record,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.code, self.access, self.person = code, access, person

    def paginate_queryset(self, queryset, pagination: CursorInput, request, **params) -> dict:
        page = self.page(queryset, pagination)
        log_action(
            self.code,
            actor=request.auth,
            organisation=self.access.organisations(request.auth)[0],
            data={
                "page": page.number,
                "people": [str(self.person(record).public_id) for record in page],
                "api": True,
            },
        )
        return self.answer(page)
