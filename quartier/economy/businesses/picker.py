"""The business picker: a widget for forms that name a business, and its endpoint.

The register is shared programme-wide, so the search shows what the business
list shows its readers (staff): name, street and postcode. Without JavaScript the
select lists every business the form offers, as before.
"""

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse

from quartier.accounts.access import allow
from quartier.economy.businesses import register
from quartier.economy.models import Business
from quartier.lib.pickers import Picker, picker_response

KEYS = ("slug", "pk")


class BusinessPicker(Picker):
    """For a ``ModelChoiceField`` of businesses keyed by ``key`` (its ``to_field_name``
    or ``pk``); ``open_only`` leaves closed businesses out of the search. ``url_name`` is
    an endpoint whose scope is the form's choices (``pick_business`` over them)."""

    def __init__(
        self,
        key: str = "pk",
        open_only: bool = False,
        url_name: str = "economy:business-pick",
        attrs=None,
    ):
        params = {"key": key} | ({"open": "1"} if open_only else {})
        super().__init__(url_name, params=params, attrs=attrs)


def label(business: Business) -> str:
    place = " ".join(part for part in (business.street, business.postcode) if part)
    return f"{business.name} · {place}" if place else business.name


def pick_business(request: HttpRequest, businesses: QuerySet[Business]) -> HttpResponse:
    """The picker's answer over ``businesses``, the scope of the asking view."""
    key = request.GET.get("key", "pk")
    if key not in KEYS:
        key = "pk"
    businesses = businesses.only("pk", "slug", "name", "street", "postcode", "status")
    if request.GET.get("open") == "1":
        businesses = businesses.exclude(status=Business.Status.CLOSED)

    def search(query: str, limit: int) -> list[tuple[str, str]]:
        found = businesses
        for word in query.split():
            found = found.filter(Q(name__icontains=word) | Q(street__icontains=word))
        return [(str(getattr(b, key)), label(b)) for b in found.order_by("name", "pk")[:limit]]

    def pick(value: str) -> tuple[str, str] | None:
        if key == "pk" and not value.isdigit():
            return None
        business = businesses.filter(**{key: value}).first()
        return (str(getattr(business, key)), label(business)) if business else None

    return picker_response(request, search, pick)


@allow(register.READERS)
def business_pick(request: HttpRequest) -> HttpResponse:
    return pick_business(request, Business.objects.all())
