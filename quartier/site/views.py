from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import get_language_info, gettext

from quartier.accounts.access import PUBLIC, allow
from quartier.lib.dates import MONTHS
from quartier.lib.page_cache import cached_public_page
from quartier.places.directory import contact_points, current_site_pack, site_calendar, status_of
from quartier.places.hours import Status
from quartier.places.models import Weekday


def language_name(code: str) -> str:
    """The language's own name for itself (Deutsch, Русский, Kurmancî), else its code."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def describe_status(status: Status) -> str:
    if status.is_open and status.until is not None:
        return gettext("Open now, until %(time)s") % {"time": f"{status.until:%H:%M}"}
    if status.next_opening is None:
        return gettext("No opening hours at present")
    moment = status.next_opening
    return gettext("Opens %(weekday)s, %(day)s %(month)s at %(time)s") % {
        "weekday": Weekday(moment.weekday()).label,
        "day": moment.day,
        "month": MONTHS[moment.month](),
        "time": f"{moment:%H:%M}",
    }


@allow(PUBLIC)
@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    site = current_site_pack()
    calendar = site_calendar(site)
    now = timezone.now()
    cards = []
    for point in contact_points():
        status = status_of(point, calendar, now)
        cards.append(
            {
                "point": point,
                "languages": [language_name(code) for code in point.languages],
                "hours": [
                    {
                        "weekday": Weekday(h.weekday).label,
                        "opens": f"{h.opens:%H:%M}",
                        "closes": f"{h.closes:%H:%M}",
                    }
                    for h in point.opening_hours.all()
                ],
                "note": point.note_text(),
                "is_open": status.is_open,
                "status": describe_status(status),
            }
        )
    return render(
        request,
        "site/home.html",
        {"site": site, "description": site.description_text() if site else "", "cards": cards},
    )


def _site_image(kind: str, default: str) -> HttpResponse:
    """The site pack's logo or browser icon, else Quartier's own static file.

    Served from the database, not written into the static files, so that loading a
    pack changes the picture without collecting static files again. The header of
    every page points here, so the page itself needs no query for its logo. An SVG
    may not run anything even when opened on its own: the pack loader refused
    scripts, and the policy below forbids them again.
    """
    site = current_site_pack()
    data = bytes(getattr(site, kind)) if site is not None else b""
    if not data:
        return redirect(static(default))
    response = HttpResponse(data, content_type=getattr(site, f"{kind}_type"))
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@allow(PUBLIC)
def logo(request: HttpRequest) -> HttpResponse:
    return _site_image("logo", "quartier/logo.svg")


@allow(PUBLIC)
def favicon(request: HttpRequest) -> HttpResponse:
    return _site_image("favicon", "quartier/favicon.svg")


@allow(PUBLIC)
def favicon_ico(request: HttpRequest) -> HttpResponse:
    """Where browsers look for an icon on pages that name none (a PDF, the API)."""
    return _site_image("favicon", "quartier/favicon.ico")
