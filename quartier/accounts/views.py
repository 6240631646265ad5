import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from quartier.accounts import members, start, tokens
from quartier.accounts.access import (
    ADMINISTRATOR,
    PROJECT_LEAD,
    PUBLIC,
    SIGNED_IN,
    allow,
)
from quartier.accounts.audit import log_action
from quartier.accounts.filters import AuditFilter
from quartier.accounts.forms import (
    AccountForm,
    AddMemberForm,
    LoginForm,
    NewApiTokenForm,
    PasswordResetForm,
    TokenForm,
)
from quartier.accounts.models import AuditEntry, Membership, Organisation, Role, User
from quartier.lib.keyset import keyset_page
from quartier.lib.public_forms import STATUS_TOO_MANY, TOO_MANY, limit_public_form

logger = logging.getLogger(__name__)

PENDING_USER = "quartier_otp_user"
PENDING_NEXT = "quartier_otp_next"
PENDING_TRIES = "quartier_otp_tries"
OTP_MAX_TRIES = 5


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _finish_login(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    log_action("accounts.login.succeeded", actor=user, subject=user)
    # Staff work in their own language from the first page on.
    response = redirect(_translated_path(next_url, user.language))
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
    return response


def _translated_path(path: str, language: str) -> str:
    from django.urls import translate_url

    return translate_url(path, language)


def _log_failed_login(typed: str) -> None:
    """A known account is named by reference; what someone typed for an unknown one is
    kept only as a keyed hash (it may be a mistyped password or someone else's address)."""
    email = typed.strip().lower()[:254]
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        log_action("accounts.login.failed", subject=user)
    else:
        digest = salted_hmac("quartier.accounts.failed-login", email, algorithm="sha256")
        log_action("accounts.login.failed", data={"unknown_address": digest.hexdigest()[:32]})


@allow(PUBLIC)
def login(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.user.is_authenticated:
        return redirect(next_url)
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                return _finish_login(request, user, next_url)
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_NEXT] = next_url
            request.session[PENDING_TRIES] = 0
            return redirect("accounts:login-otp")
        _log_failed_login(form.data.get("username", ""))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@allow(PUBLIC)
def login_otp(request: HttpRequest) -> HttpResponse:
    """Second step of the login for users who switched on a second factor."""
    user_pk = request.session.get(PENDING_USER)
    user = User.objects.filter(pk=user_pk, is_active=True).first() if user_pk else None
    if user is None:
        return redirect("accounts:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None and device.verify_token(form.cleaned_data["code"]):
            next_url = request.session.get(PENDING_NEXT) or reverse(settings.LOGIN_REDIRECT_URL)
            for key in (PENDING_USER, PENDING_NEXT, PENDING_TRIES):
                request.session.pop(key, None)
            response = _finish_login(request, user, next_url)
            otp_login(request, device)
            return response
        tries = request.session.get(PENDING_TRIES, 0) + 1
        log_action("accounts.login.otp_failed", actor=None, subject=user)
        if tries >= OTP_MAX_TRIES:
            for key in (PENDING_USER, PENDING_NEXT, PENDING_TRIES):
                request.session.pop(key, None)
            messages.error(request, _("Too many wrong codes. Please sign in again."))
            return redirect("accounts:login")
        request.session[PENDING_TRIES] = tries
        form.add_error("code", _("This code is not correct or has expired."))
    return render(request, "accounts/login_otp.html", {"form": form})


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """Shown instead of the login form while an account or an address is locked."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    log_action("accounts.login.locked", data={"minutes": minutes})
    form = LoginForm(request)
    return render(
        request,
        "accounts/locked.html",
        {"minutes": minutes, "form": form},
        status=429,
    )


@require_POST
@allow(PUBLIC)
def logout(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        log_action("accounts.logout", actor=request.user, subject=request.user)
    auth_logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


def _refuse_too_many(view) -> HttpResponse:
    """A form view's page again with the polite message (429); nothing is done or sent."""
    form = view.get_form()
    form.add_error(None, TOO_MANY)
    return view.render_to_response(view.get_context_data(form=form), status=STATUS_TOO_MANY)


class PasswordResetView(auth_views.PasswordResetView):
    def post(self, request, *args, **kwargs):
        if request.limited:
            return _refuse_too_many(self)
        return super().post(request, *args, **kwargs)


password_reset = allow(PUBLIC)(
    limit_public_form("accounts.password-reset")(
        PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            html_email_template_name="accounts/email/password_reset.html",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        )
    )
)
password_reset_done = allow(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def post(self, request, *args, **kwargs):
        if request.limited:
            return _refuse_too_many(self)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        log_action("accounts.password.reset", actor=None, subject=self.user)
        return response


password_reset_confirm = allow(PUBLIC)(
    limit_public_form("accounts.password-reset-confirm", email_field=None)(
        PasswordResetConfirmView.as_view()
    )
)
password_reset_complete = allow(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)


@allow(SIGNED_IN)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The day's work as numbers, by role (``accounts.start``), each linking to its list."""
    memberships = Membership.objects.filter(user=request.user).select_related("organisation")
    return render(
        request,
        "accounts/dashboard.html",
        {
            "panels": start.panels_for(request.user),
            "memberships": memberships,
            "has_second_factor": TOTPDevice.objects.filter(
                user=request.user, confirmed=True
            ).exists(),
        },
    )


@allow(SIGNED_IN)
def account_settings(request: HttpRequest) -> HttpResponse:
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            log_action(
                "accounts.user.changed",
                actor=request.user,
                subject=request.user,
                data={"fields": form.changed_data},
            )
        translation.activate(request.user.language)
        messages.success(request, _("Your settings have been saved."))
        response = redirect(_translated_path(reverse("accounts:settings"), request.user.language))
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language, samesite="Lax")
        return response
    devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "has_second_factor": devices.exists(),
            "api_tokens": request.user.api_tokens.filter(revoked_at=None),
        },
    )


