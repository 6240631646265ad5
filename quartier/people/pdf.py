"""PDFs for a person, rendered in their language: the information/consent sheet, the export.

WeasyPrint lays the page out with Pango, which shapes Arabic correctly; the
stylesheet (``people/rights/pdf.css``) names Noto fonts for every script the
programme's languages use (Debian: fonts-noto-core).
"""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from quartier.accounts.access import acting_for
from quartier.accounts.audit import log_action
from quartier.downloads.models import Download
from quartier.downloads.services import fulfil_download, request_download
from quartier.lib.pdf import render_pdf
from quartier.people.consent import CURRENT_WORDING
from quartier.people.models import INFORMATION_ONLY, Participant, Purpose
from quartier.people.rights import (
    RIGHTS,
    collect_export,
    exporters,
    log_export,
    participant_for_task,
    person_page,
)

PDF = "application/pdf"

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def language_for(participant: Participant, wanted: str | None = None) -> str:
    """The language to print in: ``wanted`` if offered, else the person's, else the default."""
    for code in (wanted, participant.preferred_language):
        if code in LANGUAGE_CODES:
            return code
    return settings.LANGUAGE_CODE


# -- The information and consent sheet -----------------------------------------------

# What each consent covers, in the words printed next to its tick box.
PURPOSE_TEXTS = {
    Purpose.COUNSELLING: _(
        "We keep notes of our counselling conversations (goals, contacts, agreed next steps) "
        "so that we can support you over time."
    ),
    Purpose.EMPLOYER_PROFILE: _(
        "Employers in the neighbourhood may see a profile of your skills without your name; "
        "they can ask us to put them in touch with you."
    ),
    Purpose.HANDOVER: _(
        "We may pass your case to another organisation in the programme if you want to "
        "continue there; we will name it to you first."
    ),
    Purpose.PHOTOS: _("Photos taken of you at events may be published by the programme."),
    Purpose.CONTACT_EMAIL: _("We may contact you by e-mail."),
    Purpose.CONTACT_SMS: _("We may contact you by SMS."),
    Purpose.CONTACT_MESSENGER: _("We may contact you by messenger."),
    Purpose.SURVEYS: _("We may ask you to take part in surveys about the programme."),
}


def consent_sheet_context(participant: Participant) -> dict[str, Any]:
    """Needs organisation and project selected on the participant."""
    purposes = [
        {
            "code": purpose.value,
            "label": purpose.label,
            "text": PURPOSE_TEXTS[purpose],
            "version": CURRENT_WORDING[purpose.value],
        }
        for purpose in Purpose
        if purpose not in INFORMATION_ONLY
    ]
    return {
        "participant": participant,
        "organisation": participant.organisation,
        "project": participant.project,
        "notice_version": CURRENT_WORDING[Purpose.ESF_NOTICE],
        "purposes": purposes,
        "printed_on": timezone.localdate(),
    }


def consent_sheet_pdf(participant: Participant, language: str) -> bytes:
    return render_pdf(
        "people/rights/consent_sheet.html", consent_sheet_context(participant), language
    )


def request_consent_sheet(participant: Participant, by, language: str) -> Download:
    """Audit the printing now (``people.consent.sheet_printed``); the PDF is made in a task."""
    with transaction.atomic():
        log_action(
            "people.consent.sheet_printed",
            actor=by,
            subject=participant,
            data={"language": language},
        )
        return request_download(
            kind="people.consent_sheet",
            label=gettext("Information and consent sheet – %(name)s") % {"name": participant},
            by=by,
            subject=participant,
            organisation_id=participant.organisation_id,
            file_name=f"consent-{participant.public_id}.pdf",
            content_type=PDF,
            back_url=person_page(participant),
            make_task=consent_sheet_task,
            args=(participant.pk, language),
        )


def consent_sheet_for(download: Download, participant_id: int, language: str) -> bytes:
    with acting_for(download.requested_by, RIGHTS):
        return consent_sheet_pdf(participant_for_task(participant_id), language)


@task()
def consent_sheet_task(download_id: int, participant_id: int, language: str) -> None:
    """Make a requested consent sheet (``request_consent_sheet``); does nothing twice."""
    fulfil_download(
        download_id, lambda download: consent_sheet_for(download, participant_id, language)
    )


# -- The readable export -------------------------------------------------------------


def display_value(
    value: Any, choices: Mapping | None = None, formatter: Callable[[Any], str] | None = None
) -> str:
    """A value as a person reads it, in the active language."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return ", ".join(display_value(item, choices, formatter) for item in value)
    if formatter is not None:
        return formatter(value)
    if choices and str(value) in choices:
        return str(choices[str(value)])
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def readable_sections(export: dict[str, Any]) -> list[dict[str, Any]]:
    """The export's sections as titled lists of records, each a list of (label, value)."""
    sections = []
    by_name = exporters()
    for name, rows in export["sections"].items():
        exporter = by_name.get(name)
        labels = exporter.labels if exporter else {}
        choices = exporter.choices if exporter else {}
        formatters = exporter.formatters if exporter else {}
        records = [
            [
                (
                    labels.get(key, key.replace("_", " ")),
                    display_value(value, choices.get(key), formatters.get(key)),
                )
                for key, value in row.items()
            ]
            for row in rows
        ]
        sections.append(
            {"name": name, "title": exporter.title if exporter else name, "records": records}
        )
    return sections


def export_pdf(participant: Participant, export: dict[str, Any], language: str) -> bytes:
    """Render ``export`` (from ``rights.export_person``) readably in ``language``."""
    with translation.override(language):
        sections = readable_sections(export)
    return render_pdf(
        "people/rights/export.html",
        {
            "participant": participant,
            "organisation": participant.organisation,
            "exported_at": export["exported_at"],
            "sections": sections,
        },
        language,
    )


def request_pdf_export(participant: Participant, by, language: str) -> Download:
    """Audit the export now (``people.participant.exported``); the PDF is made in a task."""
    with transaction.atomic():
        log_export(participant, by, "pdf")
        return request_download(
            kind="people.export_pdf",
            label=gettext("Data export (PDF) – %(name)s") % {"name": participant},
            by=by,
            subject=participant,
            organisation_id=participant.organisation_id,
            file_name=f"data-{participant.public_id}.pdf",
            content_type=PDF,
            back_url=person_page(participant),
            make_task=export_pdf_task,
            args=(participant.pk, language),
        )


def export_pdf_for(download: Download, participant_id: int, language: str) -> bytes:
    """The readable export, collected with the requester's scope (``RIGHTS``)."""
    with acting_for(download.requested_by, RIGHTS):
        participant = participant_for_task(participant_id)
        return export_pdf(participant, collect_export(participant), language)


@task()
def export_pdf_task(download_id: int, participant_id: int, language: str) -> None:
    """Make a requested PDF export (``request_pdf_export``); does nothing twice."""
    fulfil_download(
        download_id, lambda download: export_pdf_for(download, participant_id, language)
    )
