"""The one permission layer that every view and API endpoint goes through.

A view states who may use it with ``@allow(ACCESS)`` on a visible line; the
middleware refuses any view that does not (deny by default). API endpoints use
the same ``Access`` objects through ``quartier.api.auth``, and task code acting
for a user scopes itself with ``acting_for``.

Which organisations' records a user may read or change is always
``SOME_ACCESS.organisations(user)``: the scope of a request under that access,
and the list a service asks for when it decides something else (may this user
issue a passport here, is this the employer's own business).
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import resolve, reverse
from django_scopes import scope

from quartier.accounts.models import STAFF_ROLES, Membership, Role


@dataclass(frozen=True)
class Access:
    """Who may use a view: everybody, any signed-in user, or holders of some roles."""

    label: str
    public: bool = False
    signed_in: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)

    def allows(self, user) -> bool:
        if self.public:
            return True
        if not user.is_authenticated or not user.is_active:
            return False
        if self.signed_in:
            return True
        return bool(self.roles & roles_of(user))

    def organisations(self, user) -> list[int]:
        """The organisations whose data a request under this access may read: the one rule.

        Those where the user holds one of the roles the view allows, and no other: a
        counsellor at one place who is a resident or reporting viewer at another reads
        only the first one's records. Public and signed-in views read no organisation's
        data through the scoped managers (a page that needs some must say whose).
        """
        if not self.roles or not user.is_authenticated or not user.is_active:
            return []
        return _organisations_of(user, self.roles)


PUBLIC = Access("public", public=True)
SIGNED_IN = Access("signed in", signed_in=True)


def roles(*names: str) -> Access:
    return Access(" or ".join(sorted(names)), roles=frozenset(names))


STAFF = roles(*STAFF_ROLES)
PROJECT_LEAD = roles(Role.PROJECT_LEAD)
ADMINISTRATOR = roles(Role.ADMINISTRATOR)
# An employer acts for its own business only: the organisations it employs for.
EMPLOYER = roles(Role.EMPLOYER)


def memberships_of(user) -> list[tuple[int, str]]:
    """(organisation id, role) pairs of the user. Queries once per request and caches."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_quartier_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._quartier_memberships = cached
    return cached


def roles_of(user) -> frozenset[str]:
    return frozenset(role for _, role in memberships_of(user))


def _organisations_of(user, roles: Iterable[str]) -> list[int]:
    """Ids of the organisations where the user holds one of ``roles``; only for
    ``Access.organisations``, the one place that turns roles into organisations."""
    wanted = set(roles)
    return sorted({org for org, role in memberships_of(user) if role in wanted})


@contextmanager
def acting_for(user, access: Access, organisation_id: int | None = None) -> Iterator[list[int]]:
    """Scope task code that acts for ``user`` as a request under ``access`` is scoped.

    With ``organisation_id``, narrowed to that one organisation if the user may act
    there under ``access``, else to none. Yields the organisations in scope; the
    previous scope comes back at the end.
    """
    organisations = access.organisations(user) if user is not None else []
    if organisation_id is not None:
        organisations = [org for org in organisations if org == organisation_id]
    with scope(organisation=organisations):
        yield organisations


def allow(access: Access) -> Callable:
    """Declare who may use a function view; everyone else is refused."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not access.allows(request.user):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access = access  # type: ignore[attr-defined]
        return wrapper

    return decorator


def view_access(url_name: str, kwargs: dict | None = None) -> Access:
    """The ``Access`` that the view behind ``url_name`` declares with ``@allow``.

    Found by reversing the name (with ``kwargs`` for its parameters) and resolving the
    path back to the view, so a button to a view is shown by the view's own rule and
    never by a copy of its role list. Raises ``LookupError`` for a view without ``@allow``.
    """
    view = resolve(reverse(url_name, kwargs=kwargs)).func
    access = getattr(view, "access", None)
    if access is None:
        raise LookupError(f"{url_name} declares no access")
    return access


def may_use(
    user,
    url_name: str,
    kwargs: dict | None = None,
    *,
    organisation_id: int | None = None,
    narrower: Access | None = None,
) -> bool:
    """May ``user`` use the view behind ``url_name``, for a record of ``organisation_id``?

    The view's ``@allow`` decides, through the one organisation rule: with an
    organisation, the user must hold one of the view's roles there (a counsellor at
    one place who coordinates learning at another may not register the first
    place's people as a coordinator). ``narrower``: an access the view checks inside
    for the action linked (issuing a passport on a page that leads may read).
    """
    for access in (view_access(url_name, kwargs), narrower):
        if access is None:
            continue
        if not access.allows(user):
            return False
        if (
            organisation_id is not None
            and access.roles
            and organisation_id not in access.organisations(user)
        ):
            return False
    return True
