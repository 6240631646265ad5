"""Search-as-you-type pickers: one widget, and an endpoint per kind of record.

The field stays a ``<select>``: without JavaScript it is the whole form (a picker
that may list every choice, such as businesses, renders them all; one that may
not, such as people, renders the chosen one and offers a code field in a
``<details>``). With HTMX, a search box beside it asks the kind's endpoint for
matches as the user types (``?q=``) and shows them as buttons; a button asks the
endpoint for that one choice (``?pick=``) and puts it into the select, chosen.
No script of our own, nothing inline: the Content-Security-Policy holds.

An endpoint is a view with its own ``@allow(...)``, the scope of which decides
what it may show; it answers with ``picker_response(request, search, pick)``.
The search box is not part of the form (its ``form`` attribute names no form),
so pressing Enter in it submits nothing and its words are never posted.
"""

import re
from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

RESULTS_LIMIT = 20
# The id of the select a result button fills: from the widget, checked on the way back.
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")

Choice = tuple[str, str]  # (value, label)


class Picker(forms.Select):
    """A select with a search box (HTMX) that asks ``url_name`` for matches.

    ``params`` go to the endpoint with every request (e.g. which field of the record
    is the value). ``preload=False`` renders only the chosen option, never the whole
    queryset (people); ``code_label`` then adds a field for a code typed by hand,
    which wins over the select when filled. The chosen record is then shown by its
    value, never by a label that would need reading it.

    ``searchable = False`` (set by the form for a user whose scope finds nobody at the
    endpoint) leaves the search box out and shows ``no_search_note`` instead, with the
    code field open.
    """

    searchable = True
    no_search_note = ""

    template_name = "pickers/picker.html"

    def __init__(self, url_name: str, *, params=None, preload=True, code_label=None, attrs=None):
        super().__init__(attrs)
        self.url_name = url_name
        self.params = dict(params or {})
        self.preload = preload
        self.code_label = code_label

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.params = dict(self.params)
        return copy

    def optgroups(self, name, value, attrs=None):
        if self.preload:
            return super().optgroups(name, value, attrs)
        # Only the empty choice and the chosen one, shown by its value (a code): the form
        # may be open to people who may name the record but not read it (an advisor
        # recording who filled a vacancy); names come only from the endpoint's search.
        everything = self.choices
        empty = getattr(getattr(everything, "field", None), "empty_label", None) or "—"
        self.choices = [("", empty)] + [(v, v) for v in value if v]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        select_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        query = urlencode({**self.params, "for": select_id})
        context["picker"] = {
            "url": f"{reverse(self.url_name)}?{query}",
            "id": select_id,
            "code_name": f"{name}_code",
            "code_label": self.code_label,
            "searchable": self.searchable,
            "no_search_note": self.no_search_note,
        }
        return context

    def value_from_datadict(self, data, files, name):
        typed = (data.get(f"{name}_code") or "").strip() if self.code_label else ""
        return typed or super().value_from_datadict(data, files, name)

    def _render(self, template_name, context, renderer=None):
        # The project's template engine: the widget's template lives with the project's.
        return mark_safe(render_to_string(template_name, context))


def picker_response(
    request: HttpRequest,
    search: Callable[[str, int], list[Choice]],
    pick: Callable[[str], Choice | None],
) -> HttpResponse:
    """The endpoint's answer: ``?q=`` → result buttons, ``?pick=`` → the select's options.

    ``search(words, limit)`` and ``pick(value)`` run in the view's scope; ``pick``
    returns None for anything the user may not choose (answered 404).
    """
    select_id = request.GET.get("for", "")
    if not SAFE_ID.match(select_id):
        raise Http404
    params = {k: v for k, v in request.GET.items() if k not in ("q", "pick", "for")}
    if "pick" in request.GET:
        chosen = pick(request.GET["pick"])
        if chosen is None:
            raise Http404
        template = "pickers/_options.html"
        context = {"options": [("", "—", False), (*chosen, True)], "status": chosen[1]}
    else:
        query = request.GET.get("q", "").strip()
        hits = search(query, RESULTS_LIMIT) if query else []
        url = request.path  # the endpoint itself: a result button asks it for the pick
        template = "pickers/_results.html"
        context = {
            "query": query,
            "hits": [
                (value, label, f"{url}?{urlencode({**params, 'for': select_id, 'pick': value})}")
                for value, label in hits
            ],
        }
    response = render(request, template, {**context, "select_id": select_id})
    patch_vary_headers(response, ("HX-Request",))
    return response
