from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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
