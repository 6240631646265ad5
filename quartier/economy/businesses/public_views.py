"""The public business directory: businesses that agreed to be listed."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quartier.accounts.access import PUBLIC, allow
from quartier.economy.businesses.forms import PublicDirectoryForm
from quartier.economy.models import Business
from quartier.lib.languages import language_name

DIRECTORY_PAGE_SIZE = 30


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def listed_businesses():
    return (
        Business.objects.filter(listed_publicly=True)
        .exclude(status=Business.Status.CLOSED)
        .select_related("sector", "neighbourhood")
    )


@allow(PUBLIC)
def directory(request: HttpRequest) -> HttpResponse:
    form = PublicDirectoryForm(request.GET or {})
    businesses = listed_businesses()
    if form.is_valid():
        if form.cleaned_data.get("sector"):
            businesses = businesses.filter(sector=form.cleaned_data["sector"])
        if form.cleaned_data.get("language"):
            businesses = businesses.filter(
                languages__icontains=f'"{form.cleaned_data["language"]}"'
            )
    else:
        businesses = businesses.none()
    page = Paginator(businesses, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "business": business,
            "languages": [language_name(code) for code in business.languages],
            "description": business.public_description(),
        }
        for business in page
    ]
    return render(
        request,
        "economy/businesses/directory.html",
        {"form": form, "page": page, "rows": rows, "query": _query_without_page(request)},
    )
