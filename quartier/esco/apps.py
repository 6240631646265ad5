from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EscoConfig(AppConfig):
    name = "quartier.esco"
    label = "esco"
    verbose_name = _("Skills and occupations (ESCO)")

    def ready(self) -> None:
        from quartier.accounts import navigation
        from quartier.esco.access import ESCO_STAFF

        navigation.register(
            navigation.NavItem(
                "esco:search", _("Skills and occupations"), ESCO_STAFF, 130, group=navigation.PEOPLE
            )
        )
