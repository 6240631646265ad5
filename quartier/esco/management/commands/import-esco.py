"""`quartier import-esco FILE... [--language xx]`: import files in the official ESCO CSV format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.esco.importer import EscoImportError, import_files
from quartier.esco.management.commands.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Import ESCO occupations, skills and occupation-skill relations from the official "
        "CSV download (any language; several files are merged by concept URI)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="CSV files, optionally .gz.")
        parser.add_argument(
            "--language",
            help="Language of the labels; by default taken from the file name (skills_de.csv).",
        )

    def handle(self, *args, files, language, **options):
        progress = ProgressBar(self.stdout._out) if options["verbosity"] > 0 else None
        try:
            result = import_files(files, language=language, progress=progress)
        except EscoImportError as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Concepts: {result.concepts_created} new, {result.concepts_updated} updated; "
                    f"labels: {result.labels} in {', '.join(sorted(result.languages)) or '-'}; "
                    f"relations: {result.relations_created} new, "
                    f"{result.relations_updated} updated."
                )
            )
