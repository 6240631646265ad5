"""The businesses part's entries in the staff navigation."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.accounts.access import STAFF, roles
from quartier.accounts.models import Role


def register() -> None:
    """The register for staff, the own profile for employers."""
    navigation.register(
        navigation.NavItem(
            "economy:business-list", _("Businesses"), STAFF, 40, group=navigation.ECONOMY
        )
    )
    navigation.register(
        navigation.NavItem(
            "economy:my-business",
            _("My business"),
            roles(Role.EMPLOYER),
            40,
            group=navigation.ECONOMY,
        )
    )
