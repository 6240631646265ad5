"""The start page's panels: each role's day's work as numbers that link to their lists.

``accounts`` knows the roles but none of the domain apps, so the four panels are
declared here (``register_core_panels``) and the apps contribute the numbers, in their
``AppConfig.ready``, with ``contribute(panel_key, Number(...))``:

- a ``Number`` names the list it links to (``url_name`` and the ``query`` of its
  filters) and the ``access`` of that list's view; ``count(user)`` runs inside
  ``acting_for(user, access)``, so it counts under the same organisation rule as the
  list the link opens, and a test fetches every link and compares;
- a panel is shown to the holders of its roles, with the numbers whose list they may
  open; one whose numbers are all zero shows its ``empty`` text (what to do next).

Each number is one ``COUNT`` query: the page costs the same whatever the data size.
A number may also be ``None``: a count that disclosure control hides (the reporting
panel's figures of one or two people), shown as "•" with the panel's ``hidden_note``.

The reporting app adds the project lead's key indicators as a panel of its own, keyed
``LEAD_INDICATORS`` (``register(Panel(LEAD_INDICATORS, …))``), shown after "Needs
attention"; until then the start page shows none (no made-up numbers).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quartier.accounts.access import Access, acting_for, roles
from quartier.accounts.models import Role

COUNSELLOR = "counsellor"
COORDINATOR = "coordinator"
ADVISOR = "advisor"
LEAD = "lead"
# Reserved for the reporting app's key indicators (see the module's docstring).
LEAD_INDICATORS = "lead-indicators"


@dataclass(frozen=True)
class Number:
    """One number of a panel: ``count(user)`` rows, as the linked filtered list shows them."""

    key: str
    label: str | Promise
    url_name: str
    access: Access
    count: Callable[..., int | None]
    query: dict[str, str] = field(default_factory=dict)
    order: int = 100

    def url(self) -> str:
        path = reverse(self.url_name)
        return f"{path}?{urlencode(self.query)}" if self.query else path


@dataclass
class Panel:
    key: str
    title: str | Promise
    access: Access
    empty: str | Promise
    order: int = 100
    numbers: list[Number] = field(default_factory=list)
    # What "•" means, shown under a panel that hides a number (see the module's docstring).
    hidden_note: str | Promise = ""


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    """Add a panel (or replace one of the same key, keeping its numbers)."""
    previous = _PANELS.get(panel.key)
    if previous is not None:
        panel.numbers = previous.numbers
    _PANELS[panel.key] = panel


def contribute(panel_key: str, number: Number) -> None:
    """Add a number to a panel; the same key again replaces it (``ready`` may run twice)."""
    numbers = _PANELS[panel_key].numbers
    numbers[:] = [n for n in numbers if n.key != number.key]
    numbers.append(number)
    numbers.sort(key=lambda n: (n.order, n.key))


def panels() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.key))


def panels_for(user) -> list[dict]:
    """The panels the user sees, each with its numbers counted: one query per number."""
    if not user.is_authenticated:
        return []
    shown = []
    for panel in panels():
        if not panel.access.allows(user):
            continue
        stats = []
        for number in panel.numbers:
            if not number.access.allows(user):
                continue
            with acting_for(user, number.access):
                count = number.count(user)
            stats.append(
                {"key": number.key, "label": number.label, "url": number.url(), "count": count}
            )
        shown.append(
            {
                "key": panel.key,
                "title": panel.title,
                "stats": stats,
                "empty": panel.empty if all(stat["count"] == 0 for stat in stats) else "",
                "hidden_note": (
                    panel.hidden_note if any(stat["count"] is None for stat in stats) else ""
                ),
            }
        )
    return shown


def register_core_panels() -> None:
    register(
        Panel(
            COUNSELLOR,
            _("Counselling today"),
            roles(Role.COUNSELLOR),
            _("Nothing is due. Take in a new person or record a contact from the person's page."),
            order=10,
        )
    )
    register(
        Panel(
            COORDINATOR,
            _("Courses and events this week"),
            roles(Role.LEARNING_COORDINATOR),
            _("No dates this week need you. Add dates to an offer or publish a new one."),
            order=20,
        )
    )
    register(
        Panel(
            ADVISOR,
            _("Businesses and premises"),
            roles(Role.BUSINESS_ADVISOR),
            _("Nothing is due. Record a consultation or add a vacancy of a business."),
            order=30,
        )
    )
    register(
        Panel(
            LEAD,
            _("Needs attention"),
            roles(Role.PROJECT_LEAD),
            _("Nothing needs your attention across the organisation right now."),
            order=40,
        )
    )
