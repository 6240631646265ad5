"""Staff views for a person's rights: the consent sheet, the export, the erasure request.

The consent sheet and the exports are made in the background: these views audit
the request, ask for the file and send the user to the download's page
(``quartier.downloads``). They stay GETs because they are plain links on the
person page and the erasure page; each GET asks for a fresh file, as each
print did when the file was made in the request.

Counsellors and project leads of the organisation that holds the record may
use them; everyone else gets 403 (wrong role) or 404 (someone else's person).
"""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.accounts.access import allow
from quartier.downloads.views import see_download
from quartier.people import pdf
from quartier.people.intake import view_participant
from quartier.people.models import Participant
from quartier.people.rights import RIGHTS, ErasureError, request_erasure, request_json_export

__all__ = ["RIGHTS", "consent_sheet", "erase", "export_json", "export_pdf"]


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


@allow(RIGHTS)
def consent_sheet(request: HttpRequest, code: UUID) -> HttpResponse:
    participant = participant_for_rights(request, code)
    language = pdf.language_for(participant, request.GET.get("language"))
    return see_download(pdf.request_consent_sheet(participant, request.user, language))


@allow(RIGHTS)
def export_json(request: HttpRequest, code: UUID) -> HttpResponse:
    participant = participant_for_rights(request, code)
    return see_download(request_json_export(participant, request.user))


@allow(RIGHTS)
def export_pdf(request: HttpRequest, code: UUID) -> HttpResponse:
    participant = participant_for_rights(request, code)
    language = pdf.language_for(participant, request.GET.get("language"))
    return see_download(pdf.request_pdf_export(participant, request.user, language))


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
