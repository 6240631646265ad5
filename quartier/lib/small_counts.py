"""Small counts hidden: a count from 1 up to one below a threshold is not shown.

The primary suppression of the programme's reports (``REPORTING_MIN_COUNT``, "•"), for
pages outside reporting that show counts of people one by one, with no totals from
which a hidden count could be worked back: nothing here does secondary suppression.
Zero is shown (nobody is no one to recognise).
"""

HIDDEN = "•"


def is_hidden(count: int, threshold: int) -> bool:
    """Is ``count`` too small to show (1 ≤ count < threshold)?"""
    return 0 < count < threshold


def shown(count: int, threshold: int) -> str:
    """The count as text, or ``HIDDEN``."""
    return HIDDEN if is_hidden(count, threshold) else str(count)


def rank_key(count: int, threshold: int) -> int:
    """A sort key that treats every hidden count alike (as zero), so that the order of
    rows does not tell a hidden 2 from a hidden 1."""
    return 0 if is_hidden(count, threshold) else count
