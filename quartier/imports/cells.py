"""Reading one cell into a value. Each reader raises ``CellProblem(code)`` on a bad value.

The codes have messages in ``imports.messages``; importers use these readers so
that the same mistake reads the same in every import.
"""

import re
from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation

from quartier.imports.mapping import normalise

GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
PHONE = re.compile(r"^\+?[0-9 ()/.\-]{3,}$")
LIST_SEPARATORS = re.compile(r"\s*[,;/|+]\s*|\s+(?:und|and|и|và|و)\s+")


class CellProblem(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def read_date(value: str) -> date:
    """31.12.1980 or 1980-12-31 (also as a spreadsheet writes it). Two-digit years are refused."""
    value = value.strip()
    match = GERMAN_DATE.match(value)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = ISO_DATE.match(value)
        if not match:
            raise CellProblem("date")
        year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise CellProblem("date") from None


def read_text(value: str, max_length: int) -> str:
    value = " ".join(value.split())
    if len(value) > max_length:
        raise CellProblem("too_long")
    return value


def read_email(value: str, max_length: int = 254) -> str:
    value = value.strip()
    if len(value) > max_length:
        raise CellProblem("too_long")
    try:
        validate_email(value)
    except ValidationError:
        raise CellProblem("email") from None
    return value


def read_phone(value: str, max_length: int = 50) -> str:
    value = " ".join(value.split())
    if not PHONE.match(value):
        raise CellProblem("phone")
    if len(value) > max_length:
        raise CellProblem("too_long")
    return value


def read_choice(value: str, synonyms: Mapping[str, str]) -> str:
    """The code whose synonym (normalised, see ``choice_synonyms``) the cell is."""
    code = synonyms.get(normalise(value))
    if code is None:
        raise CellProblem("choice")
    return code


def read_list(value: str, synonyms: Mapping[str, str]) -> list[str]:
    """Several choices in one cell, separated by , ; / | + or "und"/"and"; duplicates dropped."""
    codes: list[str] = []
    for part in LIST_SEPARATORS.split(value.strip()):
        if not part.strip():
            continue
        code = read_choice(part, synonyms)
        if code not in codes:
            codes.append(code)
    return codes


def choice_synonyms(
    choices: Iterable[tuple[str, object]], extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Normalised code and label in every UI language → code, plus ``extra`` words.

    So "w", "Frau", "Woman" and "Женщина" all read as the same choice, once the
    catalogues have the label.
    """
    from django.conf import settings

    choices = list(choices)
    synonyms: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in choices:
                synonyms.setdefault(normalise(str(label)), code)
    for code, _label in choices:
        synonyms[normalise(code)] = code
    for word, code in (extra or {}).items():
        synonyms[normalise(word)] = code
    synonyms.pop("", None)
    return synonyms
