"""One of every record a route can name, for one organisation, made through the services.

The two-organisation walk puts these into every detail route and every write: the
records of an organisation where the persona holds no role the view allows must
answer exactly as records that do not exist.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from PIL import Image

from quartier.accounts.models import Membership, Organisation, Role, User
from quartier.accounts.tokens import create_api_token
from quartier.competences.employers.contact_requests import ask_for_contact
from quartier.competences.passport.services import issue_passport
from quartier.competences.profile.evidence import attach_evidence
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.services import ensure_profile
from quartier.competences.profile.skills import add_skills
from quartier.conftest import make_user
from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.goals import add_goal
from quartier.counselling.referrals import refer
from quartier.counselling.sharing import share_case
from quartier.downloads.models import Download
from quartier.economy.advice.consultations import record_consultation
from quartier.economy.advice.founders import create_founder
from quartier.economy.advice.funding import record_application
from quartier.economy.businesses.importer import BUSINESSES
from quartier.economy.businesses.register import save_business, save_contact
from quartier.economy.businesses.training import create_alliance
from quartier.economy.models import FundingKind, FundingProgramme
from quartier.economy.network.cooperation import record_cooperation
from quartier.economy.premises.services import add_unit, save_house
from quartier.economy.vacancies.services import create_vacancy, update_vacancy
from quartier.esco.models import Concept
from quartier.imports.services import start_import
from quartier.learning.appointments import services as appointments
from quartier.learning.appointments.visits import record_visit
from quartier.learning.offers.attendance import set_attendance
from quartier.learning.offers.registrations import cancel_token, register
from quartier.learning.offers.services import add_date, create_offer
from quartier.lib.tabular import Row, Table
from quartier.people.consent import record_consent
from quartier.people.importer import PARTICIPANTS
from quartier.people.intake import take_in
from quartier.people.models import Participant, Project, Purpose
from quartier.people.pdf import consent_sheet_task, request_consent_sheet
from quartier.places.models import ContactPoint

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 15 June 2026, midday in Leipzig: the worlds' dates lie in the weeks after.
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=BERLIN)

# A small site pack: one contact point per organisation, open on weekdays.
PACK = """\
name = "Zwei Orte"
city = "Beispielstadt"
time_zone = "Europe/Berlin"

[holidays]
country = "DE"
subdivision = "SN"

[description]
de = "Zwei Orte."

[[organisations]]
slug = "beratung-ost"
name = "Beratung Ost"
kind = "counselling"

[[organisations]]
slug = "bildung-west"
name = "Bildung West"
kind = "provider"

[[quarters]]
slug = "mitte"
name = "Mitte"

[[quarters.neighbourhoods]]
slug = "markt"
name = "Am Markt"
postcodes = ["01001"]

[[contact_points]]
slug = "ort-ost"
name = "Treff Ost"
organisation = "beratung-ost"
street = "Markt 1"
postcode = "01001"
city = "Beispielstadt"
languages = ["de"]
opening_hours = [{ day = "monday", opens = "09:00", closes = "17:00" }]

