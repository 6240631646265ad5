import tomllib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.economy.premises.services import PremisesError, load_premises


class Command(BaseCommand):
    help = "Load houses and their units from a premises file (TOML); loading again updates them."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A premises file, e.g. the demo's block99.toml.")

    def handle(self, *args, path: str, **options):
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            houses, units = load_premises(data)
        except (OSError, tomllib.TOMLDecodeError, PremisesError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{houses} houses and {units} units created.")
