"""Personal API tokens and the QR code for the authenticator app."""

from base64 import b32encode

import segno
from django.db import transaction
from django.utils import timezone

from quartier.accounts.audit import log_action
from quartier.accounts.models import ApiToken, User, hash_token


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw secret, which is never stored."""
    raw = ApiToken.new_raw_token()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, hint=raw[:8], digest=hash_token(raw))
        log_action("accounts.token.created", actor=user, subject=token, data={"name": name})
    return token, raw


def revoke_api_token(token: ApiToken, by: User) -> ApiToken:
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            log_action("accounts.token.revoked", actor=by, subject=token)
    return token


def user_for_token(raw: str) -> User | None:
    """The active user behind a live token, or None. Touches last_used_at at most once a minute."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=hash_token(raw), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def qr_svg(data: str) -> str:
    """An inline SVG QR code, with a text alternative given by the template."""
    return segno.make(data, error="m").svg_inline(scale=4, dark="#111", light="#fff")


def base32(device) -> str:
    """The TOTP secret as authenticator apps expect it for manual entry."""
    return b32encode(device.bin_key).decode().rstrip("=")
