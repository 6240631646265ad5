"""Navigation by role: each app registers its entries; the menu shows those a user may use.

Every entry belongs to a group named for what the work is about (people, learning,
economy, reports, administration, the user's own account). The menu shows one top
entry per group that has something for the user, so that a person with several
roles still sees at most seven: the overview, five groups and the account. A group
with a single entry for this user shows that entry directly instead of a menu of one.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.accounts.access import ADMINISTRATOR, PROJECT_LEAD, SIGNED_IN, Access


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise


# The groups in the order the menu shows them. TOP entries stand alone in the menu.
TOP = NavGroup("top", "")
PEOPLE = NavGroup("people", pgettext_lazy("menu", "People"))
LEARNING = NavGroup("learning", pgettext_lazy("menu", "Learning"))
ECONOMY = NavGroup("economy", pgettext_lazy("menu", "Economy"))
REPORTS = NavGroup("reports", pgettext_lazy("menu", "Reports"))
ADMIN = NavGroup("admin", pgettext_lazy("menu", "Administration"))
ACCOUNT = NavGroup("account", pgettext_lazy("menu", "Account"))
GROUPS = (TOP, PEOPLE, LEARNING, ECONOMY, REPORTS, ADMIN, ACCOUNT)


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    access: Access
    order: int = 100
    # Required, so that a new entry has to say where it belongs.
    group: NavGroup = field(kw_only=True)


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.url_name] = item


def items_for(user) -> list[dict[str, str]]:
    """The entries the user may use, in menu order, each with its URL and group key."""
    if not user.is_authenticated:
        return []
    visible = [item for item in _ITEMS.values() if item.access.allows(user)]
    rank = {group.key: index for index, group in enumerate(GROUPS)}
    return [
        {
            "url": reverse(item.url_name),
            "label": item.label,
            "url_name": item.url_name,
            "group": item.group.key,
        }
        for item in sorted(
            visible, key=lambda item: (rank[item.group.key], item.order, item.url_name)
        )
    ]


def menu_for(items: list[dict], path: str) -> list[dict]:
    """The top entries of the menu: a link, or a group of links, with the current place marked.

    The current entry is the one whose address is the longest beginning of ``path``
    (a person's page lies under the participant list), marked ``page`` when it is
    this very page and ``true`` when the page lies below it; its group is marked too.
    """
    best = max(
        (item for item in items if path.startswith(item["url"])),
        key=lambda item: len(item["url"]),
        default=None,
    )
    entries: list[dict] = []
    for group in GROUPS:
        links = [
            {
                **item,
                "current": ("page" if item["url"] == path else "true") if item is best else "",
            }
            for item in items
            if item["group"] == group.key
        ]
        if not links:
            continue
        if group is TOP or (len(links) == 1 and group is not ACCOUNT):
            entries.extend({"link": link} for link in links)
        else:
            current = any(link["current"] for link in links)
            entries.append({"group": group, "links": links, "current": current})
    return entries


def register_core_items() -> None:
    register(NavItem("accounts:dashboard", _("Overview"), SIGNED_IN, order=0, group=TOP))
    register(NavItem("accounts:audit-log", _("Audit log"), PROJECT_LEAD, order=900, group=ADMIN))
    register(NavItem("accounts:members", _("Members"), ADMINISTRATOR, order=950, group=ADMIN))
    register(NavItem("accounts:settings", _("My account"), SIGNED_IN, order=1000, group=ACCOUNT))
