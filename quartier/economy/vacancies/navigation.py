"""The vacancies part's entry in the staff navigation and its number on the start page."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation, start
from quartier.economy.models import VacancyStatus
from quartier.economy.vacancies.filters import VacancyFilter
from quartier.economy.vacancies.services import VACANCY_READERS, vacancies_visible_to


def _open_vacancies(user) -> int:
    """What the vacancy list shows with ``?status=open`` (its queryset and FilterSet)."""
    data = QueryDict(f"status={VacancyStatus.OPEN}")
    return VacancyFilter(data, queryset=vacancies_visible_to(user)).qs.count()


def register() -> None:
    navigation.register(
        navigation.NavItem(
            "economy:vacancy-list", _("Vacancies"), VACANCY_READERS, 41, group=navigation.ECONOMY
        )
    )
    start.contribute(
        start.ADVISOR,
        start.Number(
            "vacancies-open",
            _("Open vacancies"),
            "economy:vacancy-list",
            VACANCY_READERS,
            _open_vacancies,
            query={"status": VacancyStatus.OPEN},
            order=20,
        ),
    )
