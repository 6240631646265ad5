"""Staff pages for the competence passport: issuing and downloading it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from quartier.accounts.access import allow
from quartier.accounts.audit import auto_refresh_marker, is_auto_refresh
from quartier.competences.employers.contact_requests import requests_for_participant
from quartier.competences.employers.services import pseudonym
from quartier.competences.passport import services as passports
from quartier.competences.passport.models import Passport
from quartier.competences.profile.services import (
    PROFILE_READ,
    PROFILE_WRITE,
    existing_profile,
    get_participant,
    view_profile,
)
from quartier.lib.partials import render_partial
from quartier.people.consent import has_consent
from quartier.people.models import Purpose

# Seconds between polls of the passports' fragment (or, without JavaScript, reloads of
# the page) while a passport is being made.
REFRESH_SECONDS = 2


@allow(PROFILE_READ)
def participant_passport(request: HttpRequest, code) -> HttpResponse:
    """The person's passports; counsellors issue a new one (or get the current one back)."""
    participant = get_participant(request.user, code)
    if request.method == "POST":
        if participant.organisation_id not in PROFILE_WRITE.organisations(request.user):
            raise PermissionDenied
        try:
            passport, is_new = passports.issue_passport(participant, request.user)
        except passports.PassportError as error:
            messages.error(request, str(error))
        else:
            if is_new:
                messages.success(request, _("The passport is being prepared."))
            else:
                messages.info(
                    request,
                    _("The profile has not changed since this passport; here it is again."),
                )
        return redirect("competences:passport", code=participant.public_id)
    # The page reloading, or its fragment polling, while a passport is made: no new read.
    if not is_auto_refresh(request):
        view_profile(participant, request.user)
    issued = passports.passports_of(participant)
    latest = issued[0] if issued else None
    profile = existing_profile(participant)
    context = {
        "participant": participant,
        "profile": profile,
        "passports": issued,
        "latest": latest,
        "is_current": latest is not None
        and profile is not None
        and latest.profile_version == profile.version
        and latest.withdrawn_at is None,
        "refresh": REFRESH_SECONDS if latest is not None and latest.is_busy else None,
        "auto": auto_refresh_marker(request),
        "may_issue": participant.organisation_id in PROFILE_WRITE.organisations(request.user),
        "shown_to_employers": has_consent(participant, Purpose.EMPLOYER_PROFILE),
        "pseudonym": pseudonym(profile) if profile is not None else "",
        "contact_requests": requests_for_participant(participant),
    }
    return render_partial(
        request,
        "competences/passport/participant.html",
        "competences/passport/_passports.html",
        context,
    )


@allow(PROFILE_READ)
def passport_download(request: HttpRequest, code) -> HttpResponse:
    # The scope holds the passports of the organisations where the user may read profiles.
    passport = get_object_or_404(
        Passport.objects.select_related("organisation"), public_id=code, withdrawn_at=None
    )
    if not passport.is_ready:
        raise Http404
    content = passports.read_passport(passport, request.user)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="competence-passport-{passport.code}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
