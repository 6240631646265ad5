"""The funder's record set: one row per participant of a project, pseudonymised.

The ESF+ regulation asks for the participants' data at the level of the person
(Regulation (EU) 2021/1057, Art. 17 and Annex I), so this export is not
suppressed like the aggregates: it is pseudonymised instead, made for project
leads only, and every download is audited. ``docs/esf-export.md`` specifies every
column; ``COLUMNS`` below is that specification in code, in the same order.

- **Who is in it**: the participants of the project held by the organisations
  ``scope.organisations_for(user, project)`` names for the project lead (where they
  lead and that take part in the project), not anonymised, whose entry date lies on
  or before the cut-off. It is cumulative: every export to a later cut-off holds the
  rows of the earlier one (unless someone was anonymised meanwhile).
- **As of the cut-off** (31 January or 31 July): an exit dated after the cut-off, or
  a follow-up done after it, is not in the file yet; of several exits up to the
  cut-off the last one counts (as for the indicators).
- **Pseudonym**: a keyed hash (HMAC-SHA-256) of the person's public id and the
  project, with ``settings.REPORTING_PSEUDONYM_KEY``: the same person has the same
  pseudonym in every export of the project and another one in another project;
  without the key nobody can link it to the person, and no name or internal id is
  in the file.
- **Values** are stable codes, not words of a language, so that the funder's
  import reads every file alike; the headers are the column names of the
  specification. Dates are ISO 8601. The CSV is separated by ``;`` (what Excel in
  German expects), UTF-8 with a byte order mark (``lib/exports.py``).

The people are read in chunks, each chunk's exits and follow-ups in one more query;
the file is made by a task through the downloads app, which shows its progress.
Asking, making and opening the file are audited. The entry of making it names the
project, the cut-off, the organisations and the number of rows, and holds a digest of
the pseudonyms (``pseudonyms_digest``) and of the file rather than everyone's
reference: a few hundred bytes whatever the size, from which an auditor who is shown
a file can prove it is the one made, and who is in it follows from the rule above.
"""

import hashlib
import hmac
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import IO, Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from quartier.accounts.access import PROJECT_LEAD, acting_for, allow
from quartier.accounts.audit import log_action
from quartier.counselling.models import Exit
from quartier.downloads.models import Download
from quartier.downloads.services import fulfil_download, report_progress, request_download
from quartier.downloads.views import see_download
from quartier.lib.exports import CONTENT_TYPES, KINDS, XLSX, Value, write_table
from quartier.people.models import Participant, Project
from quartier.reporting.scope import organisations_for, projects_for

KIND = "reporting.funder_records"
# The days of the year the funder's reports are cut at: 31 January and 31 July.
CUTOFF_DAYS = ((1, 31), (7, 31))
# How many cut-offs the form offers, latest first.
OFFERED_CUTOFFS = 6
# Rows read from the database at a time; progress is reported after each chunk.
CHUNK = 2000
SPOOL_BYTES = 5 * 1024 * 1024
# Bytes read at a time to take the file's digest.
FILE_BLOCK = 1024 * 1024
PSEUDONYM_LENGTH = 20  # hex digits: 80 bits, no collision among a project's people
DELIMITER = ";"
# As ``people.Answer`` stores them, so the special categories are written as answered.
YES, NO, NO_ANSWER = "yes", "no", "x"
# The entry data the columns read (``EntryData.is_complete`` and its neighbours included).
ENTRY_COLUMNS = (
    "entry_date",
    "employment_status",
    "unemployed_since",
    "isced",
    "foreign_background",
    "disability",
    "minority",
    "housing_exclusion",
)


# -- Cut-offs and pseudonyms -------------------------------------------------------------


def cutoffs(project: Project, today: date) -> list[date]:
    """The cut-offs the form offers, latest first: 31 January and 31 July since the
    project began, up to today, and at most the first one after the project ended."""
    offered: list[date] = []
    for year in range(project.starts_on.year, today.year + 1):
        for month, day in CUTOFF_DAYS:
            cutoff = date(year, month, day)
            if project.starts_on <= cutoff <= today:
                offered.append(cutoff)
    after_end = [cutoff for cutoff in offered if cutoff > project.ends_on]
    if after_end:
        offered = [cutoff for cutoff in offered if cutoff <= after_end[0]]
    return offered[::-1][:OFFERED_CUTOFFS]


