"""The value of a multilingual field and its validation, in one place.

A multilingual text is a dict ``{language code: text}`` over the programme's
languages (``settings.LANGUAGES``). German (``settings.LANGUAGE_CODE``) is the
fallback: where the content is required, the German text is required, and a
reader whose language is missing gets it instead (``lib.languages.in_language``).
"""

import re

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quartier.lib.languages import in_language

FALLBACK = settings.LANGUAGE_CODE
# A code outside the programme languages (a site pack's local language), ISO 639.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

MESSAGES = {
    "invalid": _("%(place)s: give one text per language code."),
    "unknown_language": _("%(place)s: unknown language code “%(code)s”; use one of %(codes)s."),
    "not_text": _("%(place)s: give the text as a string."),
    "max_length": _("%(place)s: at most %(max)d characters (this text has %(length)d)."),
    "required": _("%(place)s: this text is required; it is shown where a translation is missing."),
}


def languages() -> list[tuple[str, str]]:
    """The programme languages, the fallback first, then in the settings order."""
    ordered = sorted(settings.LANGUAGES, key=lambda item: item[0] != FALLBACK)
    return [(code, name) for code, name in ordered]


def codes() -> list[str]:
    return [code for code, _name in languages()]


def is_right_to_left(code: str) -> bool:
    """Arabic is; so are Persian, Dari or Sorani if a site pack brings texts in them."""
    return code in settings.LANGUAGES_BIDI or bool(LANG_INFO.get(code, {}).get("bidi"))


class MultilingualText(dict):
    """``{language code: text}`` that reads itself in the active language.

    Still a plain dict for JSON, the API and comparisons; ``str()`` and ``text()``
    give the text in the active (or given) language, else German, else any.
    """

    def text(self, language: str | None = None) -> str:
        return in_language(self, language)

    def __str__(self) -> str:
        return self.text()


def as_text(value):
    """Wrap a dict as ``MultilingualText``; anything else is left for validation to refuse."""
    if isinstance(value, dict) and not isinstance(value, MultilingualText):
        return MultilingualText(value)
    return value


def _place(label, code: str | None = None):
    """Where an error is: the field's label and/or the language, in the user's language."""
    name = dict(settings.LANGUAGES).get(code) if code else None
    if label and name:
        return _("%(field)s (%(language)s)") % {"field": label, "language": name}
    return name or label or _("Multilingual text")


def _error(code: str, label, language: str | None = None, **params) -> ValidationError:
    params = {"place": _place(label, language), "code": language, **params}
    return ValidationError(MESSAGES[code], code=code, params=params)


def clean_texts(
    value,
    *,
    required: bool,
    max_length: int | None = None,
    label=None,
    any_language: bool = False,
) -> MultilingualText:
    """Validate and normalise a multilingual value; the one place its rules live.

    Known language codes only, strings only, each stripped (empty ones dropped),
    at most ``max_length`` characters per language, and the fallback language's
    text present when ``required``. Every problem is reported, each naming the
    language (and ``label``, the field, when given) and carrying its code in
    ``params["code"]`` so that a form can mark the input. ``any_language`` also
    keeps other ISO 639 codes (after the programme languages), for texts a site
    pack brings in its city's language; ``ku`` stays refused (Kurmanji is ``kmr``).
    """
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise _error("invalid", label)
    known = codes()
    errors: list[ValidationError] = []
    cleaned = MultilingualText()
    for code, text in value.items():
        other = any_language and bool(LANGUAGE_CODE.match(str(code))) and code != "ku"
        if code not in known and not other:
            errors.append(_error("unknown_language", label, codes=", ".join(known)))
            errors[-1].params["code"] = code
            continue
        if not isinstance(text, str):
            errors.append(_error("not_text", label, code))
            continue
        text = text.strip()
        if not text:
            continue
        if max_length is not None and len(text) > max_length:
            errors.append(_error("max_length", label, code, max=max_length, length=len(text)))
        cleaned[code] = text
    if required and FALLBACK not in cleaned and not any(e.code == "invalid" for e in errors):
        errors.append(_error("required", label, FALLBACK))
    if errors:
        raise ValidationError(errors)
    # The languages in their programme order, whatever order they came in.
    ordered = [code for code in known if code in cleaned]
    ordered += sorted(code for code in cleaned if code not in known)
    return MultilingualText({code: cleaned[code] for code in ordered})
