"""The page for a server error, in the site's layout and the visitor's language.

Pages not found (404) and refused (403, also from ``@allow``) use Django's own
handlers with the templates ``404.html`` and ``403.html``, which have the request
and so the menu. A server error may come from the database itself, so its page is
rendered without the request's context processors: no query, no session, only the
language that was active when the error happened.
"""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language_bidi

logger = logging.getLogger(__name__)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        html = loader.get_template("500.html").render(
            {"text_direction": "rtl" if get_language_bidi() else "ltr"}
        )
    except Exception:
        # The page of last resort must not fail in turn.
        logger.exception("The server error page could not be rendered")
        return HttpResponseServerError("Server Error (500)", content_type="text/plain")
    return HttpResponseServerError(html)
