"""iCalendar (RFC 5545) for offers: the public feed and one registration's dates.

Each date is one VEVENT whose UID is stable (the date's own UUID), with
DTSTART/DTEND in UTC, the title in the requested language as SUMMARY, the
place as LOCATION, the public offer page as URL; a cancelled date stays in the
feed with STATUS:CANCELLED, so calendars that subscribed remove it.
"""

from collections.abc import Iterable
from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from quartier.learning.models import Offer, OfferDate

PRODID = "-//Quartier//Learning offers//EN"
UID_DOMAIN = "quartier.learning"


def place_text(offer: Offer, offer_date: OfferDate | None = None) -> str:
    """Needs the contact point loaded."""
    room = offer_date.room_text if offer_date is not None else offer.room
    point = offer.contact_point
    if point is None:
        return offer.online_url
    parts = [point.name, room, point.street, f"{point.postcode} {point.city}".strip()]
    return ", ".join(part for part in parts if part)


def offer_url(offer: Offer, language: str) -> str:
    with translation.override(language):
        path = reverse("learning-public:offer", kwargs={"code": offer.code})
    return settings.SITE_URL + path


def _event(offer_date: OfferDate, language: str, stamp) -> Event:
    offer = offer_date.offer
    event = Event()
    event.add("uid", f"{offer_date.code}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", offer_date.starts_at.astimezone(UTC))
    event.add("dtend", offer_date.ends_at.astimezone(UTC))
    event.add("summary", offer.title_text(language))
    description = offer.description_text(language)
    if description:
        event.add("description", description)
    event.add("location", place_text(offer, offer_date))
    event.add("url", offer_url(offer, language))
    event.add("status", "CANCELLED" if offer_date.cancelled else "CONFIRMED")
    return event


def calendar_bytes(dates: Iterable[OfferDate], language: str, name: str = "") -> bytes:
    """The dates (with ``offer`` and its ``contact_point`` loaded) as one VCALENDAR."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC)
    for offer_date in dates:
        calendar.add_component(_event(offer_date, language, stamp))
    return calendar.to_ical()


def public_feed_dates():
    """Dates of published offers, from 90 days back on. One query."""
    since = timezone.now() - timedelta(days=90)
    return (
        OfferDate.objects.filter(offer__published=True, ends_at__gte=since)
        .select_related("offer", "offer__contact_point")
        .order_by("starts_at", "pk")
    )


def registration_dates(registration) -> list[OfferDate]:
    """The dates of the registration's offer. One query."""
    return list(
        OfferDate.objects.filter(offer_id=registration.offer_id)
        .select_related("offer", "offer__contact_point")
        .order_by("starts_at", "pk")
    )
