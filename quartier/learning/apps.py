from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "quartier.learning"
    label = "learning"
    verbose_name = _("Learning place and events")

    def ready(self) -> None:
        from quartier.learning import appointments_setup, offers_setup

        appointments_setup.register()
        offers_setup.register()
