"""`quartier anonymise-registrations`: clear residents' details once their offer is long over.

Residents who registered on the public site are told that their details are
deleted after the offer; this removes name, e-mail and phone of public
registrations whose offer ended more than 90 days ago. Idempotent; meant for a
daily cron job or systemd timer.
"""

from django.core.management.base import BaseCommand

from quartier.learning.offers.rights import anonymise_past_public_registrations


class Command(BaseCommand):
    help = "Clear residents' details from registrations for offers that ended over 90 days ago."

    def handle(self, *args, **options):
        count = anonymise_past_public_registrations()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Anonymised {count} registrations."))
