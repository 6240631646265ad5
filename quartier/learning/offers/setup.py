"""The offers' menu items, called from ``LearningConfig.ready``; what they add to a person
is in ``person.py``."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.accounts.access import EMPLOYER
from quartier.learning.offers.access import OFFER_STAFF


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
