"""Sections other parts of the economy app add to the business page, without editing it.

A part registers, in ``EconomyConfig.ready()``::

    from quartier.economy import sections
    sections.register_section("economy/advice/_business_consultations.html", consultations_context)

``context_function(request, business)`` returns the template's context as a dict, or
``None`` to leave the section out (for instance for a user who may not see it). Sections are
shown in the order of ``order``, then of registration. Each function should use a fixed
number of queries: the business page's query count is tested.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    template_name: str
    context_function: Callable[[HttpRequest, object], dict | None]
    order: int = 100


_sections: list[Section] = []


def register_section(
    template_name: str,
    context_function: Callable[[HttpRequest, object], dict | None],
    order: int = 100,
) -> None:
    """Show ``template_name`` on the business page with ``context_function(request, business)``."""
    if any(section.template_name == template_name for section in _sections):
        return  # ready() may run twice in tests
    _sections.append(Section(template_name, context_function, order))


def registered() -> list[Section]:
    return sorted(_sections, key=lambda section: section.order)


def render_context(request: HttpRequest, business) -> list[tuple[str, dict]]:
    """(template name, context) of every section to show for ``business``."""
    shown = []
    for section in registered():
        context = section.context_function(request, business)
        if context is not None:
            shown.append((section.template_name, context))
    return shown
