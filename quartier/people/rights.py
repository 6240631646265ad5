"""Data-subject rights: export everything about a person, erase, anonymise after retention.

Export (Art. 15 and 20 GDPR)
    ``export_person`` collects the sections of every ``PersonPart``
    (``people/parts.py``). People's own part (``people/person.py``) gives the
    record, the ESF+ entry data, the consents and who accessed the record; other
    apps name their parts in their ``AppConfig`` so that people never imports
    them (DESIGN.md: dependencies point one way).

Erasure (Art. 17 GDPR, limited by Art. 17(3)(b))
    ``request_erasure`` deletes at once what rests on consent or is not needed
    for the ESF+ monitoring, and keeps, under the legal obligation of
    Regulation (EU) 2021/1057 Art. 17 and Annex I, what the indicators need
    until the project's ``retention_until`` date. ``anonymise_expired`` then
    anonymises every record whose project's retention date has passed.

What erasure deletes at once (consent-based or not needed for monitoring):
    e-mail, phone, the preferred contact channel (back to "in person"), street
    and number, the name in Latin letters, every spoken language other than the
    preferred one; every live consent except the ESF monitoring notice (which is
    information under a legal obligation, not consent) is withdrawn; whatever
    other apps' parts erase (``PersonPart.erase``) (e.g. counselling notes).

What erasure keeps until the retention date, and why:
    given and family name (to identify the person whose monitoring data is kept
    and to answer the authority's and auditors' questions), date of birth (age
    at entry), gender, postcode and city with quarter and neighbourhood (place), the
    citizenships (third-country status), the ESF+ entry data, the consent
    records themselves (proof of what was agreed, when).

What anonymisation does (and keeps the aggregates):
    names become a placeholder, the date of birth becomes 1 January of its
    year, contact details, street, postcode and city are removed while quarter
    and neighbourhood stay, remaining live consents are withdrawn, and
    ``anonymised_at`` is set. Gender, quarter, neighbourhood, citizenships,
    languages and the entry data stay, so counts per quarter, gender and
    labour-market status are the same before and after.

Every step writes the audit log.
"""

import json
import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks import task

from quartier.accounts.access import acting_for, roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import AuditEntry, Role
from quartier.downloads.models import Download
from quartier.downloads.services import (
    discard_downloads,
    fulfil_download,
    purge_expired,
    request_download,
)
from quartier.lib.search import search_key
from quartier.people import parts
from quartier.people.models import (
    Consent,
    ContactChannel,
    EntryData,
    Participant,
    Purpose,
)
from quartier.people.parts import Exporter, Rows

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "quartier.person-export/1"
ANONYMISED_GIVEN_NAME = "Anonymised"
ANONYMISED_FAMILY_NAME = "participant"
ANONYMISE_BATCH_SIZE = 500

# Who may print the consent sheet, export a person's data and record their erasure:
# counsellors and project leads of the organisation that holds the record.
RIGHTS = roles(Role.COUNSELLOR, Role.PROJECT_LEAD)


def export_section(
    name: str,
    rows: Callable[[Participant], Rows],
    *,
    title=None,
    labels: Mapping[str, Any] | None = None,
    choices: Mapping[str, Mapping[str, Any]] | None = None,
    formatters: Mapping[str, Callable[[Any], str]] | None = None,
) -> Exporter:
    """One section of every person's export, for ``PersonPart.export_sections``.

    ``rows(participant)`` runs outside any organisation scope question: it gets
    the participant (already checked to belong to the requesting organisation)
    and must return only that person's data. It should query a constant number
    of times.
    """
    return Exporter(
        name=name,
        rows=rows,
        title=title or name,
        labels=dict(labels or {}),
        choices=dict(choices or {}),
        formatters=dict(formatters or {}),
    )


def exporters() -> dict[str, Exporter]:
    """Every part's export sections by name, in the parts' order."""
    return {
        exporter.name: exporter
        for part in parts.person_parts()
        for exporter in part.export_sections()
    }


def describe(model: type[models.Model], fields: list[str]) -> dict[str, dict]:
    """Labels and choices of ``fields``, for ``export_section(..., **describe(...))``."""
    labels: dict[str, Any] = {}
    choices: dict[str, dict[str, Any]] = {}
    for name in fields:
        model_field = model._meta.get_field(name)
        labels[name] = getattr(model_field, "verbose_name", name)
        if field_choices := getattr(model_field, "choices", None):
            choices[name] = dict(field_choices)
    return {"labels": labels, "choices": choices}


# -- Export ----------------------------------------------------------------------

PARTICIPANT_FIELDS = [
    "public_id",
    "organisation",
    "project",
    "given_name",
    "family_name",
    "name_latin",
    "date_of_birth",
    "gender",
    "email",
    "phone",
    "preferred_channel",
    "street",
    "postcode",
    "city",
    "quarter",
    "neighbourhood",
    "languages",
    "preferred_language",
    "citizenships",
    "created_at",
    "erasure_requested_at",
    "anonymised_at",
]
RELATED_NAMES = {"organisation", "project", "quarter", "neighbourhood"}

