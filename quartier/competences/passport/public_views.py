"""The public page that confirms a competence passport was issued."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quartier.accounts.access import PUBLIC, allow
from quartier.competences.passport import services as passports
from quartier.competences.passport.models import normalise_code
from quartier.lib.public_forms import (
    STATUS_TOO_MANY,
    TOO_MANY,
    HoneypotForm,
    limit_public_form,
)


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
