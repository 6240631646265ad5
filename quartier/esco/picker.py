"""The occupation picker: a widget for forms that name a curated ESCO occupation, and its
endpoint, which searches the labels in every language (``search.search``) as the ESCO
page does and shows the KldB code beside the label.

Without JavaScript the select lists every curated occupation, as before.
"""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from quartier.accounts.access import allow
from quartier.esco.access import ESCO_STAFF
from quartier.esco.models import Concept
from quartier.esco.search import search as search_concepts
from quartier.lib.pickers import Picker, picker_response


class OccupationPicker(Picker):
    """For a ``ModelChoiceField`` over ``curated_occupations()``, keyed by ``pk``."""

    def __init__(self, attrs=None):
        super().__init__("esco:occupation-pick", attrs=attrs)


def curated_occupations() -> QuerySet[Concept]:
    """The occupations a form offers: the curated ones (those with checked labels)."""
    return Concept.objects.filter(kind=Concept.Kind.OCCUPATION, curated=True)


def label(concept: Concept, language: str) -> str:
    """The label in the language, with the KldB code when the concept has one. Reads the
    concept's prefetched labels."""
    text = concept.label(language)
    return f"{text} · KldB {concept.kldb_code}" if concept.kldb_code else text


@allow(ESCO_STAFF)
def occupation_pick(request: HttpRequest) -> HttpResponse:
    language = get_language()
    occupations = curated_occupations().prefetch_related("labels")

    def search(query: str, limit: int) -> list[tuple[str, str]]:
        # The search ranks every occupation; the picker keeps the curated ones among
        # a few more hits than it shows.
        hits = search_concepts(
            query, language, kind=Concept.Kind.OCCUPATION, limit=limit * 3, semantic=False
        )
        found = occupations.in_bulk([hit.concept_id for hit in hits])
        shown = [found[hit.concept_id] for hit in hits if hit.concept_id in found]
        return [(str(concept.pk), label(concept, language)) for concept in shown[:limit]]

    def pick(value: str) -> tuple[str, str] | None:
        if not value.isdigit():
            return None
        concept = occupations.filter(pk=int(value)).first()
        return (str(concept.pk), label(concept, language)) if concept else None

    return picker_response(request, search, pick)
