from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quartier.economy.advice.funding import CATALOGUE, load_catalogue


class Command(BaseCommand):
    help = "Load the catalogue of funding programmes (TOML) into the database."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(CATALOGUE), help="A TOML catalogue.")

    def handle(self, *args, path: str, **options):
        try:
            created, updated = load_catalogue(path)
        except (OSError, ValueError, ValidationError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{created} programmes created, {updated} updated.")
