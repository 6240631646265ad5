"""Navigation by role: each app registers its entries; the menu shows those a user may use."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.accounts.access import ADMINISTRATOR, PROJECT_LEAD, SIGNED_IN, Access


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    access: Access
    order: int = 100


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.url_name] = item


def items_for(user) -> list[dict[str, str]]:
    if not user.is_authenticated:
        return []
    visible = [item for item in _ITEMS.values() if item.access.allows(user)]
    return [
        {"url": reverse(item.url_name), "label": item.label, "url_name": item.url_name}
        for item in sorted(visible, key=lambda item: (item.order, item.url_name))
    ]


def register_core_items() -> None:
    register(NavItem("accounts:dashboard", _("Overview"), SIGNED_IN, order=0))
    register(NavItem("accounts:audit-log", _("Audit log"), PROJECT_LEAD, order=900))
    register(NavItem("accounts:members", _("Members"), ADMINISTRATOR, order=950))
    register(NavItem("accounts:settings", _("My account"), SIGNED_IN, order=1000))
