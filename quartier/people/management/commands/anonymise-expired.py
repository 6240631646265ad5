"""`quartier anonymise-expired`: anonymise people whose project's retention date has passed.

Meant for a daily cron job or systemd timer. Runs at once by default; with
``--enqueue`` it only puts the task on the queue for a worker. Idempotent:
people already anonymised are skipped. Named with a hyphen like ``load-site``.
It also purges expired downloads (``quartier purge-downloads`` does only that).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from quartier.downloads.services import purge_expired
from quartier.people.rights import ANONYMISE_BATCH_SIZE, anonymise_expired, anonymise_expired_task


class Command(BaseCommand):
    help = "Anonymise participants whose project's retention date has passed (aggregates stay)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Put the work on the task queue instead of doing it now.",
        )
        parser.add_argument("--batch-size", type=int, default=ANONYMISE_BATCH_SIZE)

    def handle(self, *args, enqueue: bool, batch_size: int, **options):
        if enqueue:
            transaction.on_commit(anonymise_expired_task.enqueue)
            if options["verbosity"] > 0:
                self.stdout.write("Queued the anonymisation task.")
            return
        count = anonymise_expired(batch_size=batch_size)
        purged = purge_expired()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Anonymised {count} participants."))
            self.stdout.write(self.style.SUCCESS(f"Purged {purged} expired downloads."))
