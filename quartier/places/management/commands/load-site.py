"""`quartier load-site PATH`: load (or reload) a site pack.

The file is named with a hyphen so that the command reads `load-site`; Django
imports commands with importlib, which does not mind.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.places.sitepack import SitePackError, load_site_pack


class Command(BaseCommand):
    help = "Load a site pack (TOML): organisations, quarters, contact points, opening hours."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The site pack's TOML file.")

    def handle(self, *args, path: Path, **options):
        try:
            summary = load_site_pack(path)
        except SitePackError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(summary.as_text()))
