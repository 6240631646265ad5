"""The premises part's entry in the staff navigation and its number on the start page."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation, start
from quartier.accounts.access import STAFF
from quartier.economy.models import Unit, UnitStatus


def _vacant_units(user) -> int:
    """The premises page's total of vacant units (``?status=vacant`` shows just them)."""
    return Unit.objects.filter(status=UnitStatus.VACANT).count()


def register() -> None:
    navigation.register(
        navigation.NavItem("economy:premises", _("Premises"), STAFF, 42, group=navigation.ECONOMY)
    )
    start.contribute(
        start.ADVISOR,
        start.Number(
            "units-vacant",
            _("Vacant units"),
            "economy:premises",
            STAFF,
            _vacant_units,
            query={"status": UnitStatus.VACANT},
            order=30,
        ),
    )
