from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quartier.accounts.models import Organisation, OrganisationKind
from quartier.people.generate import generate_participants
from quartier.people.models import Project


class Command(BaseCommand):
    help = "Generate a realistic programme of any size (for benchmarks); needs a loaded site pack."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--project", default="generated", help="Slug of the project (made if missing)."
        )

    def handle(self, *args, participants, seed, project, **options):
        if participants < 1:
            raise CommandError("--participants must be at least 1")
        organisations = list(
            Organisation.objects.exclude(kind=OrganisationKind.BUSINESS).order_by("slug")
        )
        if not organisations:
            raise CommandError("No organisations: load a site pack first (quartier load-site).")
        today = timezone.localdate()
        target, _ = Project.objects.get_or_create(
            slug=project,
            defaults={
                "name": project,
                "starts_on": today - timedelta(days=730),
                "ends_on": today + timedelta(days=365),
                "retention_until": today + timedelta(days=365 * 6),
            },
        )
        made = generate_participants(participants, organisations, target, seed=seed)
        self.stdout.write(f"Generated {made} participants in project {target.slug}.")
