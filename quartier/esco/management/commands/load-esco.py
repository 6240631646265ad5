"""`quartier load-esco`: load the ESCO data shipped with Quartier (idempotent)."""

from django.core.management.base import BaseCommand

from quartier.esco.management.commands.progress import ProgressBar
from quartier.esco.shipped import load_shipped


class Command(BaseCommand):
    help = "Load the shipped ESCO occupations, curated skills and relations, then embed them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-embed",
            action="store_true",
            help="Skip computing vectors for concepts the shipped vectors do not cover.",
        )

    def handle(self, *args, no_embed, **options):
        verbose = options["verbosity"] > 0
        result = load_shipped(progress=ProgressBar(self.stdout._out) if verbose else None)
        if verbose:
            imported = result.imported
            self.stdout.write(
                self.style.SUCCESS(
                    f"ESCO loaded in {result.seconds:.1f} s: {imported.concepts_created} new "
                    f"concepts, {imported.labels} labels, {imported.relations_created} new "
                    f"relations, {result.vectors} shipped vectors."
                )
            )
        if not no_embed:
            from django.core.management import call_command

            call_command("esco-embed", verbosity=options["verbosity"])
