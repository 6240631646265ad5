"""Administrators manage who belongs to their organisation, and in which role."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from quartier.accounts.audit import log_action
from quartier.accounts.forms import PasswordResetForm
from quartier.accounts.models import Membership, Organisation, User


def add_member(
    request: HttpRequest, organisation: Organisation, email: str, name: str, role: str, by: User
) -> Membership:
    """Give ``email`` the ``role`` in ``organisation``; a new user gets a link to set a password."""
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            email=email.strip().lower(), defaults={"name": name, "language": by.language}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        membership, _ = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
        log_action(
            "accounts.membership.added",
            actor=by,
            subject=user,
            organisation=organisation,
            data={"role": role, "new_user": created},
        )
    if created:
        send_invitation(request, user, organisation)
    return membership


# What other apps do when someone loses a role (the protocol of `on_member_removed`):
# called inside the removal's transaction with (user, organisation, by), after the
# membership is gone, so `SOME_ACCESS.organisations(user)` already answers without it.
MemberRemoved = Callable[[User, Organisation, User], None]
_ON_REMOVED: list[MemberRemoved] = []


def on_member_removed(handler: MemberRemoved) -> None:
    """Register what an app ends when a member loses a role (its availability, its feeds)."""
    if handler not in _ON_REMOVED:
        _ON_REMOVED.append(handler)


def remove_member(membership: Membership, by: User) -> None:
    """Take the role away; what the user held through it ends with it.

    Apps end their own parts through `on_member_removed`. A user left without any
    membership also loses their API tokens (they could open nothing any more).
    """
    user, organisation = membership.user, membership.organisation
    with transaction.atomic():
        log_action(
            "accounts.membership.removed",
            actor=by,
            subject=user,
            organisation=organisation,
            data={"role": membership.role},
        )
        membership.delete()
        if not Membership.objects.filter(user=user).exists():
            revoked = user.api_tokens.filter(revoked_at=None).update(revoked_at=timezone.now())
            if revoked:
                log_action(
                    "accounts.token.revoked",
                    actor=by,
                    subject=user,
                    organisation=organisation,
                    data={"tokens": revoked, "reason": "no membership left"},
                )
        for handler in _ON_REMOVED:
            handler(user, organisation, by)


def send_invitation(request: HttpRequest, user: User, organisation: Organisation) -> None:
    """A link to set a first password, in the new member's language."""
    context = {
        "email": user.email,
        "domain": request.get_host(),
        "protocol": "https" if request.is_secure() else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "user": user,
        "organisation": organisation.name,
    }
    PasswordResetForm().send_mail(
        "accounts/email/invitation_subject.txt",
        "accounts/email/invitation.txt",
        context,
        settings.DEFAULT_FROM_EMAIL,
        user.email,
    )
