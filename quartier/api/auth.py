"""API authentication: a personal token, checked against the same Access as the UI."""

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from quartier.accounts.access import Access
from quartier.accounts.middleware import rescope_for
from quartier.accounts.tokens import user_for_token


class TokenAccess(HttpBearer):
    """``Authorization: Bearer qt_…``; the token's user must satisfy ``access``."""

    def __init__(self, access: Access):
        super().__init__()
        self.access = access

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        rescope_for(user, self.access)
        if not self.access.allows(user):
            raise HttpError(403, "You may not use this endpoint.")
        return user


class Nobody(HttpBearer):
    """The API's default: an endpoint that does not say who may use it is closed."""

    def authenticate(self, request: HttpRequest, token: str):
        return None
