"""The demo project with about 200 participants and two years of work, for `quartier demo`.

Runs after the site pack and the demo logins. Each builder adds only what is missing, so
running it again adds nothing and a demo database made by an older version gets the newer
parts too.
"""

from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.accounts import audit
from quartier.accounts.models import Organisation, User
from quartier.database import analyse, project_apps
from quartier.demo.advice import create_demo_advice
from quartier.demo.appointments import create_demo_appointments, link_demo_people
from quartier.demo.businesses import create_demo_businesses
from quartier.demo.competences import create_demo_profiles
from quartier.demo.counselling import create_demo_casework
from quartier.demo.employers import create_demo_sharing
from quartier.demo.network import create_demo_network
from quartier.demo.offers import create_demo_offers
from quartier.demo.participants import generate_participants
from quartier.esco.shipped import load_shipped
from quartier.people.models import Answer, EntryData, Participant, Project

DEMO_PARTICIPANTS = 200
DEMO_ORGANISATIONS = ("dialog", "ic-e", "daa-leipzig", "stadt-leipzig-aws")


@transaction.atomic
def create_demo_programme() -> str:
    """The demo project with about 200 participants and two years of casework, made once."""
    today = timezone.localdate()
    project, _ = Project.objects.get_or_create(
        slug="arbeit-im-quartier",
        defaults={
            "name": "Arbeit im Quartier",
            "starts_on": today - timedelta(days=730),
            "ends_on": today + timedelta(days=365),
            "retention_until": today + timedelta(days=365 * 6),
        },
    )
    # The organisations taking part: the counselling centre, the business advice, the
    # learning place and the city's office, whose reporting viewer reads the figures.
    project.organisations.add(*Organisation.objects.filter(slug__in=DEMO_ORGANISATIONS))
    # Thousands of actions are logged: their entries are written in batches.
    with scopes_disabled(), audit.batched():
        load_shipped()  # ESCO occupations, skills and vectors (idempotent); before the profiles
        create_demo_appointments()  # made once; appointments and visits at the contact points
        create_demo_businesses()  # made once; about 120 businesses, before advice and network
        create_demo_network()  # made once; Block 99 premises, settlements, cooperation
        dialog = Organisation.objects.get(slug="dialog")
        counsellor = User.objects.get(email="beratung@quartier.example")
        made_people = not Participant.objects.filter(project=project).exists()
        if made_people:
            generate_participants(DEMO_PARTICIPANTS, [dialog], project, by=counsellor, seed=2026)
        people = list(
            Participant.objects.filter(project=project).select_related("entry").order_by("id")
        )
        if made_people:
            cases = create_demo_casework(people, counsellor)
        # Each of these adds only what is missing, so a demo database made by an
        # older version gets the newer parts too.
        create_demo_profiles(people, counsellor)  # competence profiles for most people
        create_demo_sharing(people, counsellor)  # after the competence profiles
        create_demo_offers(people, counsellor)  # two years of offers, registrations, attendance
        create_demo_advice(people)  # after the demo businesses: founders, consulting, vacancies
        link_demo_people(people)  # some appointments and visits were theirs
        answer_demo_entry_questions(people)  # the questions the generator leaves open
    create_demo_targets(project)
    # Thousands of rows were written in this transaction: the planner must know.
    analyse(*project_apps())
    if not made_people:
        return "Demo programme already there."
    return f"Demo programme: {len(people)} participants, {cases} cases."


# Of every 60 people, who answered "yes" to the entry questions on special categories
# (ESF+ EECO12 disability, EECO15 minority, EECO16 housing exclusion) and who was under
# 18 on entering (EECO06); the others answered "no", every fifth gave no answer.
YES_AT = {"disability": (5, 17, 29, 41, 53), "minority": (7, 37), "housing_exclusion": (3, 23, 43)}
UNDER_18_AT = (11, 31, 51)


def answer_demo_entry_questions(people: list[Participant]) -> None:
    """Answers to the entry questions the generator leaves unanswered, so that the
    ESF+ rows read from them count someone; added where none is answered yet.

    Reporting shows them only as aggregates, hidden where small, as for anybody.
    """
    questions = list(YES_AT)
    if (
        EntryData.objects.filter(participant__in=people)
        .exclude(**dict.fromkeys(questions, Answer.NO_ANSWER))
        .exists()
    ):
        return
    for question in questions:
        yes = [p.entry.pk for n, p in enumerate(people) if n % 60 in YES_AT[question]]
        no = [p.entry.pk for n, p in enumerate(people) if n % 60 not in YES_AT[question] and n % 5]
        EntryData.objects.filter(pk__in=yes).update(**{question: Answer.YES})
        EntryData.objects.filter(pk__in=no).update(**{question: Answer.NO})
    for number, person in enumerate(people):
        if number % 60 in UNDER_18_AT:
            born = person.entry.entry_date - timedelta(days=16 * 365 + 100)
            Participant.objects.filter(pk=person.pk).update(date_of_birth=born)


# The targets of the demo project's grant application for the whole funding phase (three
# years), and a third of them for each calendar year.
DEMO_TARGETS = {
    "EECO01": 300,
    "EECO02": 180,
    "EECO03": 90,
    "EECO04": 60,
    "EECO13": 150,
    "EECO19": 60,
    "EECR02": 40,
    "EECR03": 30,
    "EECR04": 75,
    "EECR05": 90,
    # The success measures' counts (``<measure>.<figure>``, as the targets page names them).
    "new-settlements.settlements": 20,
    "qualified-applicants.applicants": 90,
    "business-cooperation.started": 150,
    "new-jobs.filled": 30,
    "suitable-occupations.placed": 25,
    "training-alliances.alliances-active": 6,
    "counselling-towards-work.counselled": 300,
    "competences-identified.skills": 240,
    "competences-identified.passports": 60,
    "intercultural-encounters.present": 1000,
    "learning-offers.registrations": 1200,
    "learning-place-visits.visits": 1500,
}


def create_demo_targets(project) -> None:
    """The demo project's targets, added where missing.

    The model is looked up by name: nothing may import the reporting app, the demo
    included (the import contracts), and the demo only writes rows here.
    """
    target = apps.get_model("reporting", "Target")
    years = range(project.starts_on.year, project.ends_on.year + 1)
    wanted = {("phase", code): value for code, value in DEMO_TARGETS.items()}
    for year in years:
        wanted |= {(str(year), code): -(-value // 3) for code, value in DEMO_TARGETS.items()}
    for (period_key, code), value in wanted.items():
        target.objects.get_or_create(
            project=project, period_key=period_key, code=code, defaults={"value": value}
        )
