from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Indicators, success measures, dashboards and exports.

    Reads the domain apps; no other app imports it (the import contracts say so).
    """

    name = "quartier.reporting"
    label = "reporting"
    verbose_name = _("Reporting")
