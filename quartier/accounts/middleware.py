import logging

from django.core.exceptions import PermissionDenied
from django_scopes import scope

from quartier.accounts.access import organisations_of

logger = logging.getLogger(__name__)

# URL namespaces whose views check access themselves: the Django admin lets only
# operators (is_staff) in, and every API operation states its Access through
# quartier.api.auth. Everything else must carry @allow(...).
DELEGATED_NAMESPACES = frozenset({"admin", "api"})


class AccessMiddleware:
    """Deny by default, and scope every query on personal data to the user's organisations."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The scope ends with the request; an API token's user, known only later,
        # widens it through ``rescope_for`` inside this same block.
        with scope(organisation=organisations_of(request.user)):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if hasattr(view_func, "access"):
            return None
        match = request.resolver_match
        if match is not None and set(match.namespaces) & DELEGATED_NAMESPACES:
            return None
        logger.error("View %s does not declare who may use it; refused.", match and match.view_name)
        raise PermissionDenied


def rescope_for(user) -> None:
    """Scope the rest of this request to ``user``'s organisations (for API tokens).

    Only valid inside the middleware's ``scope()`` block, which restores the
    previous state when the request ends.
    """
    from django_scopes.state import get_scope, state

    state.set({**get_scope(), "_enabled": True, "organisation": organisations_of(user)})
