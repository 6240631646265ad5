"""Staff views for a person's rights: the consent sheet, the export, the erasure request.

Counsellors and project leads of the organisation that holds the record may
use them; everyone else gets 403 (wrong role) or 404 (someone else's person).
"""

import json
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.accounts.access import allow, roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Role
from quartier.people import pdf
from quartier.people.intake import view_participant
from quartier.people.models import Participant
from quartier.people.rights import ErasureError, export_person, request_erasure

RIGHTS = roles(Role.COUNSELLOR, Role.PROJECT_LEAD)


def participant_for_rights(request: HttpRequest, code: UUID) -> Participant:
    """The person, if one of the user's counselling/lead organisations holds them; else 404.

    For views under ``RIGHTS``, whose scope holds those organisations' people. One
    query (organisation, project, quarter and neighbourhood joined).
    """
    participant = (
        Participant.objects.select_related("organisation", "project", "quarter", "neighbourhood")
        .filter(public_id=code)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@allow(RIGHTS)
def consent_sheet(request: HttpRequest, code: UUID) -> HttpResponse:
    participant = participant_for_rights(request, code)
    language = pdf.language_for(participant, request.GET.get("language"))
    log_action(
        "people.consent.sheet_printed",
        actor=request.user,
        subject=participant,
        data={"language": language},
    )
    content = pdf.consent_sheet_pdf(participant, language)
    return _pdf_response(content, f"consent-{participant.public_id}.pdf")


@allow(RIGHTS)
def export_json(request: HttpRequest, code: UUID) -> HttpResponse:
    participant = participant_for_rights(request, code)
    export = export_person(participant, request.user, "json")
    response = HttpResponse(
        json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="data-{participant.public_id}.json"'
    return response


@allow(RIGHTS)
def export_pdf(request: HttpRequest, code: UUID) -> HttpResponse:
    participant = participant_for_rights(request, code)
    language = pdf.language_for(participant, request.GET.get("language"))
    export = export_person(participant, request.user, "pdf")
    content = pdf.export_pdf(participant, export, language)
    return _pdf_response(content, f"data-{participant.public_id}.pdf")


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("The person has asked for their data to be erased."),
        error_messages={
            "required": gettext_lazy("Please confirm that the person asked for erasure.")
        },
    )


@allow(RIGHTS)
def erase(request: HttpRequest, code: UUID) -> HttpResponse:
    """GET: what erasure does, with a confirmation; POST: erase, then back here."""
    participant = participant_for_rights(request, code)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and participant.anonymised_at is None and form.is_valid():
        try:
            request_erasure(participant, request.user)
        except ErasureError:
            messages.error(request, _("This record has already been anonymised."))
        else:
            messages.success(
                request,
                _(
                    "The consent-based data was erased. The monitoring data is kept "
                    "until the retention date and then anonymised."
                ),
            )
        return redirect("people:erase", code=participant.public_id)
    view_participant(participant, request.user)
    return render(
        request,
        "people/rights/erase.html",
        {"participant": participant, "project": participant.project, "form": form},
    )
