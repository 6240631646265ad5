"""The product's URLs and the bare page, the baseline of every page figure.

Mounted by `harness.setup()` for the bench process only, and by `load_wsgi.py` for the
gunicorn of the load run (`load.py`), which also uses the public bare page. The bare
page sits under the same language prefix as the staff pages and declares a role-based
access like theirs, so a request to it passes every middleware the same way (session,
locale, login, second factor, the organisation scope) and then returns a fixed response:
no template, no query of its own.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from quartier.accounts.access import PUBLIC, STAFF, allow
from quartier.urls import urlpatterns as product_urlpatterns

BARE_PAGE = b"<!doctype html><html lang=de><title>bench</title><p>bare page</p></html>"


@allow(STAFF)
def bare_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_PAGE)


@allow(PUBLIC)
def public_bare_page(request: HttpRequest) -> HttpResponse:
    """The baseline of the public pages: every middleware, no login, no template, no query."""
    return HttpResponse(BARE_PAGE)


urlpatterns = [
    *product_urlpatterns,
    *i18n_patterns(
        path("bench/bare/", bare_page, name="bench-bare"),
        path("bench/public-bare/", public_bare_page, name="bench-public-bare"),
        prefix_default_language=True,
    ),
]
