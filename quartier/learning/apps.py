from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "quartier.learning"
    label = "learning"
    verbose_name = _("Learning place and events")
    # Appointments, visits, registrations and attendance on the person page and in the
    # export, erasure and anonymisation (quartier.people.parts); people knows nothing of them.
    person_parts = [
        "quartier.learning.appointments.person.AppointmentsPart",
        "quartier.learning.offers.person.OffersPart",
    ]

    def ready(self) -> None:
        from quartier.learning.appointments import setup as appointments_setup
        from quartier.learning.offers import setup as offers_setup

        appointments_setup.register()
        offers_setup.register()
