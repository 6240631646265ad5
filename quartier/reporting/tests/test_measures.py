"""The success measures reconciled with counts written out by hand for a small programme.

The programme is built through the services, in the second quarter of 2026 and around
it, by the staff of the counted organisation; the other organisation, another project
and the days before and after the quarter add records that must never count.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django_scopes import scopes_disabled

from quartier.accounts.models import Role
from quartier.competences.passport.services import issue_passport
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.skills import add_skills
from quartier.conftest import make_user
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.referrals import refer
from quartier.economy.businesses.register import save_business
from quartier.economy.businesses.training import add_part, create_alliance, record_step
from quartier.economy.network.cooperation import record_cooperation
from quartier.economy.premises.services import add_unit, let_unit, save_house
from quartier.economy.vacancies.services import create_vacancy, update_vacancy
from quartier.esco.models import Concept
from quartier.learning.appointments.visits import record_visit
from quartier.learning.offers.attendance import set_attendance
from quartier.learning.offers.registrations import register
from quartier.learning.offers.services import add_date, cancel_date, create_offer
from quartier.people.intake import change_participant, take_in
from quartier.people.models import Participant, Project
from quartier.places.models import ContactPoint, Neighbourhood, Postcode, Quarter
from quartier.reporting import measures
from quartier.reporting.periods import parse
from quartier.reporting.tables import Table

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 15 June 2026: the second quarter is under way, some of its dates still to come.
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=BERLIN)
BEFORE = datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN)  # the quarter before


def at(day: int, month: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=BERLIN)


def new_project(slug: str) -> Project:
    return Project.objects.create(
        slug=slug,
        name=slug,
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 12, 31),
        retention_until=date(2031, 12, 31),
    )


class Programme:
    """What the test built; every name is a person or a record the counts below name."""


@pytest.fixture
def programme(home_org, other_org) -> Programme:
    p = Programme()
    p.project = project = new_project("aiq")
    elsewhere_project = new_project("anderes")
    staff = {
        role: make_user(f"{role}@ost.example.org", role, home_org)
        for role in (
            Role.COUNSELLOR,
            Role.LEARNING_COORDINATOR,
            Role.BUSINESS_ADVISOR,
            Role.PROJECT_LEAD,
        )
    }
    counsellor = staff[Role.COUNSELLOR]
    coordinator = staff[Role.LEARNING_COORDINATOR]
    advisor = staff[Role.BUSINESS_ADVISOR]
    lead = staff[Role.PROJECT_LEAD]
    west_counsellor = make_user("counsellor@west.example.org", Role.COUNSELLOR, other_org)
    west_coordinator = make_user(
        "coordinator@west.example.org", Role.LEARNING_COORDINATOR, other_org
    )
    cook = Concept.objects.create(
        uri="http://data.europa.eu/esco/occupation/cook", kind="occupation"
    )

    with scopes_disabled(), time_machine.travel(BEFORE, tick=False):
        emil = take_in(
            home_org, project, counsellor, date(2026, 1, 5), given_name="Emil", family_name="E"
        )
        # Recorded before the quarter: not "identified" in it.
        add_qualification(
            emil,
            counsellor,
            title_original="Tischler",
            recognition_status="full",
            recognition_decided_on=date(2026, 2, 1),
        )
        boris = take_in(
            home_org,
            project,
            counsellor,
            date(2026, 1, 5),
            given_name="Boris",
            family_name="B",
            gender="m",
        )
        boris_case = open_case(boris, counsellor, opened_on=date(2026, 1, 15))
        add_contact(
            boris_case,
            counsellor,
            date=date(2026, 3, 1),
            duration_minutes=30,
            channel="person",
            language="de",
        )

        # The premises and businesses, and what happened before the quarter.
        block = save_house(
            None,
            {"name": "Haus 1", "street": "Markt", "house_number": "1", "block": "Block 7"},
            advisor,
        )
        loose = save_house(None, {"name": "Haus 2", "street": "Weg", "house_number": "2"}, advisor)
        units = [add_unit(block, advisor, label=f"B{i}") for i in range(2)]
        units += [add_unit(loose, advisor, label=f"L{i}") for i in range(2)]
        bakery, shop, studio = (
            save_business(None, {"name": name}, advisor)
            for name in ("Bäckerei", "Laden", "Atelier")
        )
        let_unit(units[3], studio, date(2026, 2, 1), advisor)
        record_cooperation(bakery, studio, "event", date(2025, 1, 1), lead, until=date(2026, 2, 1))
        record_cooperation(shop, studio, "mentoring", date(2025, 1, 1), lead)
        record_step(shop, "approved", date(2026, 3, 1), advisor)
        create_alliance(studio, advisor, start=date(2025, 9, 1), occupation_label="Fotograf")
        create_alliance(
            shop,
            advisor,
            start=date(2024, 1, 1),
            end=date(2025, 12, 31),
            occupation_label="Verkauf",
        )
        early = create_vacancy(bakery, advisor, kind="job", titles={"de": "Früh"})
        update_vacancy(early, advisor, status="filled", filled_on=date(2026, 3, 1))

    with scopes_disabled(), time_machine.travel(NOW, tick=False):
        anna = take_in(
            home_org,
            project,
            counsellor,
            date(2026, 4, 1),
            given_name="Anna",
            family_name="A",
            gender="w",
        )
        dana = take_in(
            home_org,
            project,
            counsellor,
            date(2026, 4, 1),
            given_name="Dana",
            family_name="D",
            gender="d",
        )
        # Never counted: another organisation's person, another project's person.
        west = take_in(
            other_org,
            project,
            west_counsellor,
            date(2026, 4, 1),
            given_name="Wanda",
            family_name="W",
            gender="w",
        )
        other = take_in(
            home_org,
            elsewhere_project,
            counsellor,
            date(2026, 4, 1),
            given_name="Olga",
            family_name="O",
            gender="w",
        )

        # Counselling towards work.
        anna_case = open_case(anna, counsellor, opened_on=date(2026, 4, 10))
        add_contact(
            anna_case,
            counsellor,
            date=date(2026, 4, 12),
            duration_minutes=45,
            channel="person",
            language="ar",
            interpreter=True,
        )
        add_contact(
            anna_case,
            counsellor,
            date=date(2026, 5, 3),
            duration_minutes=30,
            channel="phone",
            language="de",
        )
        add_contact(
            boris_case,
            counsellor,
            date=date(2026, 5, 20),
            duration_minutes=30,
            channel="person",
            language="ru",
        )
        open_case(dana, counsellor, opened_on=date(2026, 6, 1))
        west_case = open_case(west, west_counsellor, opened_on=date(2026, 4, 2))
        add_contact(
            west_case,
            west_counsellor,
            date=date(2026, 4, 3),
            duration_minutes=30,
            channel="person",
            language="ar",
            interpreter=True,
        )
        other_case = open_case(other, counsellor, opened_on=date(2026, 4, 2))
        add_contact(
            other_case,
            counsellor,
            date=date(2026, 4, 3),
            duration_minutes=30,
            channel="person",
            language="de",
        )

        # Qualifications and applications.
        add_qualification(
            anna,
            counsellor,
            title_original="Köchin",
            recognition_status="full",
            recognition_decided_on=date(2026, 5, 1),
            reference_occupation=cook,
        )
        add_qualification(
            boris, counsellor, title_original="Elektriker", recognition_status="applied"
        )
        add_qualification(
            dana,
            counsellor,
            title_original="Schneiderin",
            without_papers=True,
            validation_status="fully_validated",
        )
        refer(anna_case, counsellor, target="vacancy", description="Stelle", date=date(2026, 5, 5))
        refer(
            boris_case, counsellor, target="vacancy", description="Stelle", date=date(2026, 5, 21)
        )
        refer(boris_case, counsellor, target="course", description="Kurs", date=date(2026, 5, 22))
        refer(other_case, counsellor, target="vacancy", description="Stelle", date=date(2026, 4, 5))

        # Places filled: Anna as a cook (in her profile), Dana as an apprentice (no
        # occupation recorded), one without a name, one by another organisation's person.
        add_skills(anna, counsellor, [cook])
        job = create_vacancy(bakery, advisor, kind="job", titles={"de": "Koch"}, occupation=cook)
        update_vacancy(job, advisor, status="filled", filled_by=anna, filled_on=date(2026, 5, 10))
        apprenticeship = create_vacancy(
            shop, advisor, kind="apprenticeship", titles={"de": "Azubi"}
        )
        update_vacancy(
            apprenticeship, advisor, status="filled", filled_by=dana, filled_on=date(2026, 6, 2)
        )
        unnamed = create_vacancy(shop, advisor, kind="job", titles={"de": "Aushilfe"})
        update_vacancy(unnamed, advisor, status="filled", filled_on=date(2026, 4, 20))
        west_job = create_vacancy(studio, advisor, kind="job", titles={"de": "Assistenz"})
        update_vacancy(
            west_job,
            west_advisor(other_org),
            status="filled",
            filled_by=west,
            filled_on=date(2026, 4, 22),
        )
        create_vacancy(studio, advisor, kind="internship", titles={"de": "Praktikum"})

        # Competences: Emil's informal competence; Anna's passport.
        add_informal(emil, counsellor, field="family", activity="Pflege", competence="Planen")
        issue_passport(anna, counsellor)

        # Settlements, cooperation, training alliances.
        let_unit(units[0], bakery, date(2026, 4, 15), advisor, supported=True)
        let_unit(units[2], shop, date(2026, 5, 1), advisor)
        let_unit(units[1], bakery, date(2026, 6, 1), advisor)  # not new: it rents already
        record_cooperation(bakery, shop, "supplier", date(2026, 5, 1), lead)
        record_cooperation(home_org, bakery, "mentoring", date(2026, 1, 1), lead)
        record_cooperation(other_org, shop, "mentoring", date(2026, 1, 1), lead)
        alliance = create_alliance(bakery, advisor, start=date(2026, 5, 1), occupation_label="Koch")
        add_part(alliance, shop, advisor)
        record_step(bakery, "qualified", date(2026, 4, 20), advisor)
        record_step(studio, "apprentice", date(2026, 6, 10), advisor)

        # The learning place: a table in two languages, an event, a course.
        def offer(organisation, by, kind, capacity, languages):
            return create_offer(
                organisation,
                by,
                kind=kind,
                title={"de": kind},
                description={},
                audience="everyone",
                contact_point=None,
                online_url="https://meet.example.org/x",
                capacity=capacity,
                languages=languages,
                published=True,
            )

        table = offer(home_org, coordinator, "table", None, ["de", "ar"])
        table_dates = [
            add_date(table, coordinator, at(day, month), at(day, month, 12))
            for day, month in ((4, 3), (6, 5), (24, 6))
        ]
        event = offer(home_org, coordinator, "event", 30, ["de"])
        add_date(event, coordinator, at(20, 5), at(20, 5, 14))
        cancel_date(add_date(event, coordinator, at(27, 5), at(27, 5, 14)), coordinator)
        course = offer(home_org, coordinator, "course", 2, ["de"])
        course_dates = [add_date(course, coordinator, at(day, 6), at(day, 6, 12)) for day in (1, 8)]
        west_event = offer(other_org, west_coordinator, "event", None, ["de"])
        add_date(west_event, west_coordinator, at(13, 5), at(13, 5, 12))

        anna_course = register(course, counsellor, participant=anna)
        boris_course = register(course, counsellor, participant=boris)
        register(course, counsellor, participant=dana)  # the course is full: waiting
        anna_table = register(table, counsellor, participant=anna)
        set_attendance(anna_course, course_dates[0], True, coordinator)
        set_attendance(boris_course, course_dates[0], False, coordinator)
        set_attendance(anna_course, course_dates[1], True, coordinator)
        set_attendance(anna_table, table_dates[1], True, coordinator)

        # Visits: the Lerneck and another contact point of the organisation, one elsewhere.
        lerneck = ContactPoint.objects.create(
            slug="lerneck",
            name="Lerneck",
            organisation=home_org,
            street="Platz 1",
            postcode="04315",
            city="Leipzig",
        )
        treff = ContactPoint.objects.create(
            slug="treff",
            name="Treff",
            organisation=home_org,
            street="Weg 2",
            postcode="04315",
            city="Leipzig",
        )
        west_point = ContactPoint.objects.create(
            slug="west",
            name="West",
            organisation=other_org,
            street="Weg 3",
            postcode="04315",
            city="Leipzig",
        )
        record_visit(coordinator, contact_point=lerneck, kind="walk_in", at=at(5, 5), people=3)
        record_visit(coordinator, contact_point=lerneck, kind="self_learning", at=at(6, 5))
        record_visit(coordinator, contact_point=lerneck, kind="walk_in", at=at(1, 3))
        record_visit(coordinator, contact_point=treff, kind="appointment", at=at(7, 5))
        record_visit(west_coordinator, contact_point=west_point, kind="walk_in", at=at(7, 5))

    p.organisations = [home_org.pk]
    p.period = parse("2026-Q2", today=NOW.date())
    return p


def west_advisor(organisation):
    return make_user("advisor@west.example.org", Role.BUSINESS_ADVISOR, organisation)


def computed(programme: Programme) -> dict[str, Table]:
    with time_machine.travel(NOW, tick=False):
        tables = measures.measure_tables(
            programme.project, programme.period, programme.organisations
        )
    return {table.key: table for table in tables}


def cells(table: Table) -> dict[str, dict[str, int]]:
    return {row.code: row.cells for row in table.rows}


def gender(w=0, m=0, d=0, x=0) -> dict[str, int]:
    return {"w": w, "m": m, "d": d, "x": x, "total": w + m + d + x}


def test_every_measure_has_its_tables_and_nothing_else(programme):
    tables = computed(programme)
    keys = [key for measure in measures.MEASURES for key in measure.table_keys]
    assert sorted(tables) == sorted(keys)


def test_new_settlements_by_block(programme):
    assert cells(computed(programme)["new-settlements"]) == {
        "settlements": {"block-block-7": 2, "no-block": 1, "total": 3},
        "settlements-new": {"block-block-7": 1, "no-block": 1, "total": 2},
        "settlements-supported": {"block-block-7": 1, "no-block": 0, "total": 1},
    }


def test_qualified_applicants(programme):
    table = computed(programme)["qualified-applicants"]
    # Anna (referred, recognised), Boris (referred, only applied for recognition),
    # Dana (took up a place, validated); Emil is recognised but did not apply.
    assert cells(table) == {
        "applicants": gender(w=1, m=1, d=1),
        "qualified-applicants": gender(w=1, d=1),
        "qualified-share": {},
    }
    share = table.row("qualified-share")
    assert (share.numerator, share.denominator) == ("qualified-applicants", "applicants")


def test_cooperation_between_businesses(programme):
    counted = cells(computed(programme)["business-cooperation"])
    assert {code: row["total"] for code, row in counted.items()} == {
        "started": 1,
        "active": 2,
        "with-organisations": 1,
    }
    assert counted["active"]["supplier"] == 1
    assert counted["active"]["mentoring"] == 1
    assert counted["with-organisations"]["mentoring"] == 1


def test_new_jobs_and_training_places(programme):
    table = computed(programme)["new-jobs"]
    counted = cells(table)
    assert counted["job"] == {"participants": 1, "others": 2, "total": 3}
    assert counted["apprenticeship"] == {"participants": 1, "others": 0, "total": 1}
    assert counted["internship"] == {"participants": 0, "others": 0, "total": 0}
    assert counted["filled"] == {"participants": 2, "others": 2, "total": 4}
    assert table.sums == {"filled": ["job", "apprenticeship", "internship", "minijob", "volunteer"]}


def test_suitable_occupations(programme):
    assert cells(computed(programme)["suitable-occupations"]) == {
        "placed": gender(w=1, d=1),
        "matching": gender(w=1),
        "no-occupation": gender(d=1),
        "matching-share": {},
    }


def test_training_alliances(programme):
    assert cells(computed(programme)["training-alliances"]) == {
        "alliances-started": {"total": 1},
        "alliances-active": {"total": 2},
        "alliance-businesses": {"total": 3},
        "trainer-qualified": {"total": 1},
        "training-approved": {"total": 0},
        "first-apprentice": {"total": 1},
    }


def test_counselling_towards_work(programme):
    tables = computed(programme)
    assert cells(tables["counselling-towards-work"]) == {
        "counselled": gender(w=1, m=1),
        "cases-opened": gender(w=1, d=1),
        "contacts": gender(w=2, m=1),
        "contacts-interpreter": gender(w=1),
        "interpreter-share": {},
    }
    assert cells(tables["counselling-towards-work-languages"]) == {
        "ar": {"without": 0, "interpreter": 1, "total": 1},
        "de": {"without": 1, "interpreter": 0, "total": 1},
        "ru": {"without": 1, "interpreter": 0, "total": 1},
    }


def test_competences_identified(programme):
    assert cells(computed(programme)["competences-identified"]) == {
        "skills": gender(w=1),
        "informal": gender(x=1),
        "qualifications": gender(w=1, m=1, d=1),
        "passport-holders": gender(w=1),
        "passports": gender(w=1),
    }


def test_intercultural_encounters(programme):
    tables = computed(programme)
    assert cells(tables["intercultural-encounters"]) == {
        "offers": {"table": 1, "event": 1, "total": 2},
        "dates": {"table": 2, "event": 1, "total": 3},
        "present": {"table": 1, "event": 0, "total": 1},
    }
    assert cells(tables["intercultural-encounters-languages"]) == {
        "de": {"total": 3},
        "ar": {"total": 2},
    }


def test_learning_place_offers(programme):
    counted = cells(computed(programme)["learning-offers"])
    kinds = ("table", "event", "course")

    def of(code):
        return {kind: counted[code][kind] for kind in (*kinds, "total")}

    assert of("offers") == {"table": 1, "event": 1, "course": 1, "total": 3}
    assert of("dates") == {"table": 2, "event": 1, "course": 2, "total": 5}
    assert of("places") == {"table": 0, "event": 30, "course": 2, "total": 32}
    assert of("unlimited") == {"table": 1, "event": 0, "course": 0, "total": 1}
    assert of("registrations") == {"table": 1, "event": 0, "course": 3, "total": 4}
    assert of("waiting") == {"table": 0, "event": 0, "course": 1, "total": 1}
    # Dates held by 15 June times confirmed registrations: the table's 6 May (Anna),
    # the event's 20 May (nobody), the course's two dates (Anna and Boris).
    assert of("expected") == {"table": 1, "event": 0, "course": 4, "total": 5}
    assert of("present") == {"table": 1, "event": 0, "course": 2, "total": 3}
    assert counted["attendance-rate"] == {}


def test_visits_to_the_learning_place(programme):
    table = computed(programme)["learning-place-visits"]
    assert [code for code, _label in table.columns] == ["lerneck", "treff", "total"]
    assert cells(table) == {
        "walk_in": {"lerneck": 3, "treff": 0, "total": 3},
        "appointment": {"lerneck": 0, "treff": 1, "total": 1},
        "self_learning": {"lerneck": 1, "treff": 0, "total": 1},
        "people": {"lerneck": 4, "treff": 1, "total": 5},
        "visits": {"lerneck": 2, "treff": 1, "total": 3},
    }


def test_another_organisation_counts_only_its_own_records(programme, other_org):
    programme.organisations = [other_org.pk]
    tables = computed(programme)
    assert cells(tables["counselling-towards-work"])["contacts"] == gender(w=1)
    assert cells(tables["new-jobs"])["job"] == {"participants": 1, "others": 2, "total": 3}
    assert cells(tables["learning-offers"])["dates"]["event"] == 1
    assert cells(tables["business-cooperation"])["with-organisations"]["total"] == 1


def test_a_quarter_counts_only_what_lies_in_it(programme, counsellor):
    quarter = Quarter.objects.create(slug="ost", name="Ost")
    street = Neighbourhood.objects.create(slug="platz", name="Am Platz", quarter=quarter)
    Postcode.objects.create(code="04315", neighbourhood=street)
    with scopes_disabled():
        anna = Participant.objects.get(given_name="Anna")
        change_participant(anna, counsellor, postcode="04315")  # now lives in the quarter
    with time_machine.travel(NOW, tick=False):
        tables = {
            table.key: table
            for table in measures.measure_tables(
                programme.project, programme.period, programme.organisations, quarter
            )
        }
    assert cells(tables["counselling-towards-work"])["contacts"] == gender(w=2)
    # Both contact points lie in the quarter's postcode; no house does.
    assert cells(tables["learning-place-visits"])["people"]["total"] == 5
    assert cells(tables["new-settlements"])["settlements"]["total"] == 0
    # Offers online have no quarter; no business has a neighbourhood.
    assert cells(tables["learning-offers"])["offers"]["total"] == 0
    assert cells(tables["new-jobs"])["filled"]["total"] == 0


def test_an_empty_period_counts_zero_everywhere(programme):
    programme.period = parse("2023-Q1", today=NOW.date())
    for table in computed(programme).values():
        for row in table.rows:
            assert set(row.cells.values()) <= {0}, (table.key, row.code)


def test_the_number_of_queries_does_not_grow_with_the_period_or_the_data(
    programme, django_assert_num_queries
):
    # Every per-person row of every measure, by gender (1); blocks and settlements by
    # block (2); cooperation (1); places filled (1); suitable occupations (1); alliances,
    # their businesses, training steps (3); contacts by gender and language, cases
    # opened (2); passports (1); those present at the period's dates, for encounters and
    # the learning place at once (1); encounter dates, languages (2); offers with their
    # dates and confirmed places, registrations (2); visits (1).
    assert measures.QUERIES == 18
    for key in ("2026-Q2", "2026", "2023-Q1"):
        programme.period = parse(key, today=NOW.date())
        with django_assert_num_queries(measures.QUERIES):
            computed(programme)
