"""The advice part's entries in the staff navigation (consulting, founders, follow-ups)
and its number on the start page."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation, start
from quartier.economy.advice.consultations import follow_ups_of
from quartier.economy.advice.filters import DUE_THIS_WEEK, FollowUpFilter
from quartier.economy.advice.founders import ADVISING


def _follow_ups_due(user) -> int:
    """What "My follow-ups" shows with ``?due=week`` (its queryset and FilterSet)."""
    data = QueryDict(f"due={DUE_THIS_WEEK}")
    return FollowUpFilter(data, queryset=follow_ups_of(user)).qs.count()


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
    start.contribute(
        start.ADVISOR,
        start.Number(
            "consultation-follow-ups-due",
            _("Follow-ups with businesses due this week"),
            "economy:follow-ups",
            ADVISING,
            _follow_ups_due,
            query={"due": DUE_THIS_WEEK},
            order=10,
        ),
    )
