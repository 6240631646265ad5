"""Guessing which field each column fills, from its name in German or English."""

import re
import unicodedata
from collections.abc import Sequence

from quartier.imports.base import Field

# Anything but letters and digits of any script separates words.
NOT_WORD = re.compile(r"[\W_]+")
BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")


def normalise(text: str) -> str:
    """Lower case, no accents, ß as ss, words split by single spaces: "E-Mail" → "e mail"."""
    text = BRACKETS.sub(" ", text.casefold().replace("ß", "ss"))
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(NOT_WORD.sub(" ", plain).split())


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def guess_mapping(header: Sequence[str], fields: Sequence[Field]) -> list[str]:
    """The field for each column, "" for none; each field is given to one column at most.

    A column matches when its normalised name is one of a field's aliases, or,
    failing that, starts with one ("Telefon privat" → phone); the longer alias wins.
    """
    aliases = sorted(
        ((normalise(alias), f.name) for f in fields for alias in (f.name, *f.aliases)),
        key=lambda pair: -len(pair[0]),
    )
    exact = dict(aliases)
    taken: set[str] = set()
    mapping = []
    for title in header:
        key = normalise(title)
        name = exact.get(key, "")
        if not name and key:
            name = next(
                (n for alias, n in aliases if key.startswith(alias + " ") and n not in taken), ""
            )
        if name in taken:
            name = ""
        if name:
            taken.add(name)
        mapping.append(name)
    return mapping
