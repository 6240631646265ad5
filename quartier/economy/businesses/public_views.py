"""The public business directory: businesses that agreed to be listed."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quartier.accounts.access import PUBLIC, allow
from quartier.economy.businesses.filters import DirectoryFilter
from quartier.economy.models import Business
from quartier.lib.languages import language_name
from quartier.lib.page_cache import cached_public_page

DIRECTORY_PAGE_SIZE = 30


def listed_businesses():
    return (
        Business.objects.filter(listed_publicly=True)
        .exclude(status=Business.Status.CLOSED)
        .select_related("sector", "neighbourhood")
    )


@allow(PUBLIC)
@cached_public_page
def directory(request: HttpRequest) -> HttpResponse:
    directory_filter = DirectoryFilter(request.GET, queryset=listed_businesses())
    businesses = directory_filter.qs if directory_filter.is_valid() else Business.objects.none()
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
        {"form": directory_filter.form, "page": page, "rows": rows},
    )
