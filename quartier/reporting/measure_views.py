"""The definition pages of the success measures: what each one counts, from which records.

Read by the project lead and the reporting viewer beside the figures, so that a
number on a dashboard, in an export or in the API can be looked up by its code.
The pages show definitions only, never figures.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from quartier.accounts.access import allow
from quartier.reporting import measures
from quartier.reporting.scope import READERS


@allow(READERS)
def measure_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/measure_list.html", {"groups": measures.measures_by_group()})


@allow(READERS)
def measure_definition(request: HttpRequest, slug: str) -> HttpResponse:
    measure = measures.BY_CODE.get(slug)
    if measure is None:
        raise Http404
    group = dict(measures.GROUPS)[measure.group]
    figures = [
        {
            "figure": figure,
            "numerator": measure.figure(figure.numerator).label if figure.numerator else "",
            "denominator": measure.figure(figure.denominator).label if figure.denominator else "",
        }
        for figure in measure.figures
    ]
    return render(
        request,
        "reporting/measure_definition.html",
        {"measure": measure, "group": group, "figures": figures},
    )
