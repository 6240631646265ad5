"""The one protocol through which the rest of Quartier extends a person: ``PersonPart``.

``people`` knows no feature app (the dependencies point one way, towards it). An app, or a
part of an app, that holds data about a person, or adds to the person page or the
participant list, implements ``PersonPart`` once, in a module named ``person.py``, and
names it in its ``AppConfig``::

    class CounsellingConfig(AppConfig):
        name = "quartier.counselling"
        person_parts = ["quartier.counselling.person.CounsellingPart"]

``person_parts()`` collects the parts of every installed app, in ``INSTALLED_APPS`` order
and, within an app, in the order its config lists them. That order is the order of the
export's sections, of the steps of erasure and anonymisation, of the withdrawal hooks
and of the contributed list filters. ``people`` is a part like the others
(``people/person.py``: the record, the entry data, the consents, the access log).

The methods, each a no-op on this base class so that a part overrides only what it has:

``export_sections()``
    The sections of a person's export (Art. 15 and 20 GDPR), as ``Exporter`` records:
    ``rows(participant)`` returns plain values (str, int, bool, date, datetime, UUID, lists
    of those) and must return only that person's data with a constant number of queries;
    the PDF shows ``labels`` for the keys, ``choices`` (key → code → label) for coded values
    and ``formatters`` (key → function of one value, or of each item of a list) for codes
    that are not model choices. ``rights.export_section`` builds one, ``rights.describe``
    reads labels and choices from a model. A later section of the same name replaces an
    earlier one.
``erase(participant, by)``
    A step of ``rights.request_erasure``: delete the consent-based data the part holds.
    Runs inside the erasure's transaction and writes its own audit entries.
``anonymise(participant_ids)``
    A step of ``rights.anonymise_participants``: anonymise what the part holds on these
    people. Runs once per batch inside its transaction with scopes disabled; idempotent
    and set-wise (a few queries per batch).
``consent_withdrawn(consent, by)``
    Called inside ``consent.withdraw_consent``'s transaction once the consent is withdrawn:
    stop at once what rested on it.
``list_filters()``
    Filters of the participant list (``ParticipantFilter``): ``field(user)`` makes the form
    field, ``apply(participants, value, user)`` narrows the queryset for a non-empty
    cleaned value without queries per row.
``person_links()``
    Links on the person page (``PersonLink``): reversed with the person's ``code`` and
    shown only to users whom ``access`` allows, sorted by ``order``.
``timeline_entries(participant, user)``
    Entries of the person page's timeline (``TimelineEntry``): ``when`` an aware datetime
    or a date, ``kind`` a short stable code, ``badge`` the kind as a short translated word
    shown beside it, ``title`` a translated text, ``url`` a link or ``None``. Runs inside
    the request's organisation scope, returns only what ``user`` may see, with a constant
    number of queries per kind (the page's count is asserted).
``person_actions(participant, user)``
    Buttons at the top of the person page (``PersonAction``): what can be done for the
    person now (open a case, record a contact, register for an offer). The page shows
    one only if ``accounts.access.may_use`` allows the user the target view for the
    person's organisation; the part only decides which actions fit the person's state.
``person_panels(participant, user)``
    Boxes at the top of the person page (``PersonPanel``): a template of the part's own
    and its context (the current cases). Same rules as ``timeline_entries``.

The value types live here, beside the protocol, so that ``rights``, ``listing``,
``person_links`` and ``timeline`` can ask the parts without importing each other.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any, NotRequired, TypedDict

from django import forms
from django.apps import apps
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from quartier.accounts.access import Access
from quartier.people.models import Consent, Participant

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Exporter:
    """One section of a person's export (see ``PersonPart.export_sections``)."""

    name: str
    rows: Callable[[Participant], Rows]
    title: Any
    labels: Mapping[str, Any] = field(default_factory=dict)
    choices: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    formatters: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ParticipantFilter:
    """A filter of the participant list (see ``PersonPart.list_filters``)."""

    name: str
    field: Callable[[Any], forms.Field]
    apply: Callable[[QuerySet, Any, Any], QuerySet]


@dataclass(frozen=True)
class PersonLink:
    """A link on the person page (see ``PersonPart.person_links``)."""

    url_name: str
    label: Any  # a translated text, lazy or not
    access: Access
    order: int = 100


class TimelineEntry(TypedDict):
    when: datetime | date
    kind: str
    title: str
    url: str | None
    badge: NotRequired[str]


@dataclass(frozen=True)
class PersonAction:
    """A button on the person page (see ``PersonPart.person_actions``).

    ``url_name`` reversed with ``kwargs`` is the target; ``narrower`` an access the
    target view checks inside for this action (the view's ``@allow`` is always checked).
    """

    url_name: str
    kwargs: Mapping[str, Any]
    label: Any  # a verb, translated
    order: int = 100
    post: bool = False
    narrower: Access | None = None


@dataclass(frozen=True)
class PersonPanel:
    """A box at the top of the person page (see ``PersonPart.person_panels``)."""

    template: str
    context: Mapping[str, Any]
    order: int = 100


class PersonPart:
    """What an app or part adds to a person; every method is a no-op here."""

    def export_sections(self) -> list[Exporter]:
        return []

    def erase(self, participant: Participant, by: Any) -> None:
        return None

    def anonymise(self, participant_ids: list[int]) -> None:
        return None

    def consent_withdrawn(self, consent: Consent, by: Any) -> None:
        return None

    def list_filters(self) -> list[ParticipantFilter]:
        return []

    def person_links(self) -> list[PersonLink]:
        return []

    def timeline_entries(self, participant: Participant, user: Any) -> list[TimelineEntry]:
        return []

    def person_actions(self, participant: Participant, user: Any) -> list[PersonAction]:
        return []

    def person_panels(self, participant: Participant, user: Any) -> list[PersonPanel]:
        return []


PROTOCOL_METHODS = (
    "export_sections",
    "erase",
    "anonymise",
    "consent_withdrawn",
    "list_filters",
    "person_links",
    "timeline_entries",
    "person_actions",
    "person_panels",
)


@cache
def person_parts() -> tuple[PersonPart, ...]:
    """One instance of every part the installed apps name, in ``INSTALLED_APPS`` order.

    Cached: the apps are fixed once Django is set up (a test that changes an app's
    ``person_parts`` calls ``person_parts.cache_clear()``). A path named twice counts once.
    """
    paths: list[str] = []
    for app_config in apps.get_app_configs():
        for path in getattr(app_config, "person_parts", ()):
            if path not in paths:
                paths.append(path)
    return tuple(import_string(path)() for path in paths)
