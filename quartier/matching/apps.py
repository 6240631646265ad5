from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """Candidates for a vacancy and vacancies for a person, with reasons and gaps.

    Reads competences, economy, learning and counselling; no other app imports it
    (the import contracts say so).
    """

    name = "quartier.matching"
    label = "matching"
    verbose_name = _("Matching")
