"""Demo appointments and visits: counsellors' availability at the demo contact points, two
years of appointments (mostly done, some no-shows and cancellations), upcoming confirmed
and requested ones, and visits to the learning place.

Deterministic (seeded) and made once: a second run finds the availability and stops.
Upcoming bookings go through the real booking service; past ones cannot (slots lie in
the future by definition), so they are written as they would stand today. Demo
residents leave a phone number only, so the demo sends no e-mail.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.accounts.models import User
from quartier.learning.appointments import services as appointments
from quartier.learning.appointments import slots
from quartier.learning.models import (
    Appointment,
    AppointmentStatus,
    Availability,
    Visit,
    VisitKind,
)
from quartier.places.directory import current_site_pack, site_calendar
from quartier.places.models import ContactPoint

# (contact point, login of the counsellor, weekly windows: weekday, from, until)
DEMO_AVAILABILITY = [
    (
        "lerneck",
        "lerneck@quartier.example",
        [(2, "10:00", "17:00"), (4, "10:00", "13:00")],
    ),
    (
        "dialog",
        "beratung@quartier.example",
        [(0, "09:00", "12:00"), (1, "13:00", "17:00"), (3, "09:00", "12:00")],
    ),
]

FIRST_NAMES = {
    "ru": ["Olga", "Sergej", "Natalja", "Dmitri"],
    "uk": ["Oksana", "Andrij", "Iryna", "Taras"],
    "vi": ["Lan", "Minh", "Thu", "Quang"],
    "ar": ["Amal", "Karim", "Rania", "Yousef"],
    "kmr": ["Berfin", "Rojhat", "Zozan", "Dilan"],
    "de": ["Sabine", "Thomas", "Jana", "Marcel"],
    "en": ["Grace", "Samuel"],
}
FAMILY_NAMES = {
    "ru": ["Iwanowa", "Petrow", "Smirnowa"],
    "uk": ["Kowalenko", "Bondar", "Tkatschenko"],
    "vi": ["Nguyen", "Tran", "Pham"],
    "ar": ["Haddad", "Khalil", "Mansour"],
    "kmr": ["Demir", "Aydın", "Yıldız"],
    "de": ["Schulze", "Richter", "Krause"],
    "en": ["Mensah", "Okafor"],
}
TOPICS = [
    "Bewerbungsunterlagen",
    "Anerkennung des Abschlusses",
    "Deutschkurs finden",
    "Computer und E-Mail",
    "Ausbildungsplatz",
    "Selbstständigkeit",
]
DEMO_YEARS = 2


def _person(rng: random.Random) -> tuple[str, str]:
    language = rng.choice(list(FIRST_NAMES))
    name = f"{rng.choice(FIRST_NAMES[language])} {rng.choice(FAMILY_NAMES[language])}"
    return name, language


def _open_days(point: ContactPoint, first: date, last: date, holidays) -> list[date]:
    weekdays = {h.weekday for h in point.opening_hours.all()}
    day, days = first, []
    while day <= last:
        if day.weekday() in weekdays and day not in holidays:
            days.append(day)
        day += timedelta(days=1)
    return days


@transaction.atomic
def create_demo_appointments(seed: int = 6) -> str:
    """Availability, appointments and visits for the demo; returns a one-line summary."""
    rng = random.Random(seed)
    site = current_site_pack()
    calendar = site_calendar(site)
    with scopes_disabled():
        points = {p.slug: p for p in ContactPoint.objects.prefetch_related("opening_hours")}
        users = {u.email: u for u in User.objects.filter(email__endswith="@quartier.example")}
        if Availability.objects.filter(user__in=users.values()).exists():
            return "Demo appointments already there."
        today = timezone.now().astimezone(calendar.zone).date()
        start_of_history = today - timedelta(days=365 * DEMO_YEARS)
        created = 0
        for slug, email, windows in DEMO_AVAILABILITY:
            point, user = points.get(slug), users.get(email)
            if point is None or user is None:
                continue
            for weekday, starts, ends in windows:
                appointments.add_availability(
                    user,
                    user=user,
                    contact_point=point,
                    weekday=weekday,
                    starts=time.fromisoformat(starts),
                    ends=time.fromisoformat(ends),
                    valid_from=start_of_history,
                )
            created += _past_appointments(rng, point, user, start_of_history, today, calendar)
            created += _upcoming_appointments(rng, point)
        visits = _visits(rng, points.get("lerneck"), start_of_history, today, calendar)
    return f"Demo appointments: {created} appointments, {visits} visits."


def _past_appointments(rng, point, user, first: date, today: date, calendar) -> int:
    length = slots.slot_length()
    # Older ones look as ``forget_past_appointments`` leaves them.
    retention = getattr(settings, "APPOINTMENT_RETENTION_DAYS", appointments.DEFAULT_RETENTION_DAYS)
    rows = []
    for day in _open_days(point, first, today - timedelta(days=1), calendar.holidays):
        for hours in point.opening_hours.all():
            if hours.weekday != day.weekday():
                continue
            start = datetime.combine(day, hours.opens, tzinfo=calendar.zone)
            closes = datetime.combine(day, hours.closes, tzinfo=calendar.zone)
            while start + length <= closes:
                if rng.random() < 0.3:
                    name, language = _person(rng)
                    forgotten = start.date() < today - timedelta(days=retention)
                    status = rng.choices(
                        [AppointmentStatus.DONE, AppointmentStatus.NO_SHOW, "cancelled"],
                        weights=[80, 12, 8],
                    )[0]
                    rows.append(
                        Appointment(
                            organisation_id=point.organisation_id,
                            contact_point=point,
                            start=start.astimezone(UTC),
                            end=(start + length).astimezone(UTC),
                            counsellor=user,
                            status=status,
                            name=appointments.FORGOTTEN_NAME if forgotten else name,
                            phone="" if forgotten else f"0341 {rng.randrange(100000, 999999)}",
                            language=language,
                            topic="" if forgotten else rng.choice(TOPICS),
                            created_at=(start - timedelta(days=rng.randrange(1, 14))).astimezone(
                                UTC
                            ),
                        )
                    )
                start += length
    Appointment.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _upcoming_appointments(rng, point) -> int:
    made = 0
    for slot in slots.slots_for(point):
        if rng.random() > 0.25:
            continue
        name, language = _person(rng)
        booked = appointments.book_appointment(
            point,
            slot.start,
            name=name,
            phone=f"0341 {rng.randrange(100000, 999999)}",
            language=language,
            topic=rng.choice(TOPICS),
        )
        if rng.random() < 0.6 and booked.counsellor is not None:
            appointments.confirm_appointment(booked, booked.counsellor)
        made += 1
    name, language = _person(rng)
    appointments.request_individual(
        point,
        name=name,
        phone="0341 555123",
        language=language,
        preferred_times="Montags nach 16 Uhr",
        topic=rng.choice(TOPICS),
    )
    return made + 1


def _visits(rng, point, first: date, today: date, calendar) -> int:
    if point is None:
        return 0
    kinds = [VisitKind.WALK_IN, VisitKind.SELF_LEARNING, VisitKind.APPOINTMENT]
    rows = []
    for day in _open_days(point, first, today, calendar.holidays):
        hours = [h for h in point.opening_hours.all() if h.weekday == day.weekday()]
        opens = datetime.combine(day, hours[0].opens, tzinfo=calendar.zone)
        minutes = int(
            (datetime.combine(day, hours[-1].closes, tzinfo=calendar.zone) - opens).seconds / 60
        )
        for _ in range(rng.randrange(2, 9)):
            at = opens + timedelta(minutes=rng.randrange(0, max(1, minutes - 15)))
            if at > timezone.now():
                continue
            kind = rng.choices(kinds, weights=[45, 40, 15])[0]
            rows.append(
                Visit(
                    organisation_id=point.organisation_id,
                    contact_point=point,
                    at=at.astimezone(UTC),
                    kind=kind,
                    people=rng.choice([1, 1, 1, 2, 3]) if kind == VisitKind.WALK_IN else 1,
                    language=_person(rng)[1],
                    duration_minutes=rng.choice([30, 45, 60, 90]) if kind != "walk_in" else None,
                )
            )
    Visit.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def link_demo_people(people: list, seed: int = 7) -> int:
    """Some of the demo's appointments and visits were made by demo participants: link
    them, so that the person's timeline shows them. Only those at a place of the person's
    organisation, after the person was taken in. Made once; returns how many were linked."""
    if Appointment.objects.with_scopes_disabled().exclude(participant=None).exists():
        return 0
    rng = random.Random(seed)
    appointments_left = list(
        Appointment.objects.with_scopes_disabled()
        .filter(participant=None)
        .exclude(start=None)
        .order_by("start", "pk")
    )
    visits_left = list(Visit.objects.with_scopes_disabled().filter(participant=None).order_by("at"))
    linked = 0
    for person in rng.sample(people, k=min(len(people), 60)):
        for records, field, count in (
            (appointments_left, "start", rng.randint(0, 2)),
            (visits_left, "at", rng.randint(1, 3)),
        ):
            fitting = [
                record
                for record in records
                if record.organisation_id == person.organisation_id
                and getattr(record, field) >= person.created_at
            ]
            for record in rng.sample(fitting, k=min(count, len(fitting))):
                records.remove(record)
                changes = {"participant": person}
                if field == "start":
                    changes.update(name=str(person), phone=person.phone, email="")
                type(record).objects.with_scopes_disabled().filter(pk=record.pk).update(**changes)
                linked += 1
    return linked
