"""Realistic participants in any number, for the demo and the benchmarks.

Names are drawn at random from common given and family names of the
communities the programme serves; no combination stands for a real person.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from quartier.accounts.audit import log_action
from quartier.database import analyse
from quartier.lib.search import search_key
from quartier.people.models import (
    Answer,
    ContactChannel,
    EmploymentStatus,
    EntryData,
    Gender,
    Isced,
    Participant,
    Project,
    Registration,
)
from quartier.places.models import ContactPoint, Postcode, SitePack


@dataclass(frozen=True)
class Community:
    language: str
    languages: tuple[str, ...]
    citizenships: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    families: tuple[tuple[str, str], ...]  # (family name for women, for men)
    latin: dict[str, str] | None = None  # transliteration of names in another script
    weight: int = 1


COMMUNITIES = [
    Community(
        "de",
        ("de",),
        ("DE",),
        ("Sabine", "Katrin", "Anja", "Jana", "Sandra", "Claudia", "Nicole"),
        ("Thomas", "Michael", "Steffen", "René", "Marco", "Jens", "Sven"),
        (
            ("Müller",) * 2,
            ("Schmidt",) * 2,
            ("Schulze",) * 2,
            ("Richter",) * 2,
            ("Krause",) * 2,
            ("Wolf",) * 2,
            ("Lehmann",) * 2,
        ),
        weight=3,
    ),
    Community(
        "ru",
        ("ru", "de"),
        ("RU", "DE", "KZ"),
        ("Ольга", "Наталья", "Ирина", "Светлана", "Татьяна", "Елена"),
        ("Сергей", "Алексей", "Дмитрий", "Андрей", "Николай", "Владимир"),
        (
            ("Иванова", "Иванов"),
            ("Смирнова", "Смирнов"),
            ("Кузнецова", "Кузнецов"),
            ("Попова", "Попов"),
            ("Волкова", "Волков"),
        ),
        weight=2,
    ),
    Community(
        "uk",
        ("uk", "ru"),
        ("UA",),
        ("Олена", "Оксана", "Ірина", "Марія", "Наталія", "Тетяна"),
        ("Андрій", "Олександр", "Сергій", "Віктор", "Богдан", "Юрій"),
        (
            ("Шевченко",) * 2,
            ("Коваленко",) * 2,
            ("Бондаренко",) * 2,
            ("Ткаченко",) * 2,
            ("Кравченко",) * 2,
            ("Мельник",) * 2,
        ),
        weight=2,
    ),
    Community(
        "vi",
        ("vi", "de"),
        ("VN", "DE"),
        ("Thị Hương", "Thị Lan", "Thị Mai", "Thu Thảo", "Khánh Linh"),
        ("Văn Minh", "Anh Tuấn", "Văn Hùng", "Tiến Dũng", "Hoài Nam"),
        (("Nguyễn",) * 2, ("Trần",) * 2, ("Lê",) * 2, ("Phạm",) * 2, ("Hoàng",) * 2, ("Vũ",) * 2),
        weight=2,
    ),
    Community(
        "ar",
        ("ar", "de"),
        ("SY", "IQ", "XX"),
        ("فاطمة", "مريم", "آية", "رنا", "سارة"),
        ("محمد", "أحمد", "خالد", "عمر", "يوسف"),
        (("الأحمد",) * 2, ("الحسن",) * 2, ("العلي",) * 2, ("الخطيب",) * 2, ("حداد",) * 2),
        latin={
            "فاطمة": "Fatima",
            "مريم": "Maryam",
            "آية": "Aya",
            "رنا": "Rana",
            "سارة": "Sara",
            "محمد": "Mohammed",
            "أحمد": "Ahmad",
            "خالد": "Khaled",
            "عمر": "Omar",
            "يوسف": "Youssef",
            "الأحمد": "Al-Ahmad",
            "الحسن": "Al-Hassan",
            "العلي": "Al-Ali",
            "الخطيب": "Al-Khatib",
            "حداد": "Haddad",
        },
        weight=2,
    ),
    Community(
        "kmr",
        ("kmr", "ar", "de"),
        ("SY", "IQ", "TR", "XX"),
        ("Şîrîn", "Rojda", "Berfîn", "Jiyan", "Nesrîn"),
        ("Azad", "Rêber", "Şivan", "Dilovan", "Welat"),
        (("Xelîl",) * 2, ("Ehmed",) * 2, ("Mûsa",) * 2, ("Şêxo",) * 2, ("Elî",) * 2),
    ),
]


# A choices class's ``values`` is computed at each use: taken once, for the generators.
CHANNELS = ContactChannel.values
EMPLOYMENT_STATUSES = EmploymentStatus.values
ISCED_LEVELS = Isced.values


def _pick_community(rng: random.Random) -> Community:
    return rng.choices(COMMUNITIES, weights=[c.weight for c in COMMUNITIES])[0]


@dataclass(frozen=True)
class Surroundings:
    """What every generated person is drawn from: the site's places and the project's span."""

    postcodes: list
    streets: list[str]
    city: str

    @classmethod
    def of_site(cls) -> "Surroundings":
        """The loaded site pack's postcodes (with their quarters), streets and town."""
        postcodes = list(
            Postcode.objects.select_related("neighbourhood__quarter").order_by("code")
        ) or [None]
        # The town and its streets come from the loaded site pack, not from code.
        site = SitePack.objects.filter(id=1).first()
        streets = sorted(
            {
                street.rstrip("0123456789 ")
                for street in ContactPoint.objects.values_list("street", flat=True)
            }
        ) or [""]
        return cls(postcodes, streets, site.city if site else "")


