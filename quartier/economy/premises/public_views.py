"""The public page of the premises: vacant units that are advertised."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quartier.accounts.access import PUBLIC, allow
from quartier.economy.premises import services
from quartier.economy.premises.forms import (
    PublicPremisesFilterForm,
)


@allow(PUBLIC)
def public_premises(request: HttpRequest) -> HttpResponse:
    """Vacant commercial units whose owners agreed to advertise them, for founders."""
    form = PublicPremisesFilterForm(request.GET or None)
    units = services.advertised_units()
    if form.is_valid() and form.cleaned_data["use"]:
        units = units.filter(intended_use=form.cleaned_data["use"])
    return render(
        request, "economy/network/public_premises.html", {"form": form, "units": list(units)}
    )
