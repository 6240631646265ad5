import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from quartier.accounts.models import Role, User
from quartier.demo.logins import DEMO_LOGINS, DEMO_PASSWORD, create_demo_logins
from quartier.demo.programme import create_demo_programme


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
