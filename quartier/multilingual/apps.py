from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MultilingualConfig(AppConfig):
    name = "quartier.multilingual"
    label = "multilingual"
    verbose_name = _("Multilingual texts")
