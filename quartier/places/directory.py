"""Reading contact points with their opening status, for the public site and the API."""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime

import holidays as holidays_package
from django.conf import settings
from django.db.models import Prefetch, QuerySet

from quartier.places.hours import Slot, Status, opening_status
from quartier.places.models import ContactPoint, OpeningHours, SitePack


@dataclass(frozen=True)
class Calendar:
    """The loaded pack's time zone and public holidays."""

    zone: zoneinfo.ZoneInfo
    holidays: holidays_package.HolidayBase | frozenset[date]


def site_calendar(site: SitePack | None) -> Calendar:
    if site is None:
        return Calendar(zoneinfo.ZoneInfo(settings.TIME_ZONE), frozenset())
    return Calendar(
        zone=zoneinfo.ZoneInfo(site.time_zone),
        holidays=holidays_package.country_holidays(
            site.holiday_country, subdiv=site.holiday_subdivision or None
        ),
    )


def current_site_pack() -> SitePack | None:
    """The loaded site pack, or None before any was loaded. One query."""
    return SitePack.objects.filter(id=1).first()


def contact_points() -> QuerySet[ContactPoint]:
    """Contact points with organisation and opening hours: two queries, whatever the count."""
    return ContactPoint.objects.select_related("organisation").prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
    )


def status_of(point: ContactPoint, calendar: Calendar, now: datetime) -> Status:
    """Needs ``opening_hours`` prefetched (see ``contact_points``)."""
    slots = [Slot(h.weekday, h.opens, h.closes) for h in point.opening_hours.all()]
    return opening_status(slots, now, calendar.zone, calendar.holidays)


def locate_postcode(code: str):
    """The (quarter, neighbourhood) a postcode is counted in, or (None, None). One query."""
    from quartier.places.models import Postcode

    postcode = (
        Postcode.objects.select_related("neighbourhood__quarter").filter(code=code.strip()).first()
    )
    if postcode is None:
        return None, None
    return postcode.neighbourhood.quarter, postcode.neighbourhood
