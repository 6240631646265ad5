"""The vacancies part's entry in the staff navigation."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.economy.vacancies.services import VACANCY_READERS


def register() -> None:
    navigation.register(
        navigation.NavItem(
            "economy:vacancy-list", _("Vacancies"), VACANCY_READERS, 41, group=navigation.ECONOMY
        )
    )