def _pseudonym_key() -> bytes:
    configured = settings.REPORTING_PSEUDONYM_KEY
    if configured:
        return configured.encode()
    # Derived, not SECRET_KEY itself: nothing else is ever keyed with this value.
    return hmac.new(
        settings.SECRET_KEY.encode(), b"quartier.reporting.pseudonym", hashlib.sha256
    ).digest()


def pseudonym(public_id: UUID | str, project: Project, key: bytes | None = None) -> str:
    """The person's pseudonym in ``project``: stable across exports, another per project.

    ``key``: the pseudonyms' key, when the caller makes many (``_pseudonym_key()``).
    """
    message = f"{project.pk}:{UUID(str(public_id))}".encode()
    digest = hmac.new(key or _pseudonym_key(), message, hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_LENGTH].upper()


# -- The rows ----------------------------------------------------------------------------


def participants(project: Project, organisations: list[int], cutoff: date) -> QuerySet[Participant]:
    """The people of the record set with their entry data, by date of entry; call inside
    the project lead's scope."""
    return (
        Participant.objects.filter(
            project=project,
            organisation_id__in=organisations,
            anonymised_at=None,
            entry__entry_date__lte=cutoff,
        )
        .select_related("entry")
        # What the columns read, and no more: a quarter of the time for a large file.
        .only(
            "public_id",
            "gender",
            "date_of_birth",
            "citizenships",
            *(f"entry__{name}" for name in ENTRY_COLUMNS),
        )
        .order_by("entry__entry_date", "pk")
    )


@dataclass(frozen=True)
class LastExit:
    """A person's last exit up to the cut-off, and its follow-up if done by then."""

    exit_date: date
    situation: str
    qualification_gained: bool
    employed_after: bool | None  # None: no follow-up done by the cut-off
    improved_after: str


def last_exits(participant_ids: list[int], cutoff: date) -> dict[int, LastExit]:
    """The last exit up to ``cutoff`` of each of these people (one query).

    Read in date order, so a later exit replaces an earlier one: of a person who left
    twice, the last exit counts, as for the indicators.
    """
    found: dict[int, LastExit] = {}
    rows = (
        Exit.objects.filter(case__participant_id__in=participant_ids, exit_date__lte=cutoff)
        .order_by("exit_date", "pk")
        .values_list(
            "case__participant_id",
            "exit_date",
            "situation",
            "qualification_gained",
            "case__follow_up__done_on",
            "case__follow_up__in_employment",
            "case__follow_up__improved_situation",
        )
    )
    for person, exit_date, situation, qualification, done_on, employed, improved in rows:
        followed_up = done_on is not None and done_on <= cutoff
        found[person] = LastExit(
            exit_date,
            situation,
            qualification,
            employed if followed_up else None,
            improved if followed_up else "",
        )
    return found


@dataclass(frozen=True)
class Record:
    """One row of the file: the person, their pseudonym and their last exit."""

    pseudonym: str
    person: Participant
    exit: LastExit | None


def records(
    project: Project, organisations: list[int], cutoff: date, chunk: int = CHUNK
) -> Iterator[list[Record]]:
    """The rows of the record set, ``chunk`` people at a time; call inside the project
    lead's scope.

    Two queries a chunk (the people with their entry data, then their exits with the
    follow-ups), so memory stays bounded and no row waits on a subquery of its own.
    """
    key = _pseudonym_key()
    people = participants(project, organisations, cutoff).iterator(chunk_size=chunk)
    while batch := list(islice(people, chunk)):
        exits = last_exits([person.pk for person in batch], cutoff)
        yield [
            Record(pseudonym(person.public_id, project, key), person, exits.get(person.pk))
            for person in batch
        ]


def age_group(birth: date | None, on: date) -> str:
    """The ESF+ age group on the day of entry: ``<18``, ``18-29``, ``30-54``, ``55+``."""
    if birth is None:
        return ""
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if age < 18:
        return "<18"
    if age <= 29:
        return "18-29"
    if age <= 54:
        return "30-54"
    return "55+"


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return YES if value else NO


def _third_country(person: Participant) -> str:
    # No citizenship recorded is not an answer; stateless people are recorded as XX.
    third_country = person.is_third_country_national
    return NO_ANSWER if third_country is None else _yes_no(third_country)


def _long_term(person: Participant) -> str:
    entry = person.entry
    if not entry.employment_status:
        return ""
    return _yes_no(entry.is_long_term_unemployed)