def random_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID from ``rng``, so that a seed makes the same reference numbers."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def new_participant(
    rng: random.Random,
    around: Surroundings,
    organisations: list,
    project: Project,
    by=None,
    seeded_ids: bool = False,
) -> tuple[Participant, EntryData]:
    """One person (not saved) and their entry data, with the search key the app computes.

    With ``seeded_ids`` the reference number is drawn from ``rng`` too (the generator's
    programmes are the same for a seed); without, the draws are the demo's as before.
    """
    community = _pick_community(rng)
    woman = rng.random() < 0.55
    given = rng.choice(community.women if woman else community.men)
    family = rng.choice(community.families)[0 if woman else 1]
    latin = ""
    if community.latin:
        latin = f"{community.latin[given]} {community.latin[family]}"
    postcode = rng.choice(around.postcodes)
    person = Participant(
        organisation=rng.choice(organisations),
        project=project,
        given_name=given,
        family_name=family,
        name_latin=latin,
        search_key=search_key(given, family, latin),
        date_of_birth=date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 45)),
        gender=Gender.WOMAN if woman else rng.choice([Gender.MAN, Gender.MAN, Gender.NO_ANSWER]),
        phone=f"0341 {rng.randrange(100000, 999999)}",
        preferred_channel=rng.choice(CHANNELS),
        street=f"{rng.choice(around.streets)} {rng.randrange(1, 120)}".strip(),
        postcode=postcode.code if postcode else "",
        city=around.city,
        quarter=postcode.neighbourhood.quarter if postcode else None,
        neighbourhood=postcode.neighbourhood if postcode else None,
        languages=list(community.languages),
        preferred_language=community.language,
        citizenships=[rng.choice(community.citizenships)],
        created_by=by,
    )
    # Nobody enters in the future: entries run from the start until today (or the end).
    last_entry = min(project.ends_on, timezone.localdate())
    span = max(1, (last_entry - project.starts_on).days)
    status = rng.choices(EMPLOYMENT_STATUSES, weights=[6, 2, 2])[0]
    entry_date = project.starts_on + timedelta(days=rng.randrange(0, span))
    entry = EntryData(
        participant=person,
        entry_date=entry_date,
        employment_status=status if rng.random() < 0.93 else "",
        registration=(
            rng.choice([Registration.JOBCENTER, Registration.AGENTUR])
            if status == EmploymentStatus.UNEMPLOYED
            else Registration.NONE
        ),
        unemployed_since=(
            entry_date - timedelta(days=rng.randrange(30, 2000))
            if status == EmploymentStatus.UNEMPLOYED
            else None
        ),
        isced=rng.choices(ISCED_LEVELS, weights=[4, 4, 2])[0],
        foreign_background=(Answer.NO if community.language == "de" else Answer.YES),
    )
    # Taken in on the day of entry (not when the demo was made), so that everything on
    # the person's timeline follows the intake; entry data given at intake are complete then.
    person.created_at = min(timezone.now(), _morning(entry_date))
    if entry.is_complete:
        entry.completed_at = person.created_at
    if seeded_ids:
        person.public_id = random_uuid(rng)
    return person, entry


def _morning(day: date) -> datetime:
    return datetime.combine(day, time(9), tzinfo=timezone.get_default_timezone())


def generate_participants(
    count: int,
    organisations: list,
    project: Project,
    by=None,
    seed: int = 1,
    batch_size: int = 2000,
) -> int:
    """Create ``count`` participants spread over the organisations and the site's postcodes
    (only people and their entry data; ``demo.generate`` makes a whole programme)."""
    rng = random.Random(seed)
    around = Surroundings.of_site()
    created = 0
    with transaction.atomic():
        while created < count:
            people, entries = [], []
            for _ in range(min(batch_size, count - created)):
                person, entry = new_participant(rng, around, organisations, project, by=by)
                people.append(person)
                entries.append(entry)
            Participant.objects.bulk_create(people)
            EntryData.objects.with_scopes_disabled().bulk_create(entries)
            created += len(people)
        analyse(Participant, EntryData)
        log_action("people.generated", actor=by, data={"participants": count, "seed": seed})
    return created
