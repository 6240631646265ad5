"""Staff pages of the cooperation network and the premises.

Cooperation and premises are shared programme-wide like the business register:
every staff member reads them, business advisors and project leads change them.
"""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import PUBLIC, STAFF, allow, roles
from quartier.accounts.models import Role
from quartier.economy.models import Cooperation, House, Sector, Settlement, Unit, UnitStatus
from quartier.economy.network import cooperation as network_cooperation
from quartier.economy.network import graph as network_graph
from quartier.economy.network.forms import (
    CooperationForm,
    EndForm,
    HouseForm,
    LetForm,
    NetworkFilterForm,
    PremisesFilterForm,
    PublicPremisesFilterForm,
    UnitForm,
    VacateForm,
)
from quartier.economy.premises import services as network_premises

NETWORK_EDITORS = roles(Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD)
PAGE_SIZE = 50


def may_edit(user) -> bool:
    return NETWORK_EDITORS.allows(user)


# -- Network ------------------------------------------------------------------


@allow(STAFF)
def network(request: HttpRequest) -> HttpResponse:
    sectors = list(Sector.objects.all())
    form = NetworkFilterForm(request.GET or None, sectors=sectors)
    filters = form.cleaned_data if form.is_valid() else {}
    start, end = filters.get("start"), filters.get("end")
    kind, sector = filters.get("kind", ""), filters.get("sector", "")
    relations = network_cooperation.cooperations(start=start, end=end, kind=kind, sector=sector)
    graph = network_graph.build_network(network_graph.relation_rows(relations), sectors)
    today = timezone.localdate()
    count_end = end or today
    count_start = start or count_end - timedelta(days=2 * 365)
    if count_end.year - count_start.year > 20:  # keeps the counts table readable
        count_start = date(count_end.year - 20, 1, 1)
    counted = network_cooperation.counts_per_period(
        count_start,
        count_end,
        filters.get("by") or "quarter",
        network_cooperation.cooperations(kind=kind, sector=sector),
    )
    return render(
        request,
        "economy/network/network.html",
        {"form": form, "graph": graph, "counted": counted, "may_edit": may_edit(request.user)},
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


# -- Premises -----------------------------------------------------------------


@allow(STAFF)
def premises(request: HttpRequest) -> HttpResponse:
    blocks = list(
        House.objects.exclude(block="").order_by("block").values_list("block", flat=True).distinct()
    )
    form = PremisesFilterForm(request.GET or None, blocks=blocks)
    filters = form.cleaned_data if form.is_valid() else {}
    units = Unit.objects.all()
    houses = network_premises.houses_with_counts()
    if filters.get("block"):
        houses = houses.filter(block=filters["block"])
    if filters.get("status"):
        units = units.filter(status=filters["status"])
    if filters.get("use"):
        units = units.filter(intended_use=filters["use"])
    houses = houses.prefetch_related(
        Prefetch("units", queryset=network_premises.units_with_tenant(units), to_attr="shown")
    )
    rows = [
        {"house": house, "floors": network_premises.floors_of(house.shown)}
        for house in houses
        if house.shown or not (filters.get("status") or filters.get("use"))
    ]
    totals = {
        status.value: sum(
            len([u for u in row["house"].shown if u.status == status]) for row in rows
        )
        for status in UnitStatus
    }
    today = timezone.localdate()
    settled = network_premises.settlement_counts(date(today.year - 2, 1, 1), today, "year")
    return render(
        request,
        "economy/network/premises.html",
        {
            "form": form,
            "rows": rows,
            "settled": settled,
            "may_edit": may_edit(request.user),
            "totals": [(UnitStatus(code).label, code, n) for code, n in totals.items()],
        },
    )


def _house_or_404(pk: int) -> House:
    return get_object_or_404(network_premises.houses_with_counts(), pk=pk)


@allow(STAFF)
def house_detail(request: HttpRequest, pk: int) -> HttpResponse:
    house = _house_or_404(pk)
    units = list(network_premises.units_with_tenant(house.units.all()))
    settlements = list(
        Settlement.objects.filter(unit__house=house).select_related("business", "unit")
    )
    return render(
        request,
        "economy/network/house.html",
        {
            "house": house,
            "floors": network_premises.floors_of(units),
            "settlements": settlements,
            "may_edit": may_edit(request.user),
        },
    )


@allow(NETWORK_EDITORS)
def house_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    house = None if pk is None else get_object_or_404(House, pk=pk)
    form = HouseForm(request.POST or None, instance=house)
    if request.method == "POST" and form.is_valid():
        try:
            house = network_premises.save_house(house, form.cleaned_data, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The house was saved."))
            return redirect("economy:house", pk=house.pk)
    return render(request, "economy/network/house_form.html", {"form": form, "house": house})


@allow(NETWORK_EDITORS)
def unit_add(request: HttpRequest, pk: int) -> HttpResponse:
    house = get_object_or_404(House, pk=pk)
    form = UnitForm(request.POST or None, instance=Unit(house=house))
    if request.method == "POST" and form.is_valid():
        try:
            unit = network_premises.add_unit(
                house, request.user, **{name: form.cleaned_data[name] for name in form.fields}
            )
        except (network_premises.PremisesError, ValidationError) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The unit was added."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_add.html", {"form": form, "house": house})


def _unit_or_404(pk: int) -> Unit:
    return get_object_or_404(Unit.objects.select_related("house"), pk=pk)


def _house_redirect(unit: Unit) -> HttpResponse:
    return redirect(reverse("economy:house", args=[unit.house_id]) + f"#unit-{unit.pk}")


@allow(NETWORK_EDITORS)
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_or_404(pk)
    form = UnitForm(request.POST or None, instance=Unit.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            network_premises.change_unit(
                unit, request.user, **{name: form.cleaned_data[name] for name in form.fields}
            )
        except network_premises.PremisesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The unit was saved."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_form.html", {"form": form, "unit": unit})


@allow(NETWORK_EDITORS)
def unit_let(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_or_404(pk)
    form = LetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network_premises.let_unit(
                unit,
                data["business"],
                data["since"],
                request.user,
                supported=data["supported"],
                new_to_quarter=data["new_to_quarter"],
            )
        except network_premises.PremisesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The unit was let."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_let.html", {"form": form, "unit": unit})


@allow(NETWORK_EDITORS)
def unit_vacate(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_or_404(pk)
    form = VacateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            network_premises.end_tenancy(
                unit, form.cleaned_data["until"], request.user, status=form.cleaned_data["status"]
            )
        except network_premises.PremisesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The tenancy was ended."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_vacate.html", {"form": form, "unit": unit})


# -- Public: vacant premises ----------------------------------------------------


@allow(PUBLIC)
def public_premises(request: HttpRequest) -> HttpResponse:
    """Vacant commercial units whose owners agreed to advertise them, for founders."""
    form = PublicPremisesFilterForm(request.GET or None)
    units = network_premises.advertised_units()
    if form.is_valid() and form.cleaned_data["use"]:
        units = units.filter(intended_use=form.cleaned_data["use"])
    return render(
        request, "economy/network/public_premises.html", {"form": form, "units": list(units)}
    )
