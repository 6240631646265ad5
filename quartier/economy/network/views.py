"""Staff pages of the cooperation network.

Cooperation is shared programme-wide like the business register: every staff member
reads it, business advisors and project leads change it.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import STAFF, allow, roles
from quartier.accounts.models import Organisation, Role
from quartier.economy.businesses.picker import label as business_label
from quartier.economy.models import Business, Cooperation, Sector, Tenancy
from quartier.economy.network import cooperation as network_cooperation
from quartier.economy.network import graph as network_graph
from quartier.economy.network.filters import NetworkFilter
from quartier.economy.network.forms import (
    CooperationForm,
    EndForm,
    party_businesses,
    party_from,
    party_organisations,
)
from quartier.lib.pickers import picker_response

NETWORK_EDITORS = roles(Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD)
PAGE_SIZE = 50


def may_edit(user) -> bool:
    return NETWORK_EDITORS.allows(user)


# -- Network ------------------------------------------------------------------


@allow(STAFF)
def network(request: HttpRequest) -> HttpResponse:
    sectors = list(Sector.objects.all())
    network_filter = NetworkFilter(request.GET, queryset=Cooperation.objects.all(), sectors=sectors)
    graph = network_graph.build_network(network_graph.relation_rows(network_filter.qs), sectors)
    start, end = network_filter.period
    count_end = end or timezone.localdate()
    count_start = start or count_end - timedelta(days=2 * 365)
    if count_end.year - count_start.year > 20:  # keeps the counts table readable
        count_start = date(count_end.year - 20, 1, 1)
    counted = network_cooperation.counts_per_period(
        count_start, count_end, network_filter.count_per, network_filter.without_period()
    )
    return render(
        request,
        "economy/network/network.html",
        {
            "form": network_filter.form,
            "graph": graph,
            "counted": counted,
            "may_edit": may_edit(request.user),
        },
    )


@allow(STAFF)
def cooperation_list(request: HttpRequest) -> HttpResponse:
    queryset = network_graph.with_parties(Cooperation.objects.all()).order_by("-since", "-id")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "economy/network/cooperation_list.html",
        {"page": page, "may_edit": may_edit(request.user), "end_form": EndForm()},
    )


@allow(NETWORK_EDITORS)
def party_pick(request: HttpRequest) -> HttpResponse:
    """The cooperation form's party picker: the same businesses and organisations as the
    form's choices (``party_businesses``, ``party_organisations``)."""

    def search(query: str, limit: int) -> list[tuple[str, str]]:
        businesses, organisations = party_businesses(), party_organisations()
        for word in query.split():
            businesses = businesses.filter(Q(name__icontains=word) | Q(street__icontains=word))
            organisations = organisations.filter(name__icontains=word)
        found = [
            (f"b:{b.pk}", business_label(b)) for b in businesses.order_by("name", "pk")[:limit]
        ]
        found += [
            (f"o:{o.pk}", organisation_label(o))
            for o in organisations.order_by("name", "pk")[:limit]
        ]
        return sorted(found, key=lambda choice: choice[1].casefold())[:limit]

    def pick(value: str) -> tuple[str, str] | None:
        party = party_from(value)
        if isinstance(party, Business):
            return (value, business_label(party))
        return (value, organisation_label(party)) if party else None

    return picker_response(request, search, pick)


def organisation_label(organisation: Organisation) -> str:
    return f"{organisation.name} · {_('Organisation')}"


@allow(NETWORK_EDITORS)
def cooperation_add(request: HttpRequest) -> HttpResponse:
    form = CooperationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network_cooperation.record_cooperation(
                data["first"],
                data["second"],
                data["kind"],
                data["since"],
                request.user,
                until=data["until"],
                note=data["note"],
            )
        except network_cooperation.CooperationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The relation was recorded."))
            return redirect("economy:cooperations")
    return render(request, "economy/network/cooperation_form.html", {"form": form})


@require_POST
@allow(NETWORK_EDITORS)
def cooperation_end(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = get_object_or_404(Cooperation, pk=pk)
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the relation ended."))
    else:
        try:
            network_cooperation.end_cooperation(
                cooperation, form.cleaned_data["until"], request.user
            )
        except network_cooperation.CooperationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The relation was ended."))
    return redirect("economy:cooperations")


# -- The network section of the business page ---------------------------------------

SECTION_TEMPLATE = "economy/network/_business_section.html"


def business_section(request: HttpRequest, business) -> dict | None:
    """The business's premises (tenancies, newest first) and its ongoing relations.

    Two queries; None (no section) for users who are not staff, e.g. the business's employer.
    """
    if not STAFF.allows(request.user):
        return None
    tenancies = list(
        Tenancy.objects.filter(business=business)
        .select_related("unit__house")
        .order_by("-since", "-id")
    )
    relations = list(
        network_graph.with_parties(
            Cooperation.objects.filter(Q(business_a=business) | Q(business_b=business)).filter(
                until__isnull=True
            )
        )
    )
    partners = [
        {
            "party": c.party_b if c.business_a_id == business.pk else c.party_a,
            "cooperation": c,
        }
        for c in relations
    ]
    return {"tenancies": tenancies, "partners": partners}
