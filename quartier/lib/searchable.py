"""Selects with a search box: type a few letters of a language or a country to find it.

The field stays a plain ``<select>`` (``multiple`` or not): without JavaScript it is
the whole form. With JavaScript, Tom Select (vendored from its npm package into
``static/vendor/tom-select/``, pinned in ``package-lock.json``) turns every select
marked ``data-searchable`` into a search box with the chosen items as removable
chips; ``static/quartier/searchable.js`` is the only code of ours, a loop that
starts it, loaded from a file (never inline), so the Content-Security-Policy holds.
The widget's ``Media`` brings both files; a page shows them with ``{{ form.media }}``.

Matching ignores case and accents (Tom Select's own). Each option carries its name
in every language of the interface as ``data-terms``, so a Russian-speaking
counsellor on the German page who types "немец" finds "Deutsch", and anyone finds
it by "German" or its code.
"""

import functools
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from quartier.lib.countries import country_choices
from quartier.lib.languages import language_choices

MEDIA = forms.Media(
    css={"all": ["vendor/tom-select/tom-select.min.css"]},
    js=[  # django-stubs do not know Django 5.2's Script yet
        forms.Script("vendor/tom-select/tom-select.complete.min.js", defer=True),  # type: ignore[list-item]
        forms.Script("quartier/searchable.js", defer=True),  # type: ignore[list-item]
    ],
)

Terms = Callable[[], dict[str, str]]


def names_in_every_language(choices: Callable[[], list[tuple[str, str]]]) -> dict[str, str]:
    """``{code: "code name-in-de name-in-en …"}`` for the choices ``choices()`` makes in
    the active language, gathered under each interface language in turn."""
    names: dict[str, list[str]] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in choices():
                names.setdefault(code, [code.lower()]).append(label)
    return {code: " ".join(dict.fromkeys(words)) for code, words in names.items()}


@functools.cache
def language_terms() -> dict[str, str]:
    """Every language's names in the interface languages; made once per process."""
    return names_in_every_language(language_choices)


@functools.cache
def country_terms() -> dict[str, str]:
    """Every country's names in the interface languages; made once per process."""
    return names_in_every_language(country_choices)


class _Searchable:
    """What both widgets add to a select: the marker, the texts, the terms, the media."""

    def __init__(self, attrs=None, choices=(), *, terms: Terms | None = None):
        super().__init__(attrs, choices)  # type: ignore[call-arg]
        self.terms = terms

    @property
    def media(self) -> forms.Media:
        return MEDIA

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["widget"]["attrs"].update(
            {
                "data-searchable": "",
                "data-no-results": gettext("Nothing found."),
                "data-remove": gettext("Remove"),
            }
        )
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(  # type: ignore[misc]
            name, value, label, selected, index, subindex, attrs
        )
        if self.terms is not None and value not in (None, ""):
            option["attrs"]["data-terms"] = self.terms().get(str(value), "")
        return option


class SearchableSelectMultiple(_Searchable, forms.SelectMultiple):
    """A multiple select (languages spoken, citizenships) that is searched by typing."""


class SearchableSelect(_Searchable, forms.Select):
    """A select of one out of many (a country, a language) that is searched by typing."""
