"""Links, buttons and boxes on the person page that parts of Quartier add.

A part returns them from ``PersonPart.person_links`` (``people/parts.py``)::

    def person_links(self):
        return [PersonLink("people:export-json", _("Export the data (JSON)"), RIGHTS, 70)]

The URL is reversed with the person's ``code`` (their public id); the page
shows a link only to users whom ``access`` allows.

Buttons (``PersonPart.person_actions``) are shown by the target view's own rule
(``may_use``), for the person's organisation; boxes (``person_panels``) as the part
gives them.
"""

from typing import Any

from django.urls import reverse

from quartier.accounts.access import may_use
from quartier.people import parts
from quartier.people.parts import PersonLink

__all__ = ["PersonLink", "actions_for", "links_for", "panels_for"]


def links_for(participant, user) -> list[dict[str, str]]:
    links = {link.url_name: link for part in parts.person_parts() for link in part.person_links()}
    visible = sorted(
        (link for link in links.values() if link.access.allows(user)),
        key=lambda link: (link.order, link.url_name),
    )
    return [
        {"url": reverse(link.url_name, kwargs={"code": participant.public_id}), "label": link.label}
        for link in visible
    ]


def actions_for(participant, user) -> list[dict[str, Any]]:
    """The parts' buttons that the target views allow this user for this person, in order."""
    actions = [
        action
        for part in parts.person_parts()
        for action in part.person_actions(participant, user)
        if may_use(
            user,
            action.url_name,
            dict(action.kwargs),
            organisation_id=participant.organisation_id,
            narrower=action.narrower,
        )
    ]
    actions.sort(key=lambda action: (action.order, action.url_name))
    return [
        {
            "url": reverse(action.url_name, kwargs=dict(action.kwargs)),
            "label": action.label,
            "post": action.post,
            "name": action.url_name,
        }
        for action in actions
    ]


def panels_for(participant, user) -> list[dict[str, Any]]:
    panels = [
        panel for part in parts.person_parts() for panel in part.person_panels(participant, user)
    ]
    panels.sort(key=lambda panel: panel.order)
    return [{"template": panel.template, "context": panel.context} for panel in panels]
