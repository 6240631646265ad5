"""The offers' menu items, called from ``LearningConfig.ready``; what they add to a person
is in ``person.py``."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation, start
from quartier.accounts.access import EMPLOYER
from quartier.learning.offers import filters
from quartier.learning.offers.access import OFFER_MANAGERS, OFFER_STAFF
from quartier.learning.offers.filters import OfferDateFilter
from quartier.learning.offers.views import managed_dates


def register() -> None:
    navigation.register(
        navigation.NavItem(
            "learning:offer-list", _("Offers"), OFFER_STAFF, 40, group=navigation.LEARNING
        )
    )
    navigation.register(
        navigation.NavItem(
            "learning:business-offers",
            _("Courses for my staff"),
            EMPLOYER,
            40,
            group=navigation.LEARNING,
        )
    )
    # The start page's numbers of the date list (accounts.start).
    for key, label, need, order in (
        ("dates-free", _("Dates this week with free places"), filters.FREE_PLACES, 10),
        ("dates-waiting", _("Dates this week with a waiting list"), filters.WAITING_LIST, 20),
        ("check-ins", _("Check-ins to record this week"), filters.CHECK_IN, 30),
    ):
        start.contribute(
            start.COORDINATOR,
            start.Number(
                key,
                label,
                "learning:date-list",
                OFFER_MANAGERS,
                _dates_count(need),
                query={"week": filters.THIS_WEEK, "need": need},
                order=order,
            ),
        )


def _dates_count(need: str):
    """Dates the date list shows for this week with ``?need=need`` (its FilterSet)."""

    def count(user) -> int:
        data = QueryDict(f"week={filters.THIS_WEEK}&need={need}")
        return OfferDateFilter(data, queryset=managed_dates(user)).qs.count()

    return count
