"""The offers' hooks into the rest of Quartier, called from ``LearningConfig.ready``."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.accounts.access import EMPLOYER
from quartier.learning.offers import rights
from quartier.learning.offers import timeline as offers_timeline
from quartier.learning.offers.access import OFFER_STAFF
from quartier.people import timeline


def register() -> None:
    # Registrations and attendance appear on the person page; people knows nothing of them.
    timeline.register(offers_timeline.timeline_entries)
    rights.register()
    navigation.register(navigation.NavItem("learning:offer-list", _("Offers"), OFFER_STAFF, 40))
    navigation.register(
        navigation.NavItem("learning:business-offers", _("Courses for my staff"), EMPLOYER, 40)
    )
