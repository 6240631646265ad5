"""A programme of any size, for benchmarks: ``quartier generate --participants N``.

The proportions follow the demo's two years of work (``demo/programme.py``), per
participant: one entry record; a case for six in seven, with about three counselling
contacts and half a referral each; a competence profile for two in five, with one or
two languages; about one registration for a course or event, most with attendance;
a visit and an appointment for about half; and four audit entries (created, viewed
twice, found in a list) -- the audit log grows with every read, so it is the largest
table. Per 25 participants one business, per three businesses one vacancy, per 200
participants one offer with its dates. Names come from the communities of
``demo.participants`` (Latin, Cyrillic, Arabic, Vietnamese with diacritics), and
derived fields (search keys, quarters from postcodes, size classes) are computed by
the app's own functions, so search and filters find generated people as they find
real ones.

Rows are built as model instances and written without the services (which would
take a query or more per row): on PostgreSQL with ``COPY``, elsewhere with
``bulk_create``, one transaction per chunk of participants. The ids are assigned
here, so that rows can point at rows written in the same batch; the sequences are
moved past them at the end. The same ``seed`` makes the same programme, also the
reference numbers.
"""

import contextlib
import functools
import random
import tomllib
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from anyascii import anyascii
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.text import slugify

from quartier.accounts.models import (
    AuditEntry,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from quartier.competences.models import CompetenceProfile, LanguageSkill
from quartier.competences.profile.services import language_step
from quartier.counselling.models import (
    Agency,
    Case,
    CaseStatus,
    Contact,
    ContactChannel,
    Referral,
    ReferralOutcome,
    ReferralTarget,
    Topic,
)
from quartier.database import analyse
from quartier.demo.participants import Surroundings, new_participant, random_uuid
from quartier.economy.businesses.models import size_class_for
from quartier.economy.businesses.sectors import ensure_default_sectors
from quartier.economy.models import Business, Sector, Vacancy
from quartier.economy.vacancies.models import PayPeriod, VacancyKind, VacancyStatus
from quartier.learning.models import (
    Appointment,
    AppointmentStatus,
    Attendance,
    Offer,
    OfferDate,
    OfferKind,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    Visit,
    VisitKind,
)
from quartier.people.models import EntryData, Participant, Project
from quartier.places.models import ContactPoint, Postcode

BUSINESS_DATA = Path(__file__).parent / "data" / "businesses.toml"
CHUNK = 5000  # participants per transaction (and per step of the progress bar)
PEOPLE_PER_BUSINESS = 25
BUSINESSES_PER_VACANCY = 3
PEOPLE_PER_OFFER = 200
PEOPLE_PER_COUNSELLOR = 2000
PROJECTS = ("generiert-ost", "generiert-west", "generiert-nord")
STAFF_DOMAIN = "generiert.example"

Progress = Callable[[int], None]

# A choices class's ``values`` is computed at each use: taken once here, for the hot loop.
CHANNELS = ContactChannel.values
TOPICS = Topic.values
REFERRAL_TARGETS = ReferralTarget.values
OUTCOMES = ReferralOutcome.values
AGENCIES = [agency for agency in Agency.values if agency != Agency.OTHER]
VISIT_KINDS = VisitKind.values


class Writer:
    """Collects unsaved model instances and writes them in batches.

    Ids are given out here (after the highest in the table), so that a row can point
    at one written in the same batch; the foreign keys are checked at commit.
    """

    def __init__(self) -> None:
        self.next_id: dict[type[models.Model], int] = {}
        self.pending: dict[type[models.Model], list[models.Model]] = {}
        self.written: dict[str, int] = {}
        self.links: dict[type[models.Model], dict[str, str]] = {}

    def add(self, obj: models.Model) -> models.Model:
        model = type(obj)
        if model not in self.next_id:
            # The base manager is not scoped to an organisation.
            highest = model._base_manager.aggregate(top=Max("pk"))["top"]
            self.next_id[model] = (highest or 0) + 1
            self.pending[model] = []
        obj.pk = self.next_id[model]
        self.next_id[model] += 1
        self.pending[model].append(obj)
        return obj

    def row(self, model: type[models.Model], **values) -> Any:
        """Add a new ``model`` row of ``values`` (related objects must have their ids).

        Built without ``Model.__init__``, which takes longer than writing the row (it
        goes through every field and keyword); the fields not given get their defaults
        when written. Good for writing and reading back what was given, nothing else.
        """
        obj = model.__new__(model)
        obj._state = ModelState()
        links = self.links.get(model)
        if links is None:
            fields = model._meta.concrete_fields
            links = {field.name: field.attname for field in fields if field.is_relation}
            self.links[model] = links
        for name, value in values.items():
            if name in links:
                obj.__dict__[links[name]] = value.pk if value is not None else None
            else:
                obj.__dict__[name] = value
        return self.add(obj)

    def flush(self) -> None:
        """Write everything collected, in the order the models were first added."""
        for model, objects in self.pending.items():
            if objects:
                write(model, objects)
                label = model._meta.label
                self.written[label] = self.written.get(label, 0) + len(objects)
                objects.clear()

    def reset_sequences(self) -> None:
        """Move the id sequences past the ids given out here (PostgreSQL)."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_id))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def write(model: type[models.Model], objects: list[models.Model]) -> None:
    """Insert ``objects`` (ids set): ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere."""
    fields = list(model._meta.concrete_fields)
    for obj in objects:
        values = obj.__dict__
        for field in fields:
            if field.attname not in values:  # a row built by ``Writer.row``
                values[field.attname] = field.get_default()
            elif field.is_relation and values[field.attname] is None and field.is_cached(obj):
                # Set to an object before its id was given out: take the id now.
                related = field.get_cached_value(obj)
                values[field.attname] = related.pk if related is not None else None
    if connection.vendor != "postgresql":
        model._base_manager.bulk_create(objects, batch_size=500)
        return
    # Values psycopg takes as they are (numbers, text, dates, UUIDs) skip Django's
    # preparation, which costs more than the COPY itself; JSON and automatic dates do not.
    prepared = [
        isinstance(field, models.JSONField)
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
        for field in fields
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    # Django's cursor wraps psycopg's; COPY needs the driver's own.
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objects:
            copy.write_row(
                [
                    field.get_db_prep_save(field.pre_save(obj, True), connection)
                    if prepare
                    else obj.__dict__[field.attname]
                    for field, prepare in zip(fields, prepared, strict=True)
                ]
            )


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(0, max(1, (end - start).days)))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=_zone())


@functools.cache
def _zone() -> tzinfo:
    return timezone.get_default_timezone()


class Programme:
    """The shared records people are spread over, and the rules that make their activity."""

    def __init__(self, rng: random.Random, writer: Writer, participants: int) -> None:
        self.rng = rng
        self.writer = writer
        self.today = timezone.localdate()
        self.organisations = list(
            Organisation.objects.exclude(kind=OrganisationKind.BUSINESS).order_by("slug")
        )
        self.projects = [self._project(slug) for slug in PROJECTS]
        self.counsellors = {org.pk: self._staff(org, participants) for org in self.organisations}
        self.contact_points = list(ContactPoint.objects.order_by("slug"))
        self.around = Surroundings.of_site()
        # Where a postcode is counted (``places.directory.locate_postcode``), for all at once.
        postcodes = Postcode.objects.select_related("neighbourhood__quarter")
        self.neighbourhood_of = {postcode.code: postcode.neighbourhood for postcode in postcodes}
        self.quarter_of = {code: place.quarter for code, place in self.neighbourhood_of.items()}

    def _project(self, slug: str) -> Project:
        project, _ = Project.objects.get_or_create(
            slug=slug,
            defaults={
                "name": f"Arbeit im Quartier ({slug.removeprefix('generiert-')})",
                "starts_on": self.today - timedelta(days=730),
                "ends_on": self.today + timedelta(days=365),
                "retention_until": self.today + timedelta(days=365 * 6),
            },
        )
        # Every organisation of the site takes part, so its reporting viewers count all.
        project.organisations.add(*self.organisations)
        return project

    def _staff(self, organisation: Organisation, participants: int) -> list[User]:
        """Counsellors of ``organisation``, one per ``PEOPLE_PER_COUNSELLOR`` of its people."""
        wanted = max(1, participants // len(self.organisations) // PEOPLE_PER_COUNSELLOR)
        staff = []
        for number in range(1, wanted + 1):
            user, made = User.objects.get_or_create(
                email=f"beratung{number}.{organisation.slug}@{STAFF_DOMAIN}",
                defaults={"name": f"Beratung {number} ({organisation.name})"},
            )
            if made:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                Membership.objects.create(
                    user=user, organisation=organisation, role=Role.COUNSELLOR
                )
            staff.append(user)
        return staff

    # -- Businesses, vacancies, offers --------------------------------------------------

    def businesses(self, count: int) -> None:
        ensure_default_sectors()
        data = tomllib.loads(BUSINESS_DATA.read_text(encoding="utf-8"))
        sectors = {sector.slug: sector for sector in Sector.objects.all()}
        taken = set(Business.objects.values_list("slug", flat=True))
        kinds = [kind for kind in data["kinds"] if kind["sector"] in sectors]
        rng = self.rng
        made: list[Business] = []
        for number in range(count):
            kind = rng.choice(kinds)
            name = rng.choice(kind["names"])
            street, postcode, highest = rng.choice(data["streets"])
            base = slugify(anyascii(name))[:60] or "betrieb"
            slug, suffix = base, 2
            while slug in taken:
                slug, suffix = f"{base}-{number}-{suffix}", suffix + 1
            taken.add(slug)
            staff = rng.randint(*kind["staff"])
            business = Business(
                name=name if slug == base else f"{name} {street.split('-')[0]} {suffix - 1}",
                slug=slug,
                legal_form=rng.choice(kind["legal_forms"]),
                sector=sectors[kind["sector"]],
                staff_count=staff,
                size_class=size_class_for(staff),
                street=street,
                house_number=str(rng.randint(1, highest)),
                postcode=postcode,
                city=self.around.city,
                neighbourhood=self.neighbourhood_of.get(postcode),
                languages=list(rng.choice(kind["languages"])),
                migrant_economy=rng.random() < kind["migrant"],
                founded=self.today - timedelta(days=rng.randint(200, 365 * 25)),
                status=rng.choices(list(Business.Status.values), weights=[1, 1, 12, 2])[0],
                opening_hours=kind["hours"],
                trains=rng.random() < kind["training"],
                interest_in_hiring=rng.random() < 0.3,
                interest_in_training=rng.random() < 0.2,
                listed_publicly=False,
            )
            made.append(self.writer.add(business))
        self.writer.flush()
        for business in made[::BUSINESSES_PER_VACANCY]:
            status = rng.choices(VacancyStatus.values, weights=[6, 2, 1])[0]
            pay = Decimal(rng.randint(13, 22))
            self.writer.add(
                Vacancy(
                    public_id=random_uuid(rng),
                    business=business,
                    kind=rng.choices(VacancyKind.values, weights=[6, 2, 1, 2, 1])[0],
                    titles={"de": f"Mitarbeit {business.name}"},
                    hours_per_week=Decimal(rng.choice([10, 20, 30, 39])),
                    pay_min=pay,
                    pay_max=pay + rng.randint(0, 4),
                    pay_period=PayPeriod.HOUR,
                    status=status,
                    filled_on=self.today - timedelta(days=rng.randrange(1, 300))
                    if status == VacancyStatus.FILLED
                    else None,
                    published=status == VacancyStatus.OPEN and rng.random() < 0.8,
                    created_at=timezone.now() - timedelta(days=rng.randrange(1, 700)),
                )
            )
        self.writer.flush()

    def offers(self, count: int) -> list[tuple[Offer, list[OfferDate]]]:
        rng = self.rng
        made = []
        titles = {
            OfferKind.COURSE: ("Deutschkurs B1 mit Berufsbezug", "German B1 for work"),
            OfferKind.TASTER: ("Schnuppertag Pflege", "Taster day: care"),
            OfferKind.TABLE: ("Nachbarschaftstisch", "Neighbourhood table"),
            OfferKind.EVENT: ("Quartiersfest", "Quarter festival"),
            OfferKind.INFO: ("Infoabend Anerkennung", "Information evening: recognition"),
        }
        for _ in range(count):
            kind = rng.choice(list(titles))
            point = rng.choice(self.contact_points) if self.contact_points else None
            german, english = titles[kind]
            offer = self.writer.add(
                Offer(
                    code=random_uuid(rng),
                    organisation=rng.choice(self.organisations),
                    kind=kind,
                    title={"de": german, "en": english},
                    contact_point=point,
                    quarter=self.quarter_of.get(point.postcode) if point else None,
                    capacity=None,
                    languages=["de"],
                    published=True,
                    created_at=timezone.now() - timedelta(days=rng.randrange(30, 700)),
                )
            )
            first = self.today - timedelta(days=rng.randrange(-60, 650))
            dates = [
                self.writer.add(
                    OfferDate(
                        code=random_uuid(rng),
                        offer=offer,
                        starts_at=_at(first + timedelta(days=7 * week), 10),
                        ends_at=_at(first + timedelta(days=7 * week), 12),
                    )
                )
                for week in range(rng.choice([1, 1, 2, 4, 8]))
            ]
            made.append((offer, dates))
        self.writer.flush()
        return made

    # -- One person and what happened to them -------------------------------------------

    def person(self, offers: list[tuple[Offer, list[OfferDate]]]) -> None:
        rng, add, row, today = self.rng, self.writer.add, self.writer.row, self.today
        person, entry = new_participant(
            rng, self.around, self.organisations, rng.choice(self.projects), seeded_ids=True
        )
        counsellor = rng.choice(self.counsellors[person.organisation.pk])
        person.created_by = counsellor
        person.created_at = _at(entry.entry_date, 9)
        add(person)
        add(entry)
        start = entry.entry_date
        reference = str(person.public_id)

        def audit(code: str, subject: models.Model | None, when: datetime, **data) -> None:
            row(
                AuditEntry,
                created_at=when,
                actor=counsellor,
                actor_label=counsellor.email,
                organisation_id=person.organisation_id,
                code=code,
                subject_type=subject._meta.label_lower if subject is not None else "",
                subject_id=str(subject.pk) if subject is not None else "",
                person=reference if subject is not None else "",
                data=data,
            )

        audit("people.participant.created", person, person.created_at)
        for _ in range(2):
            audit("people.participant.viewed", person, _at(_day(rng, start, today), 10))
        listed = _at(_day(rng, start, today), 11)
        audit("people.participant.listed", None, listed, people=[reference])

        if rng.random() < 6 / 7:
            self._case(person, counsellor, start, audit)
        if rng.random() < 0.4:
            profile = row(
                CompetenceProfile,
                participant=person,
                organisation_id=person.organisation_id,
                public_code=random_uuid(rng),
                created_by=counsellor,
                created_at=_at(start, 11),
                changed_at=_at(start, 11),
                language_steps={},
            )
            for language in person.languages[: rng.choice([1, 2])]:
                level = "C2" if language == person.preferred_language else rng.choice(["A2", "B1"])
                # Matching's copy, as the profile services keep it.
                profile.language_steps[language] = language_step(level, level)
                row(
                    LanguageSkill,
                    profile=profile,
                    language=language,
                    understanding=level,
                    speaking=level,
                    writing=level,
                    created_by=counsellor,
                )
        if offers:
            for offer, dates in rng.sample(offers, k=min(len(offers), rng.choice([0, 1, 1, 2]))):
                cancelled = rng.random() < 0.1
                registration = row(
                    Registration,
                    code=random_uuid(rng),
                    offer=offer,
                    status=RegistrationStatus.CANCELLED
                    if cancelled
                    else RegistrationStatus.CONFIRMED,
                    source=RegistrationSource.STAFF,
                    participant=person,
                    name=str(person),
                    language=person.preferred_language,
                    registered_at=dates[0].starts_at - timedelta(days=14),
                    registered_by=counsellor,
                    cancelled_at=dates[0].starts_at - timedelta(days=2) if cancelled else None,
                )
                if not cancelled:
                    for offer_date in dates:
                        if offer_date.starts_at.date() < today:
                            row(
                                Attendance,
                                registration=registration,
                                date=offer_date,
                                present=rng.random() < 0.85,
                                recorded_at=offer_date.ends_at,
                                recorded_by=counsellor,
                            )
        if self.contact_points and rng.random() < 0.5:
            point = rng.choice(self.contact_points)
            day = _day(rng, start, today)
            row(
                Visit,
                organisation_id=person.organisation_id,
                contact_point=point,
                at=_at(day, rng.randrange(9, 17)),
                kind=rng.choice(VISIT_KINDS),
                language=person.preferred_language,
                duration_minutes=rng.choice([15, 30, 60]),
                participant=person,
                recorded_by=counsellor,
            )
        if self.contact_points and rng.random() < 0.45:
            day = _day(rng, start, today - timedelta(days=1))
            begins = _at(day, rng.randrange(9, 16), rng.choice([0, 30]))
            row(
                Appointment,
                public_id=random_uuid(rng),
                organisation_id=person.organisation_id,
                contact_point=rng.choice(self.contact_points),
                start=begins,
                end=begins + timedelta(minutes=30),
                counsellor=counsellor,
                # Past appointments only: they hold no slot (no active-slot clash).
                status=rng.choices(
                    [AppointmentStatus.DONE, AppointmentStatus.NO_SHOW],
                    weights=[5, 1],
                )[0],
                name=str(person),
                phone=person.phone,
                language=person.preferred_language,
                participant=person,
                created_at=begins - timedelta(days=rng.randrange(1, 20)),
            )

    def _case(self, person: Participant, counsellor: User, start: date, audit) -> None:
        rng, row, today = self.rng, self.writer.row, self.today
        last = min(today, start + timedelta(days=rng.randrange(30, 330)))
        closed = last < today - timedelta(days=30) and rng.random() < 0.45
        case = row(
            Case,
            public_id=random_uuid(rng),
            participant=person,
            organisation_id=person.organisation_id,
            status=CaseStatus.CLOSED
            if closed
            else rng.choice([CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.PAUSED]),
            counsellor=counsellor,
            opened_on=start,
            closed_on=last if closed else None,
        )
        audit("counselling.case.opened", case, _at(start, 9, 30))
        days = sorted({start} | {_day(rng, start, last) for _ in range(rng.randrange(0, 5))})
        for number, day in enumerate(days, start=1):
            is_last = number == len(days) and not closed
            contact = row(
                Contact,
                case=case,
                date=day,
                duration_minutes=rng.choice([20, 30, 45, 60, 90]),
                channel=rng.choice(CHANNELS),
                language=person.preferred_language,
                interpreter=person.preferred_language in ("ar", "kmr") and rng.random() < 0.3,
                topics=rng.sample(TOPICS, k=rng.choice([1, 2, 3])),
                next_step="Bewerbung abschicken" if is_last else "",
                next_step_due=day + timedelta(days=14) if is_last else None,
                counsellor=counsellor,
                recorded_at=_at(day, 15),
            )
            if is_last:
                case.next_step, case.next_step_due = contact.next_step, contact.next_step_due
        if rng.random() < 0.5:
            target = rng.choice(REFERRAL_TARGETS)
            day = _day(rng, start, last)
            outcome = rng.choice(OUTCOMES)
            row(
                Referral,
                case=case,
                target=target,
                agency=rng.choice(AGENCIES) if target == ReferralTarget.AGENCY else "",
                description="Deutschkurs B1 mit Berufsbezug"
                if target == ReferralTarget.COURSE
                else "",
                date=day,
                outcome=outcome,
                outcome_on=None
                if outcome == ReferralOutcome.PENDING
                else min(today, day + timedelta(days=21)),
                counsellor=counsellor,
            )


# The tables that grow with every participant: written without their secondary indexes.
PER_PERSON = (
    AuditEntry,
    Participant,
    EntryData,
    Case,
    Contact,
    Referral,
    CompetenceProfile,
    LanguageSkill,
    Registration,
    Attendance,
    Visit,
    Appointment,
)


class BulkLoad:
    """On PostgreSQL, what makes millions of rows go in fast, undone or redone at the end.

    - The secondary indexes and unique constraints of the tables that grow with every
      participant are dropped, and built again once the rows are in: one sorted build
      per index instead of a million scattered inserts into each (the audit log alone
      has ten, the participants a trigram index). The primary keys stay.
    - The foreign keys are not checked row by row where the user may switch triggers
      off (``session_replication_role``, a superuser's right): every row points at a
      row this command wrote or read, and the unique constraints are validated when
      they are built again. Elsewhere the checks run, at the end of each ``COPY``.

    Everything happens in the caller's one transaction: if the load fails, the
    indexes come back with the rollback. Until it commits, the tables are locked.
    """

    def __init__(self, models_: Iterable[type[models.Model]]) -> None:
        self.tables = [model._meta.db_table for model in models_]
        self.rebuild: list[str] = []

    def start(self) -> None:
        """Drop the indexes (to be called inside the load's transaction)."""
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            try:
                with transaction.atomic():
                    cursor.execute("SET LOCAL session_replication_role = replica")
            except DatabaseError:
                pass  # not a superuser: the foreign keys are checked
            # Unique and exclusion constraints (not those a foreign key relies on).
            cursor.execute(
                """SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                     FROM pg_constraint c
                    WHERE c.contype IN ('u', 'x')
                      AND c.conrelid::regclass::text = ANY(%s)
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                                       WHERE f.contype = 'f' AND f.conindid = c.conindid)""",
                [self.tables],
            )
            constraints = cursor.fetchall()
            # Indexes that back no constraint.
            cursor.execute(
                """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                     FROM pg_index i
                    WHERE i.indrelid::regclass::text = ANY(%s)
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                       WHERE c.conindid = i.indexrelid)""",
                [self.tables],
            )
            indexes = cursor.fetchall()
            quote = connection.ops.quote_name
            for table, name, definition in constraints:
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                self.rebuild.append(
                    f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
                )
            for name, definition in indexes:
                cursor.execute(f"DROP INDEX {quote(name)}")
                self.rebuild.append(definition)

    def finish(self) -> None:
        """Build the indexes and constraints again (and check the unique ones)."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in self.rebuild:
                cursor.execute(statement)
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def generate_programme(participants: int, seed: int = 1, progress: Progress | None = None) -> dict:
    """Add a programme for ``participants`` people to the database (a site pack loaded).

    Returns the number of rows written per model label. ``progress`` is called with the
    number of participants written after each chunk.

    On PostgreSQL the whole load is one transaction (``BulkLoad``); elsewhere each
    chunk of participants is one.
    """
    rng = random.Random(seed)
    writer = Writer()
    bulk = connection.vendor == "postgresql"
    load = BulkLoad(PER_PERSON) if bulk else None
    with transaction.atomic() if load else contextlib.nullcontext():
        if load:
            load.start()
        with transaction.atomic():
            programme = Programme(rng, writer, participants)
            programme.businesses(max(1, participants // PEOPLE_PER_BUSINESS))
            offers = programme.offers(max(1, participants // PEOPLE_PER_OFFER))
        done = 0
        while done < participants:
            size = min(CHUNK, participants - done)
            with transaction.atomic():
                for _ in range(size):
                    programme.person(offers)
                writer.flush()
            done += size
            if progress:
                progress(size)
        if load:
            load.finish()
        writer.reset_sequences()
        analyse(*writer.next_id)
    return writer.written


def tables_written(counts: dict[str, int]) -> Iterable[str]:
    for label, count in sorted(counts.items(), key=lambda item: -item[1]):
        yield f"{count:>12,}  {label}"