def _of_exit(value: Callable[[LastExit], Value]) -> Callable[[Record], Value]:
    """A column of the exit: empty for someone who has not left by the cut-off."""
    return lambda record: "" if record.exit is None else value(record.exit)


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Record], Value]


# The specification's columns, in its order (docs/esf-export.md).
COLUMNS: list[Column] = [
    Column("pseudonym", lambda record: record.pseudonym),
    Column("entry_date", lambda record: record.person.entry.entry_date),
    Column("gender", lambda record: record.person.gender),
    Column(
        "age_group_at_entry",
        lambda record: age_group(record.person.date_of_birth, record.person.entry.entry_date),
    ),
    Column("employment_status", lambda record: record.person.entry.employment_status),
    Column("long_term_unemployed", lambda record: _long_term(record.person)),
    Column("isced", lambda record: record.person.entry.isced),
    Column("third_country_national", lambda record: _third_country(record.person)),
    Column("foreign_background", lambda record: record.person.entry.foreign_background),
    Column("disability", lambda record: record.person.entry.disability),
    Column("minority", lambda record: record.person.entry.minority),
    Column("housing_exclusion", lambda record: record.person.entry.housing_exclusion),
    Column("entry_data_complete", lambda record: _yes_no(record.person.entry.is_complete)),
    Column("exit_date", lambda record: None if record.exit is None else record.exit.exit_date),
    Column("exit_situation", _of_exit(lambda left: left.situation)),
    Column("qualification_gained", _of_exit(lambda left: _yes_no(left.qualification_gained))),
    Column("employed_after_6_months", _of_exit(lambda left: _yes_no(left.employed_after))),
    Column("improved_situation_after_6_months", _of_exit(lambda left: left.improved_after)),
]
HEADER = [column.name for column in COLUMNS]


# -- Requesting and making the file ------------------------------------------------------


def lead_organisations(user: Any, project: Project) -> list[int]:
    """The organisations whose people are in the user's record set of ``project``.

    ``scope.organisations_for`` narrowed to where the user is project lead: the file is
    individual-level, so a reporting viewer's wider reading of aggregates (a person
    who is both) adds nobody to it.
    """
    leading = set(PROJECT_LEAD.organisations(user))
    return [org for org in organisations_for(user, project) if org in leading]


def request_funder_records(
    user: Any, project: Project, cutoff: date, file_format: str, back_url: str
) -> Download:
    """Record the request (audited) and have a task make the file; 404 without a right.

    The caller has checked that ``user`` is a project lead and that ``cutoff`` is
    one the form offers.
    """
    if file_format not in KINDS:
        raise Http404
    organisations = lead_organisations(user, project)
    if not organisations:
        raise Http404
    with transaction.atomic():
        log_action(
            f"{KIND}.requested",
            actor=user,
            subject=project,
            organisation=organisations[0],
            data={
                "project": project.slug,
                "cutoff": cutoff.isoformat(),
                "format": file_format,
                "organisations": organisations,
            },
        )
        return request_download(
            kind=KIND,
            label=_("ESF+ record set %(project)s to %(cutoff)s (%(format)s)")
            % {
                "project": project.name,
                "cutoff": formats.date_format(cutoff, "SHORT_DATE_FORMAT"),
                "format": file_format.upper(),
            },
            by=user,
            subject=project,
            organisation_id=organisations[0],
            file_name=f"esf-{project.slug}-{cutoff.isoformat()}.{file_format}",
            content_type=CONTENT_TYPES[file_format],
            back_url=back_url,
            make_task=funder_records_task,
            args=(project.pk, cutoff.isoformat(), file_format, translation.get_language()),
        )


def write_funder_records(
    download: Download, project_id: int, cutoff: date, file_format: str, language: str
) -> File:
    """Make the file for the user who asked, with their rights as they are now; audited."""
    user = download.requested_by
    with translation.override(language), acting_for(user, PROJECT_LEAD):
        project = Project.objects.get(pk=project_id)
        organisations = lead_organisations(user, project)
        if not organisations:  # no longer a project lead in the project
            raise PermissionError("The requester may no longer have the funder's record set.")
        total = participants(project, organisations, cutoff).count()
        pseudonyms = hashlib.sha256()
        # Closed by fulfil_download once the file is stored.
        target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        count = write_table(
            target,
            file_format,
            HEADER,
            _lines(records(project, organisations, cutoff), pseudonyms, download.pk, total),
            title=_("ESF+ record set"),
            delimiter=DELIMITER,
        )
        log_action(
            f"{KIND}.exported",
            actor=user,
            subject=project,
            organisation=download.organisation_id,
            data={
                "project": project.slug,
                "cutoff": cutoff.isoformat(),
                "format": file_format,
                "organisations": organisations,
                "rows": count,
                "download": str(download.public_id),
                "pseudonyms_sha256": pseudonyms.hexdigest(),
                "file_sha256": _file_digest(target),
            },
            person="",
        )
    target.seek(0)
    return File(target, name=download.file_name)


