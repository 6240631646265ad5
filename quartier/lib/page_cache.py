"""A short-lived cache of public pages for visitors who carry no session.

The public pages (calendar, offers, vacancies, directory, premises) are the same for
every anonymous visitor of one address, and most of their cost is rendering the
template: tens of milliseconds against about one for the request itself. So a GET
by a visitor without a session or messages cookie is answered from a copy for
``PAGE_CACHE_SECONDS`` (settings; 0 turns it off) in the ``pages`` cache
(settings.CACHES; per process by default, so nothing needs invalidating across
servers: a copy simply expires, and a change shows within those seconds).

A form's CSRF token is the one part of such a page that belongs to its visitor.
A copy never holds one: every ``csrfmiddlewaretoken`` value is cut out of it, and
every copy served gets the token of the visitor it is served to (their CSRF cookie is set as
for a page rendered for them). A page whose tokens cannot all be accounted for is
not copied.

A response is copied only if it is what any other such visitor would get:
status 200, not streamed, no session begun while rendering it, and not an HTMX
request (the fragment has the same address as the page). Signed-in staff always
get pages fresh, so what they just changed shows at once.

The key is the whole path with its language prefix and query string.
"""

import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]*)(")')
TOKEN_SLOT = b"\x00csrf-token\x00"


def _stateless(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.headers.get("HX-Request")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _without_tokens(request: HttpRequest, content: bytes) -> bytes | None:
    """The page with its visitor's CSRF tokens cut out, or None if it cannot be shared.

    Templates put a token into a page in two ways: ``{% csrf_token %}`` (the hidden
    field, cut out here) and ``{{ csrf_token }}`` in the HTMX headers of signed-in
    pages. A page with a token anywhere else, or with the visitor's secret itself, is
    not copied."""
    shared, cut = TOKEN_FIELD.subn(lambda match: match[1] + TOKEN_SLOT + match[3], content)
    secret = request.META.get("CSRF_COOKIE", "")
    if (
        shared.count(b"csrfmiddlewaretoken") != cut
        or b"X-CSRFToken" in shared
        or (secret and secret.encode() in shared)
    ):
        return None
    return shared


def _served(request: HttpRequest, shared: bytes, headers: dict) -> HttpResponse:
    if TOKEN_SLOT in shared:
        shared = shared.replace(TOKEN_SLOT, get_token(request).encode())
    return HttpResponse(shared, headers=headers)


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer visitors without a session from a copy of the page (see the module's docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _stateless(request):
            return view(request, *args, **kwargs)
        cache = caches["pages"]
        key = f"page:{request.get_full_path()}"
        copy = cache.get(key)
        if copy is not None:
            return _served(request, *copy)
        response = view(request, *args, **kwargs)
        session = getattr(request, "session", None)
        if response.status_code != 200 or response.streaming or (session and session.modified):
            return response
        shared = _without_tokens(request, response.content)
        if shared is not None:
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (shared, headers), seconds)
        return response

    return wrapper
