"""The public page of the premises: vacant units that are advertised."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quartier.accounts.access import PUBLIC, allow
from quartier.economy.premises import services
from quartier.economy.premises.filters import PublicPremisesFilter
from quartier.lib.page_cache import cached_public_page


@allow(PUBLIC)
@cached_public_page
def public_premises(request: HttpRequest) -> HttpResponse:
    """Vacant commercial units whose owners agreed to advertise them, for founders."""
    units = services.advertised_units()
    premises_filter = PublicPremisesFilter(request.GET or None, queryset=units)
    if premises_filter.is_valid():
        units = premises_filter.qs
    context = {"form": premises_filter.form, "units": list(units)}
    return render(request, "economy/network/public_premises.html", context)
