"""`quartier purge-downloads`: delete expired downloads (PDFs, exports) and their files.

Meant for an hourly cron job or systemd timer. Runs at once by default; with
``--enqueue`` it only puts the task on the queue for a worker. Idempotent.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from quartier.downloads.services import purge_expired, purge_expired_downloads


class Command(BaseCommand):
    help = "Delete expired downloads and their files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Put the work on the task queue instead of doing it now.",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            transaction.on_commit(purge_expired_downloads.enqueue)
            if options["verbosity"] > 0:
                self.stdout.write("Queued the purge of expired downloads.")
            return
        count = purge_expired()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Purged {count} expired downloads."))