ENTRY_FIELDS = [
    "entry_date",
    "employment_status",
    "registration",
    "unemployed_since",
    "isced",
    "foreign_background",
    "disability",
    "minority",
    "housing_exclusion",
]

CONSENT_FIELDS = ["purpose", "wording_version", "language", "given_at", "withdrawn_at", "recipient"]

ACCESS_FIELDS = ["created_at", "code", "organisation"]


def participant_rows(participant: Participant) -> Rows:
    """Needs organisation, project, quarter and neighbourhood selected on the participant."""
    row: dict[str, Any] = {}
    for name in PARTICIPANT_FIELDS:
        value = getattr(participant, name)
        row[name] = str(value) if name in RELATED_NAMES and value is not None else value
    return [row]


def entry_rows(participant: Participant) -> Rows:
    """One query."""
    entries = EntryData.objects.with_scope(organisation=participant.organisation_id).filter(
        participant=participant
    )
    return [{name: getattr(entry, name) for name in ENTRY_FIELDS} for entry in entries]


def consent_rows(participant: Participant) -> Rows:
    """One query (recipients joined)."""
    consents = (
        Consent.objects.with_scope(organisation=participant.organisation_id)
        .filter(participant=participant)
        .select_related("recipient")
        .order_by("given_at", "id")
    )
    return [
        {
            **{name: getattr(consent, name) for name in CONSENT_FIELDS[:-1]},
            "recipient": str(consent.recipient) if consent.recipient else None,
            # The ESF notice sits among the consents but is none: say so in the export.
            "kind": "notice" if consent.is_notice else "consent",
        }
        for consent in consents
    ]


def access_rows(participant: Participant) -> Rows:
    """Who (which organisation) did what with the record, when. One query.

    Staff members' own names and addresses stay out: the person learns the
    recipients and the actions (Art. 15(1)(c)), not the staff's personal data.
    """
    with scopes_disabled():
        entries = (
            AuditEntry.objects.filter(
                Q(person=str(participant.public_id))
                | Q(subject_type=Participant._meta.label_lower, subject_id=str(participant.pk))
            )
            .select_related("organisation")
            .order_by("created_at", "id")
        )
        return [
            {
                "created_at": entry.created_at,
                "code": entry.code,
                "organisation": str(entry.organisation) if entry.organisation else None,
            }
            for entry in entries
        ]


def collect_export(participant: Participant) -> dict[str, Any]:
    """Everything about the person: ``{"format", "exported_at", "sections": {name: rows}}``.

    Not audited by itself; ``export_person`` is the audited service.
    """
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "sections": {name: exporter.rows(participant) for name, exporter in exporters().items()},
    }


def log_export(participant: Participant, by, export_format: str) -> None:
    log_action(
        "people.participant.exported",
        actor=by,
        subject=participant,
        data={"format": export_format, "sections": list(exporters())},
    )


def export_person(participant: Participant, by, export_format: str) -> dict[str, Any]:
    """Collect the export and write ``people.participant.exported`` (with the format)."""
    with transaction.atomic():
        log_export(participant, by, export_format)
        return collect_export(participant)


def person_page(participant: Participant) -> str:
    return reverse("people:detail", kwargs={"code": participant.public_id})


def participant_for_task(participant_id: int) -> Participant:
    """The person a download task works on, as the rights views load them.

    Call inside ``acting_for(user, RIGHTS)``: a person the user may no longer
    see is not found, and the download fails instead of leaking.
    """
    return Participant.objects.select_related(
        "organisation", "project", "quarter", "neighbourhood"
    ).get(pk=participant_id)


def request_json_export(participant: Participant, by) -> Download:
    """Audit the export now (``people.participant.exported``) and make the file in a task."""
    with transaction.atomic():
        log_export(participant, by, "json")
        return request_download(
            kind="people.export_json",
            label=_("Data export (JSON) – %(name)s") % {"name": participant},
            by=by,
            subject=participant,
            organisation_id=participant.organisation_id,
            file_name=f"data-{participant.public_id}.json",
            content_type="application/json; charset=utf-8",
            back_url=person_page(participant),
            make_task=export_json_task,
            args=(participant.pk,),
        )


def json_export(download: Download, participant_id: int) -> bytes:
    """The export as JSON, collected with the requester's scope (``RIGHTS``)."""
    with acting_for(download.requested_by, RIGHTS):
        export = collect_export(participant_for_task(participant_id))
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


@task()
def export_json_task(download_id: int, participant_id: int) -> None:
    """Make a requested JSON export (``request_json_export``); does nothing twice."""
    fulfil_download(download_id, lambda download: json_export(download, participant_id))


# -- Erasure ---------------------------------------------------------------------

# Fields erasure empties at once (see the module docstring for the reasons).
ERASED_AT_ONCE = ("email", "phone", "street", "name_latin")


class ErasureError(ValueError):
    pass


