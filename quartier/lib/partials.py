"""Pages and their fragments: one template, one view, for HTMX and without it.

A part of a page that changes by itself or on a tap lives in a fragment template
named ``_<thing>.html``. The full page ``{% include %}``s it; a request made by
HTMX (``request.htmx``, the ``HX-Request`` header) gets the fragment alone, from
the same view with the same context, so there is no second copy of the markup.
Without JavaScript the page works as before: the form posts, the view redirects,
the page shows the new state.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_partial(
    request: HttpRequest, page: str, fragment: str, context: dict, status: int = 200
) -> HttpResponse:
    """``fragment`` alone for an HTMX request, else ``page`` (which includes it).

    The answer varies on ``HX-Request``, so a cache (the browser's back button
    too) never shows the fragment where the page was asked for.
    """
    template = fragment if getattr(request, "htmx", False) else page
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response
