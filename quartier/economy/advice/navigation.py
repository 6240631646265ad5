"""The advice part's entries in the staff navigation: consulting, founders, follow-ups."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.economy.advice.founders import ADVISING


def register() -> None:
    navigation.register(
        navigation.NavItem(
            "economy:consultation-list", _("Consulting"), ADVISING, 42, group=navigation.ECONOMY
        )
    )
    navigation.register(
        navigation.NavItem(
            "economy:founder-list", _("Founders"), ADVISING, 43, group=navigation.ECONOMY
        )
    )
    navigation.register(
        navigation.NavItem(
            "economy:follow-ups", _("My follow-ups"), ADVISING, 44, group=navigation.ECONOMY
        )
    )