def request_erasure(participant: Participant, by) -> Participant:
    """Delete the consent-based data now; keep the monitoring data until retention ends.

    Idempotent: asking again clears anything added since and keeps the first
    request's time. If the project's retention date has already passed, the
    person's anonymisation is queued straight away (on commit).
    """
    if participant.anonymised_at is not None:
        raise ErasureError("This record has already been anonymised.")
    now = timezone.now()
    with transaction.atomic():
        cleared = [name for name in ERASED_AT_ONCE if getattr(participant, name)]
        for name in ERASED_AT_ONCE:
            setattr(participant, name, "")
        if participant.preferred_channel != ContactChannel.IN_PERSON:
            participant.preferred_channel = ContactChannel.IN_PERSON
            cleared.append("preferred_channel")
        kept_languages = [participant.preferred_language] if participant.preferred_language else []
        if participant.languages != kept_languages:
            participant.languages = kept_languages
            cleared.append("languages")
        participant.search_key = search_key(participant.given_name, participant.family_name)
        if participant.erasure_requested_at is None:
            participant.erasure_requested_at = now
        participant.save(
            update_fields=[
                *ERASED_AT_ONCE,
                "preferred_channel",
                "languages",
                "search_key",
                "erasure_requested_at",
            ]
        )
        withdrawn = list(
            Consent.objects.with_scope(organisation=participant.organisation_id)
            .filter(participant=participant, withdrawn_at=None)
            .exclude(purpose=Purpose.ESF_NOTICE)
            .values_list("purpose", flat=True)
        )
        Consent.objects.with_scope(organisation=participant.organisation_id).filter(
            participant=participant, withdrawn_at=None
        ).exclude(purpose=Purpose.ESF_NOTICE).update(withdrawn_at=now)
        for part in parts.person_parts():
            part.erase(participant, by)
        # Sheets and exports made for the person must not outlive the erasure.
        discard_downloads(Participant, [participant.pk])
        log_action(
            "people.participant.erasure_requested",
            actor=by,
            subject=participant,
            data={"cleared": sorted(cleared), "withdrawn": sorted(withdrawn)},
        )
        if participant.project.retention_until < timezone.localdate():
            # The retention period is over: nothing is left to keep.
            pk = participant.pk
            transaction.on_commit(lambda: anonymise_participants_task.enqueue([pk]))
    return participant


# -- Anonymisation after the retention date ---------------------------------------


def anonymise_participants(ids: list[int]) -> int:
    """Anonymise these participants; skips any already anonymised. Returns how many were.

    Each row is claimed with a conditional update (``anonymised_at`` still empty),
    so two workers never anonymise, or audit, the same person twice.
    """
    if not ids:
        return 0
    now = timezone.now()
    done: list[Participant] = []
    with scopes_disabled(), transaction.atomic():
        people = list(
            Participant.objects.filter(pk__in=ids, anonymised_at=None)
            .select_related("organisation")
            .order_by("pk")
        )
        for person in people:
            birth = person.date_of_birth
            claimed = Participant.objects.filter(pk=person.pk, anonymised_at=None).update(
                given_name=ANONYMISED_GIVEN_NAME,
                family_name=ANONYMISED_FAMILY_NAME,
                name_latin="",
                search_key="",
                date_of_birth=date(birth.year, 1, 1) if birth else None,
                email="",
                phone="",
                preferred_channel=ContactChannel.IN_PERSON,
                street="",
                postcode="",
                city="",
                anonymised_at=now,
            )
            if claimed:
                done.append(person)
        done_ids = [person.pk for person in done]
        Consent.objects.filter(participant_id__in=done_ids, withdrawn_at=None).update(
            withdrawn_at=now
        )
        for part in parts.person_parts():
            part.anonymise(done_ids)
        discard_downloads(Participant, done_ids)
        for person in done:
            log_action("people.participant.anonymised", subject=person)
    return len(done)


def anonymise_expired(today: date | None = None, batch_size: int = ANONYMISE_BATCH_SIZE) -> int:
    """Anonymise everyone whose project's retention date has passed, in batches.

    Idempotent (already anonymised people are skipped) and safe to run while
    people work: each batch is its own transaction. Returns how many were anonymised.
    """
    today = today or timezone.localdate()
    total = 0
    last_pk = 0
    with scopes_disabled():
        while True:
            ids = list(
                Participant.objects.filter(
                    project__retention_until__lt=today, anonymised_at=None, pk__gt=last_pk
                )
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not ids:
                break
            total += anonymise_participants(ids)
            last_pk = ids[-1]
    if total:
        logger.info("Anonymised %d participants whose retention period ended.", total)
    return total


# -- Tasks (django-tasks; enqueued on commit, passed ids) ------------------------------


@task()
def anonymise_expired_task() -> int:
    """Anonymise everyone whose project's retention date has passed; idempotent.

    Run daily: ``quartier anonymise-expired --enqueue`` from cron or a systemd timer
    puts it on the queue, a worker (``quartier db_worker``) runs it. The daily clean-up
    also purges expired downloads (PDFs, exports), should no hourly purge run.
    """
    count = anonymise_expired()
    purge_expired()
    return count


@task()
def anonymise_participants_task(participant_ids: list[int]) -> int:
    """Anonymise these participants now (skips those already anonymised)."""
    return anonymise_participants(participant_ids)
