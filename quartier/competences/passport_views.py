"""Pages for the competence passport: issuing and downloading it (staff), verifying it (public)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from quartier.accounts.access import PUBLIC, allow
from quartier.accounts.audit import auto_refresh_marker, is_auto_refresh
from quartier.competences import passport as passports
from quartier.competences.contact_requests import requests_for_participant
from quartier.competences.employers import pseudonym
from quartier.competences.models import Passport, normalise_code
from quartier.competences.profile import (
    PROFILE_READ,
    PROFILE_WRITE,
    existing_profile,
    get_participant,
    view_profile,
)
from quartier.partials import render_partial
from quartier.people.consent import has_consent
from quartier.people.models import Purpose
from quartier.site.public_forms import (
    STATUS_TOO_MANY,
    TOO_MANY,
    HoneypotForm,
    limit_public_form,
)

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


# -- Public verification ----------------------------------------------------------


@allow(PUBLIC)
def verify_form(request: HttpRequest) -> HttpResponse:
    """The form, sent by GET; the lookup is ``verify``, which counts the attempts."""
    typed = request.GET.get("code", "").strip()
    context = {"searched": False, "honeypot": HoneypotForm()}
    if typed and not HoneypotForm(request.GET).is_valid():
        # Answered like a code that was not found: nothing says why.
        context |= {"searched": True, "passport": None, "code": typed}
        return render(request, "competences/passport/verify.html", context, status=404)
    if typed:
        return redirect("competences-public:verify", code=normalise_code(typed) or "-")
    return render(request, "competences/passport/verify.html", context)


@allow(PUBLIC)
@limit_public_form("competences.passport-verify", email_field=None, methods=["GET"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Confirms only that a passport was issued, by which organisation and on which day."""
    context = {"code": code, "honeypot": HoneypotForm()}
    if request.limited:
        context |= {"searched": False, "error": TOO_MANY}
        return render(request, "competences/passport/verify.html", context, status=STATUS_TOO_MANY)
    passport = passports.verify(code)
    return render(
        request,
        "competences/passport/verify.html",
        context | {"searched": True, "passport": passport},
        status=200 if passport is not None else 404,
    )
