from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Indicators, success measures, dashboards and exports.

    Reads the domain apps; no other app imports it (the import contracts say so).
    """

    name = "quartier.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        # The menu entry and the start page's panel read the app's modules, which
        # import models: imported once the registry is ready.
        from quartier.reporting import navigation

        navigation.register()
