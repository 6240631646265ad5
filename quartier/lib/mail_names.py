"""A name typed into a public form, made fit to greet its owner in a mail. No Django.

The public forms take a name and an e-mail address that nobody has confirmed, and
the answer goes to that address with the name in its greeting. A spammer can type an
advert as the "name" and the address of a stranger, and have us deliver it. So the
name is the only text of the sender's in such a mail, and ``mail_name`` keeps it short
and without anything a mail program would turn into a link.

What goes: every word (run of non-space characters) that holds an address with a
scheme (``https://``, ``ftp://``), ``www.``, an e-mail address, or a domain-like dot
between letters (``shop.example``, ``bit.ly/x``); control and bidirectional formatting
characters, which could hide or reorder text (the joiners that some scripts need stay).
Spaces and line breaks become one space.
A rare real name with a dot between letters (``Dr.Weber``) loses that word: the price
of not linking ``spam.example``.
"""

import re

MAX_LENGTH = 60

URL_LIKE = re.compile(
    r"""\S*(?:
        [a-z][a-z0-9+.-]*://      # a scheme: http://, https://, ftp://
        | www\.
        | @                       # an e-mail address; mail programs link those too
        | \w\.[^\W\d_]{2,}        # a domain: a dot between a word and two or more letters
    )\S*""",
    re.IGNORECASE | re.VERBOSE,
)
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Invisible characters that could split a link or reorder the text around the name:
# zero-width space, word joiner, byte order mark, direction marks, embeddings, isolates.
INVISIBLE_CHARS = re.compile(r"[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def mail_name(typed: str, limit: int = MAX_LENGTH) -> str:
    """The name without anything link-like, in one line, cut to ``limit`` characters.

    May return "" (a name that was only a link); the mail then greets without a name.
    """
    text = INVISIBLE_CHARS.sub("", CONTROL_CHARS.sub(" ", typed))
    text = URL_LIKE.sub(" ", text)
    text = " ".join(text.split())
    return text[:limit].rstrip()
