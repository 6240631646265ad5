"""Staff pages of the premises: houses, their units, letting and vacating.

Premises are shared programme-wide like the business register: every staff member reads
them, business advisors and project leads change them.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.access import STAFF, allow, roles
from quartier.accounts.models import Role
from quartier.economy.models import House, Settlement, Unit, UnitStatus
from quartier.economy.premises import services
from quartier.economy.premises.filters import PremisesFilter
from quartier.economy.premises.forms import (
    HouseForm,
    LetForm,
    UnitForm,
    VacateForm,
)

PREMISES_EDITORS = roles(Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD)
PAGE_SIZE = 50


def may_edit(user) -> bool:
    return PREMISES_EDITORS.allows(user)


@allow(STAFF)
def premises(request: HttpRequest) -> HttpResponse:
    blocks = list(
        House.objects.exclude(block="").order_by("block").values_list("block", flat=True).distinct()
    )
    premises_filter = PremisesFilter(
        request.GET, queryset=services.houses_with_counts(), blocks=blocks
    )
    houses = premises_filter.qs.prefetch_related(
        Prefetch(
            "units", queryset=services.units_with_tenant(premises_filter.units()), to_attr="shown"
        )
    )
    rows = [{"house": house, "floors": services.floors_of(house.shown)} for house in houses]
    totals = {
        status.value: sum(
            len([u for u in row["house"].shown if u.status == status]) for row in rows
        )
        for status in UnitStatus
    }
    today = timezone.localdate()
    settled = services.settlement_counts(date(today.year - 2, 1, 1), today, "year")
    return render(
        request,
        "economy/network/premises.html",
        {
            "form": premises_filter.form,
            "rows": rows,
            "settled": settled,
            "may_edit": may_edit(request.user),
            "totals": [(UnitStatus(code).label, code, n) for code, n in totals.items()],
        },
    )


def _house_or_404(pk: int) -> House:
    return get_object_or_404(services.houses_with_counts(), pk=pk)


@allow(STAFF)
def house_detail(request: HttpRequest, pk: int) -> HttpResponse:
    house = _house_or_404(pk)
    units = list(services.units_with_tenant(house.units.all()))
    settlements = list(
        Settlement.objects.filter(unit__house=house).select_related("business", "unit")
    )
    return render(
        request,
        "economy/network/house.html",
        {
            "house": house,
            "floors": services.floors_of(units),
            "settlements": settlements,
            "may_edit": may_edit(request.user),
        },
    )


@allow(PREMISES_EDITORS)
def house_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    house = None if pk is None else get_object_or_404(House, pk=pk)
    form = HouseForm(request.POST or None, instance=house)
    if request.method == "POST" and form.is_valid():
        try:
            house = services.save_house(house, form.cleaned_data, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The house was saved."))
            return redirect("economy:house", pk=house.pk)
    return render(request, "economy/network/house_form.html", {"form": form, "house": house})


@allow(PREMISES_EDITORS)
def unit_add(request: HttpRequest, pk: int) -> HttpResponse:
    house = get_object_or_404(House, pk=pk)
    form = UnitForm(request.POST or None, instance=Unit(house=house))
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.add_unit(
                house, request.user, **{name: form.cleaned_data[name] for name in form.fields}
            )
        except (services.PremisesError, ValidationError) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("The unit was added."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_add.html", {"form": form, "house": house})


def _unit_or_404(pk: int) -> Unit:
    return get_object_or_404(Unit.objects.select_related("house"), pk=pk)


def _house_redirect(unit: Unit) -> HttpResponse:
    return redirect(reverse("economy:house", args=[unit.house_id]) + f"#unit-{unit.pk}")


@allow(PREMISES_EDITORS)
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_or_404(pk)
    form = UnitForm(request.POST or None, instance=Unit.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_unit(
                unit, request.user, **{name: form.cleaned_data[name] for name in form.fields}
            )
        except services.PremisesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The unit was saved."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_form.html", {"form": form, "unit": unit})


@allow(PREMISES_EDITORS)
def unit_let(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_or_404(pk)
    form = LetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.let_unit(
                unit,
                data["business"],
                data["since"],
                request.user,
                supported=data["supported"],
                new_to_quarter=data["new_to_quarter"],
            )
        except services.PremisesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The unit was let."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_let.html", {"form": form, "unit": unit})


@allow(PREMISES_EDITORS)
def unit_vacate(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _unit_or_404(pk)
    form = VacateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_tenancy(
                unit, form.cleaned_data["until"], request.user, status=form.cleaned_data["status"]
            )
        except services.PremisesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The tenancy was ended."))
            return _house_redirect(unit)
    return render(request, "economy/network/unit_vacate.html", {"form": form, "unit": unit})
