from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "quartier.learning"
    label = "learning"
    verbose_name = _("Learning place and events")

    def ready(self) -> None:
        from quartier.learning.appointments import setup as appointments_setup
        from quartier.learning.offers import setup as offers_setup

        appointments_setup.register()
        offers_setup.register()
