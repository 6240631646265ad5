import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quartier.accounts import audit
from quartier.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD, create_demo_logins
from quartier.accounts.models import Role, User
from quartier.database import analyse, project_apps


class Command(BaseCommand):
    help = (
        "Set up the demo (migrate, load the site pack, create one login per role) "
        "and serve it with a production server."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--site-pack", type=Path, default=settings.DEFAULT_SITE_PACK)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-serve", action="store_true", help="Set up the data, then stop.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the demo to a database that holds other accounts too.",
        )

    def handle(self, *args, addrport, site_pack, workers, no_serve, force, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        others = User.objects.exclude(email__in=[login.email for login in DEMO_LOGINS])
        if others.exists() and not force:
            raise CommandError(
                f"This database holds {others.count()} accounts besides the demo's: the demo "
                "adds made-up people and logins with a known password. Use an empty database, "
                "or add --force if that is what you want."
            )
        call_command("load-site", str(site_pack), verbosity=verbosity)
        logins = create_demo_logins()
        self.stdout.write(create_demo_programme())
        if not no_serve:
            call_command("collectstatic", interactive=False, verbosity=0)

        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        roles = dict(Role.choices)
        for login in logins:
            self.stdout.write(f"  {str(roles[login.role]):<24} {login.email}")
        if no_serve:
            return
        if settings.SECURE_SSL_REDIRECT:
            raise CommandError(
                "HTTPS is on, but the demo serves plain HTTP. Start it with HTTPS=false "
                "(./run demo does this)."
            )
        self.stdout.write(f"\nServing on http://{addrport}/ – stop with Ctrl+C.\n")
        self.stdout.flush()
        serve(addrport, workers)


DEMO_PARTICIPANTS = 200


@transaction.atomic
def create_demo_programme() -> str:
    """The demo project with about 200 participants and two years of casework, made once."""
    from datetime import timedelta

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from quartier.accounts.models import Organisation, User
    from quartier.competences.demo import create_demo_profiles
    from quartier.competences.employers_demo import create_demo_sharing
    from quartier.counselling.demo import create_demo_casework
    from quartier.economy.advice_demo import create_demo_advice
    from quartier.economy.businesses_demo import create_demo_businesses
    from quartier.economy.network_demo import create_demo_network
    from quartier.esco.shipped import load_shipped
    from quartier.learning.appointments_demo import create_demo_appointments
    from quartier.learning.offers_demo import create_demo_offers
    from quartier.people.generate import generate_participants
    from quartier.people.models import Participant, Project

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
    # Thousands of rows were written in this transaction: the planner must know.
    analyse(*project_apps())
    if not made_people:
        return "Demo programme already there."
    return f"Demo programme: {len(people)} participants, {cases} cases."


def serve(addrport: str, workers: int) -> None:
    """Run gunicorn in this process: a production server, not the auto-reloader."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from quartier.wsgi import application

    class DemoServer(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", addrport)
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")

        def load(self):
            return application

    # The workers are forked from this process: they must not share its connections.
    connections.close_all()
    # Background work (large imports, anonymisation) needs a task worker beside the server.
    task_worker = subprocess.Popen([sys.executable, "-m", "quartier", "db_worker"])
    try:
        DemoServer().run()
    finally:
        task_worker.terminate()
        task_worker.wait(timeout=10)
