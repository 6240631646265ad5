"""`quartier esco-build-data --source DIR`: rebuild the shipped ESCO files from reference data.

Developers run this; the app itself only reads the files it writes
(`quartier/esco/data/`).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.esco.build import DATA_DIR, build


class Command(BaseCommand):
    help = "Build quartier/esco/data/ from the ESCO Turtle/CSV files and the KldB 2010 table."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=Path,
            required=True,
            help="Directory with esco/occupations_de_v1.2.0.ttl, esco/occupations_en.csv, "
            "esco/skills_en.csv and kldb/kldb2010_v2020_gliederung_mit_erlaeuterung.csv.",
        )
        parser.add_argument("--target", type=Path, default=DATA_DIR)

    def handle(self, *args, source, target, **options):
        try:
            report = build(source, target)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        for line in report.lines():
            self.stdout.write(line)
