"""The participant picker: a field for forms that name a person, and how a person is shown.

The field's choices are the form's (its view's scope); the search behind it is
``people:pick``, which shows only whom the participant list would show.
"""

import unicodedata

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from quartier.lib.pickers import Picker
from quartier.lib.search import search_key
from quartier.people.intake import CASEWORK
from quartier.people.models import Participant


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin one (accents allowed)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def picker_label(person) -> str:
    """Name · birth date · the name in Latin letters when it is written in another script."""
    name = f"{person.given_name} {person.family_name}"
    parts = [name]
    if person.date_of_birth:
        parts.append(date_format(person.date_of_birth, "SHORT_DATE_FORMAT"))
    if not is_latin(name):
        parts.append(person.name_latin or search_key(person.given_name, person.family_name))
    return " · ".join(parts)


def participant_choices():
    """The people a form's participant field may name: every participant, which the
    request's scope (the view's access) narrows to those its user may read. Evaluated
    when the form is built, so never outside a request's scope."""
    return Participant.objects.all()


class ParticipantPicker(Picker):
    """The widget for a ``ModelChoiceField`` of participants keyed by ``public_id``."""

    def __init__(self, attrs=None):
        super().__init__(
            "people:pick", preload=False, code_label=_("Code from the person's page"), attrs=attrs
        )

    def for_user(self, user) -> None:
        """Offers the search only to a user the endpoint can show people (the participant
        list's rule, ``CASEWORK``); anyone else names the person by the code."""
        self.searchable = CASEWORK.allows(user)
        self.no_search_note = _(
            "Searching for people is for their counsellors. Enter the code from the "
            "person's page; their counsellor can give it to you."
        )
