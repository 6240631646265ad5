"""A fixture programme built through the services, and its figures counted in Python.

``build(...)`` takes in people, records their entry data, opens and closes cases and
records follow-ups with the app's own functions; it returns the plan (``Person``), so
that a test counts what each indicator should be without asking the database.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django_scopes import scopes_disabled

from quartier.counselling.cases import open_case
from quartier.counselling.models import FollowUp
from quartier.counselling.outcomes import record_exit, record_follow_up
from quartier.people.entry import change_entry_data
from quartier.people.intake import take_in
from quartier.people.models import EU_COUNTRIES

TODAY = date(2026, 6, 15)


@dataclass
class Exit:
    on: date
    situation: str
    qualification: bool = False
    # The follow-up six months later: (done on, in employment, improved) or None.
    follow_up: tuple[date, bool, str] | None = None


@dataclass
class Person:
    organisation: object
    gender: str
    entry_date: date
    date_of_birth: date | None = None
    citizenships: list[str] = field(default_factory=lambda: ["DE"])
    status: str = "unemployed"
    unemployed_since: date | None = None
    isced: str = "0-2"
    foreign_background: str = "x"
    disability: str = "x"
    minority: str = "x"
    housing_exclusion: str = "x"
    exits: list[Exit] = field(default_factory=list)

    def __post_init__(self):
        # The service refuses "unemployed" without the date.
        if self.status == "unemployed" and self.unemployed_since is None:
            self.unemployed_since = self.entry_date - timedelta(days=30)

    @property
    def complete(self) -> bool:
        if not self.status or not self.isced:
            return False
        return not (self.status == "unemployed" and self.unemployed_since is None)

    def age_at_entry(self) -> int | None:
        if self.date_of_birth is None:
            return None
        born, day = self.date_of_birth, self.entry_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def third_country(self) -> bool:
        # No citizenship recorded is no answer, not a third country.
        codes = {code.upper() for code in self.citizenships}
        return bool(codes) and not codes & EU_COUNTRIES

    @property
    def long_term(self) -> bool:
        since = self.unemployed_since
        return (
            self.status == "unemployed"
            and since is not None
            and since < self.entry_date - timedelta(days=365)
        )


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError


def build(project, plan: list[Person], staff: dict) -> None:
    """Make the plan's people through the services; ``staff``: organisation pk -> counsellor."""
    with scopes_disabled():
        for number, person in enumerate(plan):
            by = staff[person.organisation.pk]
            participant = take_in(
                person.organisation,
                project,
                by,
                person.entry_date,
                given_name=f"Person{number}",
                family_name="Test",
                gender=person.gender,
                date_of_birth=person.date_of_birth,
                citizenships=person.citizenships,
            )
            change_entry_data(
                participant,
                by,
                employment_status=person.status,
                unemployed_since=person.unemployed_since,
                isced=person.isced,
                foreign_background=person.foreign_background,
                disability=person.disability,
                minority=person.minority,
                housing_exclusion=person.housing_exclusion,
            )
            opened = person.entry_date
            for leaving in person.exits:
                case = open_case(participant, by, opened_on=opened)
                record_exit(
                    case,
                    by,
                    exit_date=leaving.on,
                    situation=leaving.situation,
                    qualification_gained=leaving.qualification,
                    certificate="Zertifikat" if leaving.qualification else "",
                    issuer="IHK" if leaving.qualification else "",
                )
                if leaving.follow_up is not None:
                    done_on, employed, improved = leaving.follow_up
                    record_follow_up(
                        FollowUp.objects.get(case=case),
                        by,
                        in_employment=employed,
                        improved_situation=improved if person.status == "employed" else "",
                        done_on=done_on,
                    )
                opened = leaving.on


def random_plan(organisations: list, count: int, seed: int = 13) -> list[Person]:
    """``count`` people with entry between June 2025 and today, of every kind."""
    rng = random.Random(seed)
    first = date(2025, 6, 1)
    plan = []
    for _number in range(count):
        entry = first + timedelta(days=rng.randrange((TODAY - first).days + 1))
        status = rng.choice(["unemployed", "unemployed", "inactive", "employed", ""])
        since = None
        if status == "unemployed":  # the service refuses it without the date
            since = entry - timedelta(days=rng.choice([10, 200, 365, 366, 800]))
        person = Person(
            organisation=rng.choice(organisations),
            gender=rng.choice("wmdx"),
            entry_date=entry,
            date_of_birth=rng.choice(
                [
                    None,
                    entry.replace(year=entry.year - 18),
                    *[date(y, 3, 1) for y in range(1950, 2011, 4)],
                ]
            ),
            citizenships=rng.choice([["DE"], ["SY"], ["UA"], ["PL", "UA"], ["XX"], ["VN"]]),
            status=status,
            unemployed_since=since,
            isced=rng.choice(["0-2", "3-4", "5-8", "0-2", ""]),
            foreign_background=rng.choice("xyn").replace("y", "yes").replace("n", "no"),
            disability=rng.choice(["x", "yes", "no"]),
            minority=rng.choice(["x", "yes", "no"]),
            housing_exclusion=rng.choice(["x", "yes", "no"]),
        )
        day = entry
        for _leaving in range(rng.choice([0, 0, 1, 1, 2])):
            if day >= TODAY:
                break
            day = day + timedelta(days=rng.randrange(0, (TODAY - day).days + 1))
            leaving = Exit(day, rng.choice(["searching", "education", "employed", "none"]))
            leaving.qualification = rng.random() < 0.3
            due = add_months(day, 6)
            if due <= TODAY and rng.random() < 0.8:
                leaving.follow_up = (due, rng.random() < 0.5, rng.choice(["yes", "no"]))
            person.exits.append(leaving)
        plan.append(person)
    return plan
