"""Public API: contact points with their opening hours and whether they are open now."""

from datetime import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from quartier.api.errors import errors
from quartier.places.directory import (
    Calendar,
    contact_points,
    current_site_pack,
    site_calendar,
    status_of,
)
from quartier.places.models import ContactPoint
from quartier.places.sitepack import WEEKDAYS

router = Router(tags=["places"])


class OpeningHoursOut(Schema):
    weekday: int
    day: str
    opens: str
    closes: str


class ContactPointOut(Schema):
    slug: str
    name: str
    organisation: str | None
    street: str
    postcode: str
    city: str
    location: str
    phone: str
    email: str
    website: str
    languages: list[str]
    opening_hours: list[OpeningHoursOut]
    note: dict[str, str]
    open_now: bool
    next_change: datetime | None


def _out(point: ContactPoint, calendar: Calendar, now: datetime) -> dict:
    status = status_of(point, calendar, now)
    return {
        "slug": point.slug,
        "name": point.name,
        "organisation": point.organisation.slug if point.organisation else None,
        "street": point.street,
        "postcode": point.postcode,
        "city": point.city,
        "location": point.location,
        "phone": point.phone,
        "email": point.email,
        "website": point.website,
        "languages": point.languages,
        "opening_hours": [
            {
                "weekday": h.weekday,
                "day": WEEKDAYS[h.weekday],
                "opens": f"{h.opens:%H:%M}",
                "closes": f"{h.closes:%H:%M}",
            }
            for h in point.opening_hours.all()
        ],
        "note": point.note,
        "open_now": status.is_open,
        "next_change": status.next_change,
    }


# Not paginated: a reference list, the site pack's few contact points.
@router.get("/contact-points", response=list[ContactPointOut], auth=None)
def list_contact_points(request: HttpRequest):
    """Every contact point (public). Times are local to the site pack's time zone."""
    calendar = site_calendar(current_site_pack())
    now = timezone.now()
    return [_out(point, calendar, now) for point in contact_points()]


@router.get(
    "/contact-points/{slug}", response={200: ContactPointOut, **errors(404, 422)}, auth=None
)
def get_contact_point(request: HttpRequest, slug: str):
    """One contact point by its slug (public); 404 when unknown."""
    point = contact_points().filter(slug=slug).first()
    if point is None:
        raise Http404("No such contact point.")
    calendar = site_calendar(current_site_pack())
    return _out(point, calendar, timezone.now())
