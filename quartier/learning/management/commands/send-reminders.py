"""`quartier send-reminders`: e-mail residents and counsellors a day before their appointments.

It also clears residents' names and contact details from appointments older than
``APPOINTMENT_RETENTION_DAYS`` (90 by default; see ``forget_past_appointments``).

Run it every hour or so from cron or a systemd timer, e.g.
``0 * * * * cd /srv/quartier && ./run send-reminders``. Idempotent: each
appointment's reminder is claimed once (``reminded_at``), so running it again, or
on two machines at once, sends nothing twice. ``--enqueue`` only queues the task.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from quartier.learning.appointments.services import forget_past_appointments
from quartier.learning.appointments.tasks import send_reminders, send_reminders_task


class Command(BaseCommand):
    help = "Send the reminders for appointments in the next 24 hours (each only once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Put the work on the task queue instead of doing it now.",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            transaction.on_commit(send_reminders_task.enqueue)
            if options["verbosity"] > 0:
                self.stdout.write("Queued the reminder task.")
            return
        count = send_reminders()
        forgotten = forget_past_appointments()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Sent {count} appointment reminders."))
            self.stdout.write(f"Cleared the contact details of {forgotten} past appointments.")
