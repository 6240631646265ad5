import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled
from rich.progress import MofNCompleteColumn, Progress, TimeRemainingColumn

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.demo.generate import generate_programme, tables_written


class Command(BaseCommand):
    help = (
        "Generate a realistic programme of any size (for benchmarks): participants and "
        "about ten activity records each, businesses, vacancies and offers. Loads the "
        "default site pack into an empty database."
    )
    # The checks import every URL module (seconds); this command serves no request.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same data.")

    def handle(self, *args, participants, seed, **options):
        if participants < 1:
            raise CommandError("--participants must be at least 1")
        if not Organisation.objects.exclude(kind=OrganisationKind.BUSINESS).exists():
            if not Organisation.objects.exists():
                call_command("load-site", str(settings.DEFAULT_SITE_PACK), verbosity=0)
            else:
                raise CommandError("No organisations: load a site pack first (quartier load-site).")
        started, cpu = time.monotonic(), time.process_time()
        # The progress bar goes to stderr, and only where someone watches it.
        with (
            Progress(
                *Progress.get_default_columns()[:-1],
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                disable=options["verbosity"] < 1,
                transient=False,
            ) as bar,
            scopes_disabled(),
        ):
            task = bar.add_task("participants", total=participants)
            written = generate_programme(
                participants, seed=seed, progress=lambda done: bar.advance(task, done)
            )
        seconds = time.monotonic() - started
        # On a shared machine the wall-clock time says as much about the neighbours:
        # the CPU time of this process (building rows) says what Quartier's side took.
        self.stdout.write(
            f"Generated {participants} participants and {sum(written.values()):,} rows "
            f"in {seconds:.0f} s ({time.process_time() - cpu:.0f} s of CPU here):"
        )
        for line in tables_written(written):
            self.stdout.write(line)
