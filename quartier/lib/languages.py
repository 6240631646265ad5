"""Languages people speak, by code: the UI languages first, then others met in the quarters.

Kurdish is listed as Kurmanji (``kmr``) and Sorani (``ckb``), never as the
ambiguous ``ku``.
"""

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

OTHER_LANGUAGES: list[tuple[str, str | Promise]] = [
    ("ckb", _("Kurdish (Sorani)")),
    ("tr", _("Turkish")),
    ("fa", _("Persian (Farsi)")),
    ("prs", _("Dari")),
    ("ps", _("Pashto")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("hu", _("Hungarian")),
    ("sq", _("Albanian")),
    ("sr", _("Serbian")),
    ("hr", _("Croatian")),
    ("bs", _("Bosnian")),
    ("el", _("Greek")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("am", _("Amharic")),
    ("ur", _("Urdu")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),
    ("zh", _("Chinese")),
    ("ka", _("Georgian")),
    ("hy", _("Armenian")),
    ("az", _("Azerbaijani")),
]


def language_choices() -> list[tuple[str, str]]:
    """The UI languages in their settings order, then the others by name in the active language."""
    others = sorted(OTHER_LANGUAGES, key=lambda choice: str(choice[1]).casefold())
    return [(code, str(name)) for code, name in [*settings.LANGUAGES, *others]]


def ui_language_choices() -> list[tuple[str, str]]:
    """The languages Quartier's texts (and consent sheets) exist in."""
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def language_name(code: str) -> str:
    names = dict([*settings.LANGUAGES, *OTHER_LANGUAGES])
    return str(names.get(code, code))


LANGUAGE_CODES = frozenset(code for code, _name in [*settings.LANGUAGES, *OTHER_LANGUAGES])


def in_language(texts: dict[str, str], language: str | None = None) -> str:
    """The text in ``language`` (default: the active one), else German, else any."""
    language = language or get_language() or settings.LANGUAGE_CODE
    for code in (language, language.split("-")[0], settings.LANGUAGE_CODE):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")
