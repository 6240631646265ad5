"""Who must sign in with a second factor, and the operators' admin that asks for it.

`REQUIRE_2FA_ROLES` (settings, from the environment) names roles (`admin`, `lead`,
…) and `operator` (the accounts that may open `/ops/admin/`). A user who holds one
of them sees no staff page until they have switched the second factor on and
signed in with it; the set-up page, the second sign-in step and signing out stay
open. Independently of the setting, `/ops/admin/` asks every operator who has a
second factor for it: the admin's own login form is replaced by the staff login,
which has the second step.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

OPERATOR = "operator"
# What a user who still has to set up or enter the second factor may open.
OPEN_WITHOUT = frozenset({"accounts:otp-setup", "accounts:logout", "accounts:login-otp"})


def has_second_factor(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request: HttpRequest) -> bool:
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def must_use_second_factor(user) -> bool:
    """Whether ``user`` holds a role (or is an operator) that the setting names."""
    from quartier.accounts.access import roles_of

    required = set(settings.REQUIRE_2FA_ROLES)
    if not required or not user.is_authenticated:
        return False
    if OPERATOR in required and user.is_staff:
        return True
    return bool(required & roles_of(user))


def second_factor_gate(request: HttpRequest, url_name: str) -> HttpResponse | None:
    """Where to send a signed-in user who must first set up or enter the second factor."""
    if url_name in OPEN_WITHOUT or not must_use_second_factor(request.user):
        return None
    if is_verified(request):
        return None
    if not has_second_factor(request.user):
        return redirect("accounts:otp-setup")
    # A session from before the second factor was switched on: sign in again, with it.
    next_url = request.get_full_path()
    logout(request)
    return redirect_to_login(next_url, reverse("accounts:login"))


class QuartierAdminSite(admin.AdminSite):
    """The Django admin for operators; asks for the second factor of those who have one."""

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        return is_verified(request) or not has_second_factor(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # The staff login knows the second step; the admin's own form does not. A session
        # without the second factor signs in again (the staff login would send it back).
        next_url = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated:
            if not (request.user.is_active and request.user.is_staff):
                raise PermissionDenied  # signed in, but not an operator
            logout(request)
        return redirect_to_login(next_url, reverse("accounts:login"))
