"""Staff pages: search ESCO occupations and skills, see one, suggest from a description."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from quartier.accounts.access import allow
from quartier.esco.access import ESCO_STAFF
from quartier.esco.forms import SearchForm, SuggestForm
from quartier.esco.models import Concept, Relation
from quartier.esco.search import essential_skills, search
from quartier.esco.suggest import suggest


@allow(ESCO_STAFF)
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits, query = [], ""
    language = request.LANGUAGE_CODE
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        hits = search(query, language, kind=form.cleaned_data["kind"] or None, limit=20)
    skills: dict[int, list[str]] = {}
    occupations = [hit.concept_id for hit in hits if hit.kind == Concept.Kind.OCCUPATION][:5]
    if occupations:
        # the essential skills of the first occupations found, in one go
        relations = (
            Relation.objects.filter(occupation_id__in=occupations, kind=Relation.Kind.ESSENTIAL)
            .select_related("skill")
            .prefetch_related("skill__labels")
            .order_by("skill__skill_type", "skill__uri")
        )
        for relation in relations:
            skills.setdefault(relation.occupation_id, []).append(relation.skill.label(language))
    rows = [(hit, skills.get(hit.concept_id, [])) for hit in hits]
    return render(request, "esco/search.html", {"form": form, "rows": rows, "query": query})


def occupation_relations_of(skill: Concept):
    from django.db.models import Q

    return Q(skill_relations__skill=skill, skill_relations__kind="essential")


@allow(ESCO_STAFF)
def concept_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concept = get_object_or_404(Concept.objects.prefetch_related("labels"), pk=pk)
    language = request.LANGUAGE_CODE
    labels = sorted(concept.labels.all(), key=lambda item: (item.language, item.kind, item.text))
    context = {
        "concept": concept,
        "label": concept.label(language),
        "definition": concept.definition(language),
        "labels": [item for item in labels if item.kind != "hidden"],
        "skills": [(s.pk, s.label(language)) for s in essential_skills(concept)],
        "occupations": [
            (o.pk, o.label(language))
            for o in Concept.objects.filter(occupation_relations_of(concept))
            .prefetch_related("labels")
            .order_by("uri")
        ],
        "language": language,
    }
    return render(request, "esco/concept_detail.html", context)


@allow(ESCO_STAFF)
def suggest_page(request: HttpRequest) -> HttpResponse:
    # POST so that a person's own words never end up in a URL or an access log
    form = SuggestForm(request.POST or None)
    occupations, skills = [], []
    if request.method == "POST" and form.is_valid():
        occupations, skills = suggest(form.cleaned_data["text"], request.LANGUAGE_CODE, limit=8)
    return render(
        request,
        "esco/suggest.html",
        {"form": form, "occupations": occupations, "skills": skills},
    )
