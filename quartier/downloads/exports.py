"""Staff lists exported as XLSX or CSV: exactly the rows the list's filters select, all pages.

Each list describes its export once, beside its views, as a ``ListExport``: its
access (the list's own ``@allow``), its columns (a translatable header and a
function of a row) and a function that gives the rows for a user and the list's
query string, the same filters the page applies. Its module keeps a small
``@task()`` that calls ``make_list_export`` and a view that calls
``request_list_export``; nothing here knows which lists exist.

Every export is a download (the ``downloads`` app): the request records it and
answers with the download's page, a worker makes the file. So a list of a
hundred thousand rows never holds up a request, and memory stays bounded: the
rows come from the database in chunks (``QuerySet.iterator``) and go straight
into the file (``lib/exports.py``), which is spooled to disk.

The file is made in the language of the request that asked for it: headers,
choices and names of languages translated; dates in ISO 8601 (``YYYY-MM-DD``,
unambiguous in every language and sortable; a real date cell in the XLSX). The
CSV separates its fields by ``;`` where the language writes decimals with a comma
(German, Arabic, …, as Excel there expects) and by ``,`` elsewhere (English).

One audit entry per export, written when the file is made:
``<kind>.exported`` with the format, the filter, the number of rows, and the
public references of the people shown (``people``) for lists of personal data, so
an export counts as reading each of them as the list's pages do.
"""

import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils import timezone, translation
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks.base import Task

from quartier.accounts.access import Access, acting_for
from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.downloads.models import Download
from quartier.downloads.services import fulfil_download, request_download
from quartier.downloads.views import see_download
from quartier.lib.exports import CONTENT_TYPES, KINDS, Value, write_table

# Rows fetched from the database at a time: a bounded memory, a handful of queries.
CHUNK = 2000
# Parameters of a list's address that choose a page, not rows.
PAGING = ("cursor", "page")
# Files up to this size stay in memory while they are made; larger ones go to disk.
SPOOL_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[Any], Value]


@dataclass(frozen=True)
class ListExport:
    """One list's export.

    ``kind`` is dotted (``people.participants``): the download's kind, the audit
    code's stem (``people.participants.exported``) and, after its last dot, the
    file's name. ``rows(user, query, subject)`` runs inside the user's scope under
    ``access`` and returns the filtered, ordered queryset; ``subject`` is the record
    the list belongs to (an offer, for its registrations), else None. ``person(row)``
    gives the public reference of the person a row shows, for lists of personal data.
    """

    kind: str
    title: str | Promise
    access: Access
    columns: Sequence[Column]
    rows: Callable[[Any, QueryDict, Any], QuerySet]
    person: Callable[[Any], str | None] | None = None

    @property
    def file_stem(self) -> str:
        return self.kind.rsplit(".", 1)[-1].replace("_", "-")


def list_query(request: HttpRequest) -> QueryDict:
    """The list's filters from the request's query string, without the page."""
    query = request.GET.copy()
    for name in PAGING:
        query.pop(name, None)
    return query


def request_list_export(
    request: HttpRequest,
    export: ListExport,
    make_task: Task,
    file_format: str,
    back_url: str,
    subject: models.Model | None = None,
) -> HttpResponse:
    """Record the export for the user and send them to its download page (303).

    For the list's export view, which has the list's ``@allow`` and has already
    found ``subject`` (if any) through the rule that 404s foreign records. An
    unknown format is a 404. The task runs ``make_task(download_id, format,
    query, language)``.
    """
    if file_format not in KINDS:
        raise Http404
    organisations = export.access.organisations(request.user)
    if not organisations:
        raise Http404
    query = list_query(request)
    language = translation.get_language()
    today = timezone.localdate()
    download = request_download(
        kind=export.kind,
        label=_("%(list)s (%(format)s)") % {"list": export.title, "format": file_format.upper()},
        by=request.user,
        subject=subject if subject is not None else Organisation(pk=organisations[0]),
        organisation_id=organisations[0],
        file_name=f"{export.file_stem}-{today.isoformat()}.{file_format}",
        content_type=CONTENT_TYPES[file_format],
        back_url=back_url + (f"?{query.urlencode()}" if query else ""),
        make_task=make_task,
        args=(file_format, query.urlencode(), language),
    )
    return see_download(download)


def make_list_export(
    export: ListExport, download_id: int, file_format: str, query: str, language: str
) -> None:
    """Make a requested list export (``request_list_export``); does nothing twice."""
    fulfil_download(
        download_id, lambda download: _write(export, download, file_format, query, language)
    )


def _write(
    export: ListExport, download: Download, file_format: str, query: str, language: str
) -> File:
    user = download.requested_by
    filters = QueryDict(query)
    with translation.override(language), acting_for(user, export.access) as organisations:
        if not organisations:  # the user no longer holds a role that sees the list
            raise PermissionError("The requester may no longer see this list.")
        subject = _subject(download)
        rows = export.rows(user, filters, subject)
        people: list[str] = []
        # Closed by fulfil_download once the file is stored.
        target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        count = write_table(
            target,
            file_format,
            [str(column.header) for column in export.columns],
            _lines(export, rows, people),
            title=str(export.title),
            delimiter=_delimiter(),
        )
        data: dict[str, Any] = {
            "format": file_format,
            "filter": {key: filters.getlist(key) for key in filters},
            "rows": count,
            "download": str(download.public_id),
        }
        if export.person is not None:
            data["people"] = list(dict.fromkeys(people))  # each person once, in list order
        log_action(
            f"{export.kind}.exported",
            actor=user,
            subject=subject,
            organisation=download.organisation_id,
            data=data,
            person="",
        )
    target.seek(0)
    return File(target, name=download.file_name)


def _subject(download: Download) -> models.Model | None:
    """The record the list belongs to (an offer); None for a list of the organisation."""
    if ContentType.objects.get_for_id(download.subject_type_id).model_class() is Organisation:
        return None
    with scopes_disabled():  # the list's own rule decides what of it the user sees
        return download.subject


def _lines(export: ListExport, rows: QuerySet, people: list[str]) -> Iterator[list[Value]]:
    for row in rows.iterator(chunk_size=CHUNK):
        if export.person is not None:
            reference = export.person(row)
            if reference:
                people.append(reference)
        yield [column.value(row) for column in export.columns]


def _delimiter() -> str:
    """``;`` where decimals are written with a comma (Excel there expects it), else ``,``."""
    return ";" if get_format("DECIMAL_SEPARATOR") == "," else ","


def text(value: object) -> str:
    """A cell's text: ``""`` for nothing, else the value as shown (a name, a label)."""
    return "" if value is None else str(value)


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