@allow(SIGNED_IN)
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Switch on the second factor: scan the QR code, then confirm with a first code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:settings")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                log_action("accounts.otp.enabled", actor=request.user, subject=request.user)
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is now switched on."))
            return redirect("accounts:settings")
        form.add_error("code", _("This code is not correct or has expired."))
    return render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "qr_svg": tokens.qr_svg(device.config_url), "secret": tokens.base32(device)},
    )


@require_POST
@allow(SIGNED_IN)
def otp_disable(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:settings")
    if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user).delete()
            log_action("accounts.otp.disabled", actor=request.user, subject=request.user)
        messages.success(request, _("Two-factor sign-in is now switched off."))
    else:
        messages.error(request, _("Two-factor sign-in stays on: the code was not correct."))
    return redirect("accounts:settings")


@allow(SIGNED_IN)
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = NewApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = tokens.create_api_token(request.user, form.cleaned_data["name"])
        # Shown once on the next page, never stored in clear.
        request.session["quartier_new_token"] = raw
        return redirect("accounts:api-tokens")
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": request.user.api_tokens.all(),
            "new_token": request.session.pop("quartier_new_token", None),
        },
    )


@require_POST
@allow(SIGNED_IN)
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    tokens.revoke_api_token(token, by=request.user)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:api-tokens")


AUDIT_PAGE_SIZE = 50
PAGING = ("page", "cursor")


@allow(PROJECT_LEAD)
def audit_log(request: HttpRequest) -> HttpResponse:
    # Logged first, so that the page and its count agree on what they list.
    log_action(
        "accounts.audit.viewed",
        actor=request.user,
        data={key: value for key, value in request.GET.items() if value and key not in PAGING},
    )
    lead_orgs = PROJECT_LEAD.organisations(request.user)
    actors = User.objects.filter(memberships__organisation__in=lead_orgs).distinct()
    # The scope holds the entries of the organisations the user leads.
    entries = AuditEntry.objects.select_related("actor", "organisation")
    audit_filter = AuditFilter(request.GET or None, queryset=entries, actors=actors)
    if audit_filter.is_valid():
        entries = audit_filter.qs
    # Newest first, by the indexed time and the id for entries of the same instant.
    entries = entries.order_by("-created_at", "-pk")
    page = keyset_page(entries, request.GET.get("cursor"), per_page=AUDIT_PAGE_SIZE)
    return render(
        request,
        "accounts/audit_log.html",
        {"form": audit_filter.form, "page": page},
    )


@allow(ADMINISTRATOR)
def member_list(request: HttpRequest) -> HttpResponse:
    """Members of the organisations the user administers."""
    org_ids = ADMINISTRATOR.organisations(request.user)
    organisations = Organisation.objects.filter(pk__in=org_ids)
    form = AddMemberForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = members.add_member(
            request, data["organisation"], data["email"], data["name"], data["role"], request.user
        )
        messages.success(
            request,
            _("%(email)s is now %(role)s at %(organisation)s.")
            % {
                "email": membership.user.email,
                "role": membership.get_role_display(),
                "organisation": membership.organisation.name,
            },
        )
        return redirect("accounts:members")
    memberships = (
        Membership.objects.filter(organisation__in=org_ids)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__email", "role")
    )
    return render(request, "accounts/members.html", {"form": form, "memberships": memberships})


@require_POST
@allow(ADMINISTRATOR)
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    org_ids = ADMINISTRATOR.organisations(request.user)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=pk, organisation__in=org_ids
    )
    if membership.user == request.user and membership.role == Role.ADMINISTRATOR:
        messages.error(request, _("You cannot remove your own administrator role."))
    else:
        members.remove_member(membership, by=request.user)
        messages.success(request, _("The role has been removed."))
    return redirect("accounts:members")
