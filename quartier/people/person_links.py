"""Links on the person page that other parts of Quartier add (export, erasure, a new case).

Register in ``AppConfig.ready()``::

    from quartier.people import person_links
    person_links.register(person_links.PersonLink("people:export", _("Export"), CASEWORK))

The URL is reversed with the person's ``code`` (their public id); the page
shows a link only to users whom ``access`` allows.
"""

from dataclasses import dataclass

from django.urls import reverse

from quartier.accounts.access import Access

_LINKS: dict[str, "PersonLink"] = {}


@dataclass(frozen=True)
class PersonLink:
    url_name: str
    label: str
    access: Access
    order: int = 100


def register(link: PersonLink) -> None:
    _LINKS[link.url_name] = link


def links_for(participant, user) -> list[dict[str, str]]:
    visible = sorted(
        (link for link in _LINKS.values() if link.access.allows(user)),
        key=lambda link: (link.order, link.url_name),
    )
    return [
        {"url": reverse(link.url_name, kwargs={"code": participant.public_id}), "label": link.label}
        for link in visible
    ]