[[contact_points]]
slug = "ort-west"
name = "Treff West"
organisation = "bildung-west"
street = "Weg 2"
postcode = "01001"
city = "Beispielstadt"
languages = ["de"]
opening_hours = [{ day = "monday", opens = "09:00", closes = "17:00" }]
"""


@dataclass
class World:
    """An organisation's records, and what of them no outsider may ever read: its
    person's name, e-mail address and phone (also on the appointment they booked), and
    its founder's name (for everyone but the organisation's own advisors)."""

    organisation: Organisation
    records: dict = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)
    founder: str = ""

    def __getitem__(self, name: str):
        return self.records[name]


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile("zeugnis.png", buffer.getvalue(), content_type="image/png")


def concept(uri: str, kind: str) -> Concept:
    return Concept.objects.get_or_create(uri=uri, kind=kind)[0]


def printed_consent_sheet(person: Participant, counsellor: User) -> Download:
    """A consent sheet the counsellor asked for, made (the task's work, done here)."""
    download = request_consent_sheet(person, counsellor, "de")
    consent_sheet_task.call(download.pk, person.pk, "de")
    return download


def build_world(
    organisation: Organisation,
    tag: str,
    phone: str,
    project: Project,
    employer_org: Organisation,
    employer: User,
) -> World:
    """Every kind of record of ``organisation``, made by its own staff (new users named
    after ``tag``). ``employer`` (of ``employer_org``) asks to meet its person."""
    staff = {
        role: make_user(f"{role}.{tag}@example.org", role, organisation)
        for role in (
            Role.COUNSELLOR,
            Role.LEARNING_COORDINATOR,
            Role.BUSINESS_ADVISOR,
            Role.PROJECT_LEAD,
        )
    }
    counsellor, coordinator = staff[Role.COUNSELLOR], staff[Role.LEARNING_COORDINATOR]
    advisor, lead = staff[Role.BUSINESS_ADVISOR], staff[Role.PROJECT_LEAD]
    family = f"Quellenberg{tag.capitalize()}"
    email = f"verborgen.{tag}@example.org"
    world = World(organisation, secrets=[family, email, phone], founder=f"Gründerin{tag}")
    with scopes_disabled():
        person = take_in(
            organisation,
            project,
            counsellor,
            date(2026, 3, 2),
            given_name="Xochitl",
            family_name=family,
            email=email,
            phone=phone,
            postcode="01001",
        )
        case = open_case(person, counsellor, opened_on=date(2026, 3, 2))
        add_contact(
            case,
            counsellor,
            date=date(2026, 6, 1),
            duration_minutes=30,
            channel="person",
            language="de",
            notes=f"Notiz über {family}",
        )
        consent = record_consent(person, Purpose.HANDOVER, "de", counsellor, recipient=employer_org)
        record_consent(person, Purpose.EMPLOYER_PROFILE, "de", counsellor)
        cook = concept("http://data.europa.eu/esco/occupation/cook", "occupation")
        prepare = concept("http://data.europa.eu/esco/skill/prepare", "skill")
        qualification = add_qualification(
            person, counsellor, title_original="Koch", country="SY", reference_occupation=cook
        )
        attach_evidence(qualification, counsellor, png())
        profile = ensure_profile(person, counsellor)
        offer = create_offer(
            organisation,
            coordinator,
            kind="course",
            title={"de": f"Kurs {tag}"},
            description={"de": "Lernen."},
            audience="everyone",
            contact_point=None,
            online_url="https://meet.example.org/kurs",
            capacity=5,
            languages=["de"],
            published=False,
        )
        published = create_offer(
            organisation,
            coordinator,
            kind="course",
            title={"de": f"Offen {tag}"},
            description={"de": "Lernen."},
            audience="everyone",
            contact_point=None,
            online_url="https://meet.example.org/offen",
            capacity=5,
            languages=["de"],
            published=True,
        )
        offer_date = add_date(
            offer,
            coordinator,
            datetime(2026, 6, 24, 10, tzinfo=BERLIN),
            datetime(2026, 6, 24, 12, tzinfo=BERLIN),
        )
        add_date(
            published,
            coordinator,
            datetime(2026, 6, 25, 10, tzinfo=BERLIN),
            datetime(2026, 6, 25, 12, tzinfo=BERLIN),
        )
        registration = register(offer, counsellor, participant=person)
        register(published, counsellor, participant=person)
        set_attendance(registration, offer_date, True, coordinator)
        point = ContactPoint.objects.get(organisation=organisation)
        availability = appointments.add_availability(
            coordinator,
            user=counsellor,
            contact_point=point,
            weekday=0,
            starts=time(9),
            ends=time(17),
            valid_from=date(2026, 1, 1),
        )
        appointment = appointments.book_appointment(
            point, datetime(2026, 6, 22, 10, tzinfo=BERLIN), name=f"Xochitl {family}", email=email
        )
        record_visit(counsellor, contact_point=point, kind="walk_in")
        business = save_business(
            None,
            {"name": f"Werkstatt {tag}", "postcode": "01001", "listed_publicly": True},
            advisor,
        )
        contact_person = save_contact(
            business, None, {"name": f"Ansprech {tag}", "email": f"betrieb.{tag}@example.org"}, lead
        )
        vacancy = create_vacancy(business, advisor, kind="job", titles={"de": f"Stelle {tag}"})
        update_vacancy(vacancy, lead, status="filled", filled_by=person)
        founder = create_founder(
            advisor,
            name=world.founder,
            email=f"gruenderin.{tag}@example.org",
            business_idea="Nähstube",
        )
        programme = FundingProgramme.objects.create(
            slug=f"programm-{tag}", name=f"Programm {tag}", provider="Stadt", kind=FundingKind.GRANT
        )
        application = record_application(founder, advisor, programme, date(2026, 6, 1))
        consultation = record_consultation(business, advisor, topics=["staffing"])
        alliance = create_alliance(
            business, advisor, start=date(2026, 8, 1), occupation_label="Koch/Köchin"
        )
        house = save_house(
            None,
            {
                "name": f"Haus {tag}",
                "street": "Markt",
                "house_number": str(len(tag)),
                "postcode": "01001",
                "city": "Beispielstadt",
            },
            advisor,
        )
        unit = add_unit(house, advisor, floor=0, label="EG", area=50)
        cooperation = record_cooperation(
            organisation, business, "mentoring", date(2026, 1, 1), lead
        )
        table = Table("csv", ["Vorname", "Nachname"], [Row(2, ["Ida", f"Import{tag}"])])
        people_import = start_import(PARTICIPANTS, organisation.pk, counsellor, table, "l.csv", {})
        table = Table("csv", ["Name"], [Row(2, [f"Import GmbH {tag}"])])
        business_import = start_import(BUSINESSES, organisation.pk, advisor, table, "b.csv", {})
        world.records = {
            "staff": staff,
            "person": person,
            "case": case,
            "goal": add_goal(case, counsellor, kind="recognition", note="Anerkennung"),
            "referral": refer(case, counsellor, target="agency", agency="recognition"),
            "share": share_case(case, employer_org, counsellor),
            "consent": consent,
            "qualification": qualification,
            "language": add_language(person, counsellor, language="de", understanding="B1"),
            "experience": add_experience(person, counsellor, title="Köchin", country="SY"),
            "skill": add_skills(person, counsellor, [prepare])[0],
            "informal": add_informal(
                person, counsellor, field="family", activity="Kochen", competence="Planen"
            ),
            "concept": cook,
            "profile": profile,
            "passport": issue_passport(person, counsellor)[0],
            "download": printed_consent_sheet(person, counsellor),
            "contact_request": ask_for_contact(
                profile, employer_org, employer, "Probetag?", "0341 1234"
            ),
            "people_import": people_import,
            "business_import": business_import,
            "offer": offer,
            "published_offer": published,
            "date": offer_date,
            "registration": registration,
            "cancel_token": cancel_token(registration),
            "point": point,
            "availability": availability,
            "appointment": appointment,
            "business": business,
            "contact_person": contact_person,
            "vacancy": vacancy,
            "founder": founder,
            "application": application,
            "consultation": consultation,
            "alliance": alliance,
            "alliance_part": alliance.parts.get(),
            "house": house,
            "unit": unit,
            "cooperation": cooperation,
            "token": create_api_token(counsellor, "elsewhere")[0],
            "membership": Membership.objects.get(user=counsellor),
        }
    return world
