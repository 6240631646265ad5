"""Links on the person page that parts of Quartier add (export, erasure, the competence profile).

A part returns them from ``PersonPart.person_links`` (``people/parts.py``)::

    def person_links(self):
        return [PersonLink("people:export-json", _("Export the data (JSON)"), RIGHTS, 70)]

The URL is reversed with the person's ``code`` (their public id); the page
shows a link only to users whom ``access`` allows.
"""

from django.urls import reverse

from quartier.people import parts
from quartier.people.parts import PersonLink

__all__ = ["PersonLink", "links_for"]


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
