"""The premises part's entry in the staff navigation."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.accounts.access import STAFF


def register() -> None:
    navigation.register(
        navigation.NavItem("economy:premises", _("Premises"), STAFF, 42, group=navigation.ECONOMY)
    )