def _lines(
    chunks: Iterator[list[Record]], pseudonyms: "hashlib._Hash", download_id: int, total: int
) -> Iterator[list[Value]]:
    """The file's rows; each pseudonym goes into the ``pseudonyms`` digest, in file order."""
    done = 0
    for chunk in chunks:
        for record in chunk:
            pseudonyms.update(f"{record.pseudonym}\n".encode())
            yield [column.value(record) for column in COLUMNS]
        done += len(chunk)
        report_progress(download_id, done, total)


def pseudonyms_digest(pseudonyms: Iterable[str]) -> str:
    """SHA-256 of the pseudonyms in the file's order, each followed by a line feed: what
    the audit entry records instead of the people, recomputed from the file's first column."""
    digest = hashlib.sha256()
    for value in pseudonyms:
        digest.update(f"{value}\n".encode())
    return digest.hexdigest()


def _file_digest(target: IO[bytes]) -> str:
    """SHA-256 of the file as written (read back from the start, in blocks)."""
    target.seek(0)
    digest = hashlib.sha256()
    while block := target.read(FILE_BLOCK):
        digest.update(block)
    return digest.hexdigest()


@task()
def funder_records_task(
    download_id: int, project_id: int, cutoff: str, file_format: str, language: str
) -> None:
    """Make a requested record set (``request_funder_records``); does nothing twice."""
    fulfil_download(
        download_id,
        lambda download: write_funder_records(
            download, project_id, date.fromisoformat(cutoff), file_format, language
        ),
    )


# -- The page ----------------------------------------------------------------------------


class FunderRecordsForm(forms.Form):
    project = forms.ChoiceField(label=gettext_lazy("Project"))
    cutoff = forms.ChoiceField(
        label=gettext_lazy("Cut-off date"),
        help_text=gettext_lazy("Everything recorded for dates up to this day."),
    )
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[(XLSX, "XLSX"), ("csv", "CSV")],
        initial=XLSX,
    )

    def __init__(self, *args, projects: list[Project], today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = {project.slug: project for project in projects}
        self.today = today
        project_field = self.fields["project"]
        assert isinstance(project_field, forms.ChoiceField)
        project_field.choices = [(project.slug, project.name) for project in projects]
        offered = sorted({day for project in projects for day in cutoffs(project, today)})
        cutoff_field = self.fields["cutoff"]
        assert isinstance(cutoff_field, forms.ChoiceField)
        cutoff_field.choices = [
            (day.isoformat(), formats.date_format(day, "DATE_FORMAT")) for day in offered[::-1]
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        project = self.projects.get(data.get("project", ""))
        if project is not None and data.get("cutoff"):
            cutoff = date.fromisoformat(data["cutoff"])
            if cutoff not in cutoffs(project, self.today):
                self.add_error("cutoff", _("This cut-off date is outside the project."))
            data["project"], data["cutoff"] = project, cutoff
        return data


def lead_projects(user) -> list[Project]:
    """The projects in which the user leads an organisation that takes part."""
    return [project for project in projects_for(user) if lead_organisations(user, project)]


@allow(PROJECT_LEAD)
def funder_records(request: HttpRequest) -> HttpResponse:
    """The form (project, cut-off, format); sent, the file is made as a download."""
    projects = lead_projects(request.user)
    today = timezone.localdate()
    form = FunderRecordsForm(request.POST or None, projects=projects, today=today)
    if request.method == "POST" and form.is_valid():
        download = request_funder_records(
            request.user,
            form.cleaned_data["project"],
            form.cleaned_data["cutoff"],
            form.cleaned_data["file_format"],
            reverse("reporting:funder-records"),
        )
        return see_download(download)
    return render(
        request,
        "reporting/funder_records.html",
        {"form": form, "projects": projects, "columns": HEADER},
    )
