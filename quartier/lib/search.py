"""Finding people by name in any script: one normalised, Latin-letter key per person."""

import unicodedata

from anyascii import anyascii


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
