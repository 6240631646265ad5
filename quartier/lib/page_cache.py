"""A short-lived cache of public pages for visitors who carry no state.

The public pages (calendar, vacancies, directory, premises) are the same for every
anonymous visitor of one address, and most of their cost is rendering the
template: tens of milliseconds against about one for the request itself. So a
GET by a visitor without a session, CSRF or messages cookie is answered from a
copy for ``PAGE_CACHE_SECONDS`` (settings; 0 turns it off) in the ``pages`` cache
(settings.CACHES; per process by default, so nothing needs invalidating across
servers: a copy simply expires).

A response is copied only if it is what any other such visitor would get:

- status 200, not streamed, and rendering it gave the visitor no state — a page
  that renders a form makes a CSRF token (and its cookie) for a new visitor, so it is
  never copied, and a visitor who already has that cookie is never served or copied
  (their page would carry their token into someone else's);
- not an HTMX request (the fragment has the same address as the page);
- signed-in staff always get the page fresh, so what they just changed shows.

The key is the whole path with its language prefix and query string.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

# The cookies that make a visitor's page their own.
STATEFUL_COOKIES = ("sessionid", "csrftoken", "messages")
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def _stateless(request: HttpRequest) -> bool:
    cookies = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, *STATEFUL_COOKIES}
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not request.headers.get("HX-Request")
        and not cookies.intersection(request.COOKIES)
    )


def _made_state(request: HttpRequest) -> bool:
    """Whether rendering the page gave this visitor state: a CSRF token (a form on the
    page) or a session. The middleware sets their cookies after the view returns, so
    the request says it, not yet the response."""
    session = getattr(request, "session", None)
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (session is not None and session.modified)
    )


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer stateless visitors from a copy of the page (see the module's docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _stateless(request):
            return view(request, *args, **kwargs)
        cache = caches["pages"]
        key = f"page:{request.get_full_path()}"
        copy = cache.get(key)
        if copy is not None:
            content, headers = copy
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not _made_state(request):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), seconds)
        return response

    return wrapper
