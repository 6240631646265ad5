from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EscoConfig(AppConfig):
    name = "quartier.esco"
    label = "esco"
    verbose_name = _("Skills and occupations (ESCO)")
