import logging

from django.core.exceptions import PermissionDenied
from django_scopes import scope

from quartier.accounts.access import Access
from quartier.accounts.second_factor import second_factor_gate

logger = logging.getLogger(__name__)

# URL namespaces whose views check access themselves: the Django admin lets only
# operators (is_staff) in, and every API operation states its Access through
# quartier.api.auth. Everything else must carry @allow(...).
DELEGATED_NAMESPACES = frozenset({"admin", "api"})


class AccessMiddleware:
    """Deny by default, and scope every query on personal data to the organisations where
    the user holds a role the view allows (``Access.organisations``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Nothing is readable until the view is known: ``process_view`` opens the scope
        # for the view's access, an API operation's ``TokenAccess`` for its own. The
        # scope ends with the request.
        with scope(organisation=[]):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        access = getattr(view_func, "access", None)
        if access is not None:
            if not access.public and request.user.is_authenticated:
                match = request.resolver_match
                gate = second_factor_gate(request, match.view_name if match else "")
                if gate is not None:
                    return gate
            rescope_for(request.user, access)
            return None
        match = request.resolver_match
        if match is not None and set(match.namespaces) & DELEGATED_NAMESPACES:
            return None
        logger.error("View %s does not declare who may use it; refused.", match and match.view_name)
        raise PermissionDenied


def rescope_for(user, access: Access) -> None:
    """Scope the rest of this request to what ``access`` lets ``user`` read.

    Only valid inside the middleware's ``scope()`` block, which restores the
    previous state when the request ends.
    """
    from django_scopes.state import get_scope, state

    organisations = access.organisations(user)
    state.set({**get_scope(), "_enabled": True, "organisation": organisations})
