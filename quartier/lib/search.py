"""Finding people by name in any script: one normalised, Latin-letter key per person."""

import unicodedata

from anyascii import anyascii
from django.db.models import CharField, F, Func, Value


def search_key(*parts: str) -> str:
    """Lower-case, accent-free Latin letters.

    "Nguyễn Thị Hương" → "nguyen thi huong", "Олена" → "olena", "محمد" → "mhmd".
    """
    words = []
    for part in parts:
        if not part:
            continue
        decomposed = unicodedata.normalize("NFKD", part)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        words.append(anyascii(plain).casefold())
    return " ".join(" ".join(words).split())


def trigram_searchable(query: str) -> bool:
    """Whether a trigram index can narrow a search for ``query`` down: a word of at
    least three letters once folded (pg_trgm takes no trigram from a shorter one, and
    ``LIKE '%ab%'`` reads the whole index)."""
    return any(len(word) >= 3 for word in search_key(query).split())


def unindexed(column: str) -> Func:
    """``column`` written as ``("column" || '')``: the same values, in the same order
    and collation, which no B-tree index on the column matches.

    Ordering a search by it keeps PostgreSQL from walking an alphabetical index for
    the first matches. That walk pays when matches are spread over the alphabet, but
    the prefix of a family name clusters them ("schu" sits under S): at a million
    people the walk read a quarter of an organisation to find 50. Ordered by this
    expression, the matches come from the trigram index and only they are sorted,
    so the cost follows the number of matches, not the size of the table.
    """
    return Func(
        F(column),
        Value(""),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=CharField(),
    )
