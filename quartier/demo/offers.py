"""Two years of offers for the demo: tables, taster trainings, events, courses, and more.

Offers and registrations go through the real services (so the audit log,
waiting lists and timelines look like those of a programme in use); the
attendance of past dates is written in bulk. Deterministic (seeded) and
idempotent: when the learning coordinator's organisation already has offers,
nothing is added.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.accounts.models import Organisation, User
from quartier.esco.models import Concept
from quartier.learning.models import Attendance, Offer, Registration, RegistrationStatus
from quartier.learning.offers.registrations import RegistrationError, register
from quartier.learning.offers.services import add_date, create_offer, set_skills
from quartier.places.models import ContactPoint

SEED = 2026

# The ESCO skills some offers teach (by their German title), so that matching can name
# them beside a missing skill; the forklift and many others stay without a course and
# appear in the skill-gap report.
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
SKILLS_TAUGHT = {
    "Schnupperkurs Ernährung: gesund und günstig kochen": (
        "0ff99f51-40d9-42f1-a1ec-377b2bb5e15f",  # comply with food safety and hygiene
        "f3934441-4bff-4076-9945-e6c51a01c467",  # use cooking techniques
        "4b15a965-9bb4-42f1-8e44-1024aeb0b08c",  # use food preparation techniques
    ),
    "Grundlagen Lager und Logistik": (
        "078861f5-b901-48a5-951e-a3ad0a4fa0bd",  # operate warehouse materials
        "44f6a65f-6be7-4818-9a66-73908797283f",  # monitor stock level
        "7e9daad3-8604-4839-af9b-dc6f8db3ef68",  # stock shelves
    ),
    "Schnupperkurs Digital: Smartphone, E-Mail, Online-Bewerbung": (
        "d15ce60f-ddab-41ce-ba56-398451b77b60",  # have computer literacy
    ),
    "Deutsch für den Beruf (B1)": (
        "2abb9db5-350c-444c-8292-0e0b2ce00f9a",  # interact verbally in German
    ),
}

TABLE = {
    "de": "Nachbarschaftstisch im Lerneck",
    "en": "Neighbourhood table at the Lerneck",
    "ru": "Соседский стол в «Лернэк»",
    "vi": "Bàn hàng xóm tại Lerneck",
    "ar": "طاولة الجيران في ليرنيك",
    "uk": "Сусідський стіл у «Лернеку»",
    "kmr": "Maseya cîranan li Lerneckê",
}
TABLE_TEXT = {
    "de": "Jeden Mittwoch: zusammen kochen, Deutsch sprechen, Fragen zu Arbeit und Alltag klären.",
    "en": "Every Wednesday: cook together, speak German, ask about work and everyday life.",
    "vi": "Mỗi thứ Tư: cùng nấu ăn, nói tiếng Đức, hỏi về công việc và cuộc sống hằng ngày.",
    "ar": "كل أربعاء: نطبخ معًا ونتحدث الألمانية ونجيب عن أسئلة العمل والحياة اليومية.",
    "ru": "Каждую среду: готовим вместе, говорим по-немецки, отвечаем на вопросы о работе и быте.",
}
TASTERS = [
    {
        "de": "Schnupperkurs Ernährung: gesund und günstig kochen",
        "en": "Taster training: healthy cooking on a budget",
        "ru": "Пробный курс: здоровое и недорогое питание",
        "ar": "دورة تجريبية: طبخ صحي واقتصادي",
    },
    {
        "de": "Schnupperkurs Gärtnern im Gemeinschaftsgarten",
        "en": "Taster training: gardening in the community garden",
        "vi": "Khóa học thử: làm vườn trong vườn cộng đồng",
        "uk": "Пробний курс: садівництво в громадському саду",
    },
    {
        "de": "Schnupperkurs Digital: Smartphone, E-Mail, Online-Bewerbung",
        "en": "Taster training digital: smartphone, e-mail, applying online",
        "ar": "دورة تجريبية رقمية: الهاتف الذكي والبريد الإلكتروني والتقديم عبر الإنترنت",
        "ru": "Пробный курс «Цифровые навыки»: смартфон, e-mail, онлайн-заявки",
    },
    {
        "de": "Selbstlernen am Computer: Deutsch mit Lernprogrammen",
        "en": "Self-directed learning at the computer: German with learning software",
        "kmr": "Bi xwe hînbûn li ber komputerê: Almanî bi bernameyan",
    },
]
EVENTS = [
    {"de": "Stadtteilfest Eisenbahnstraße", "en": "Eisenbahnstraße street festival"},
    {"de": "Markt der Möglichkeiten: Arbeit und Ausbildung", "en": "Jobs and training fair"},
]
COURSES = [
    {
        "de": "Deutsch für den Beruf (B1)",
        "en": "German for work (B1)",
        "uk": "Німецька для роботи (B1)",
    },
    {"de": "Grundlagen Lager und Logistik", "en": "Basics of warehousing and logistics"},
]
SOCIAL_MEDIA = {
    "de": "Social Media für kleine Betriebe (Kleingruppe)",
    "en": "Social media for small businesses (small group)",
    "vi": "Mạng xã hội cho doanh nghiệp nhỏ (nhóm nhỏ)",
}
INFO = {
    "de": "Infoveranstaltung: Anerkennung ausländischer Abschlüsse",
    "en": "Information session: recognition of foreign qualifications",
    "ar": "جلسة معلومات: الاعتراف بالشهادات الأجنبية",
    "ru": "Информационная встреча: признание иностранных дипломов",
}
AEVO = {
    "de": "Vorbereitung auf die Ausbildereignungsprüfung (AEVO)",
    "en": "Preparation for the trainer aptitude examination (AEVO)",
}
GIVEN = ["Amal", "Olena", "Thanh", "Sergej", "Hevin", "Jana", "Omar", "Linh", "Iryna", "Murat"]
FAMILY = ["Haddad", "Kovalenko", "Nguyen", "Petrov", "Aydin", "Schulze", "Rahimi", "Tran"]
LANGUAGES = ["de", "ar", "ru", "vi", "uk", "kmr", "en"]
STAFF_NAMES = ["Mia Krause", "Tuan Pham", "Leyla Demir", "Paul Richter", "Anh Vo"]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _plan(start: date, end: date, rng: random.Random) -> list[dict]:
    """What runs when: kind, title, dates (as (day, hour, hours)), capacity, audience."""
    plan = []
    month = date(start.year, start.month, 1)
    number = 0
    while month <= end:
        next_month = (month + timedelta(days=32)).replace(day=1)
        wednesday = _weekday_on_or_after(month, 2)
        days = [wednesday + timedelta(weeks=w) for w in range(5)]
        plan.append(
            {
                "kind": "table",
                "title": TABLE,
                "description": TABLE_TEXT,
                "dates": [(d, 15, 2) for d in days if d < next_month],
                "capacity": 10,
                "languages": ["de", "ar", "vi", "ru"],
            }
        )
        if number % 2 == 0:
            tuesday = _weekday_on_or_after(month + timedelta(days=7), 1)
            plan.append(
                {
                    "kind": "taster",
                    "title": TASTERS[(number // 2) % len(TASTERS)],
                    "dates": [(tuesday + timedelta(weeks=w), 10, 3) for w in range(3)],
                    "capacity": 8,
                    "languages": ["de", rng.choice(["ar", "ru", "vi", "uk"])],
                }
            )
        if number % 3 == 1:
            plan.append(
                {
                    "kind": "info",
                    "title": INFO,
                    "dates": [(_weekday_on_or_after(month + timedelta(days=14), 3), 17, 1)],
                    "capacity": 25,
                    "languages": ["de", "ar", "ru"],
                }
            )
        if number % 4 == 2:
            friday = _weekday_on_or_after(month + timedelta(days=3), 4)
            plan.append(
                {
                    "kind": "business",
                    "title": SOCIAL_MEDIA,
                    "dates": [(friday, 9, 3), (friday + timedelta(weeks=1), 9, 3)],
                    "capacity": 6,
                    "audience": "businesses",
                    "languages": ["de", "vi"],
                }
            )
        if number % 6 == 3:
            saturday = _weekday_on_or_after(month + timedelta(days=10), 5)
            plan.append(
                {
                    "kind": "event",
                    "title": EVENTS[(number // 6) % len(EVENTS)],
                    "dates": [(saturday, 13, 5)],
                    "capacity": None,
                    "languages": ["de", "ar", "ru", "vi", "uk", "kmr"],
                }
            )
            monday = _weekday_on_or_after(month, 0)
            plan.append(
                {
                    "kind": "course",
                    "title": COURSES[(number // 6) % len(COURSES)],
                    "dates": [(monday + timedelta(weeks=w), 9, 4) for w in range(8)],
                    "capacity": 12,
                    "audience": "job_seekers",
                    "languages": ["de"],
                    "cost": 0,
                }
            )
        if number % 12 == 5:
            thursday = _weekday_on_or_after(month, 3)
            plan.append(
                {
                    "kind": "aevo",
                    "title": AEVO,
                    "dates": [(thursday + timedelta(weeks=w), 16, 3) for w in range(6)],
                    "capacity": 10,
                    "audience": "businesses",
                    "languages": ["de"],
                    "cost": 120,
                    "cost_note": "Förderung über das Programm möglich",
                }
            )
        month = next_month
        number += 1
    return plan


@transaction.atomic
def create_demo_offers(participants: list, counsellor: User, today: date | None = None) -> int:
    """Offers from two years back to three months ahead, with registrations and attendance.

    ``participants`` are demo participants the ``counsellor`` may register.
    Returns the number of offers made (0 when they were already there).
    """
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    daa = Organisation.objects.get(slug="daa-leipzig")
    if Offer.objects.filter(organisation=daa).exists():
        return 0
    coordinator = User.objects.get(email="lerneck@quartier.example")
    business = Organisation.objects.filter(slug="demo-betrieb").first()
    places = {p.slug: p for p in ContactPoint.objects.filter(slug__in=["lerneck", "ic-e"])}
    lerneck = places.get("lerneck")
    made = 0
    attendances = []
    with scopes_disabled():
        for item in _plan(today - timedelta(days=730), today + timedelta(days=90), rng):
            place = places.get("ic-e") if item["kind"] == "event" else lerneck
            offer = create_offer(
                daa,
                coordinator,
                kind=item["kind"],
                title=item["title"],
                description=item.get("description", {}),
                audience=item.get("audience", "everyone"),
                contact_point=place,
                online_url="" if place else "https://lernen.example.org/raum",
                room="Lernraum" if place is lerneck and place else "",
                capacity=item["capacity"],
                languages=item["languages"],
                cost=item.get("cost", 0),
                cost_note=item.get("cost_note", ""),
                published=True,
            )
            dates = [
                add_date(
                    offer, coordinator, _at(day, hour), _at(day, hour) + timedelta(hours=length)
                )
                for day, hour, length in item["dates"]
            ]
            made += 1
            taught = SKILLS_TAUGHT.get(item["title"].get("de", ""), ())
            if taught:
                uris = [ESCO_SKILL + code for code in taught]
                set_skills(offer, coordinator, list(Concept.objects.filter(uri__in=uris)))
            first = dates[0].starts_at
            # People register some days before the first date, never ahead of now, and
            # only people already taken in by then (a timeline runs from the intake on).
            registered_at = min(timezone.now(), first - timedelta(days=rng.randint(3, 20)))
            known = [person for person in participants if person.created_at <= registered_at]
            _register_demo_people(offer, item, known, counsellor, coordinator, business, rng)
            # Registration closes once an offer has begun (after the demo registered people).
            Offer.objects.filter(pk=offer.pk).update(
                registration_open=dates[0].starts_at.date() >= today
            )
            registrations = list(Registration.objects.filter(offer=offer))
            Registration.objects.filter(offer=offer).update(registered_at=registered_at)
            for offer_date in dates:
                if offer_date.starts_at.date() >= today:
                    continue
                for registration in registrations:
                    if registration.status == RegistrationStatus.CONFIRMED:
                        attendances.append(
                            Attendance(
                                registration=registration,
                                date=offer_date,
                                present=rng.random() < 0.8,
                                recorded_by=coordinator,
                                recorded_at=offer_date.ends_at,
                            )
                        )
        Attendance.objects.bulk_create(attendances, batch_size=500)
    return made


def _register_demo_people(offer, item, participants, counsellor, coordinator, business, rng):
    """Participants, residents (by phone: no demo mails) and business staff; some over-full."""
    capacity = item["capacity"] or 30
    wanted = capacity + (rng.randint(1, 4) if rng.random() < 0.35 else -rng.randint(1, 4))
    if item.get("audience") == "businesses" and business is not None:
        for name in rng.sample(STAFF_NAMES, k=min(3, len(STAFF_NAMES))):
            _try(register, offer, None, business=business, name=name)
        wanted -= 3
    chosen = rng.sample(participants, k=min(len(participants), max(wanted // 2, 0)))
    for participant in chosen:
        _try(register, offer, counsellor, participant=participant)
    for _number in range(max(wanted - len(chosen), 0)):
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        phone = f"0341 {rng.randint(100000, 999999)}"
        _try(register, offer, None, name=name, phone=phone, language=rng.choice(LANGUAGES))
    if rng.random() < 0.15:
        confirmed = Registration.objects.filter(offer=offer, status="confirmed").first()
        if confirmed is not None:
            from quartier.learning.offers.registrations import cancel

            cancel(confirmed, coordinator)


def _try(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except RegistrationError:
        return None
