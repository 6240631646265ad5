"""Staff pages of the business register, the training path and training alliances; the
employer's own business profile; importing business lists. The business page shows the
advice and network parts' sections (``advice/views.py``, ``network/views.py``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import allow, roles
from quartier.accounts.models import Role
from quartier.economy.advice import views as advice_views
from quartier.economy.businesses import register, training
from quartier.economy.businesses.filters import BusinessFilter, alphabetical
from quartier.economy.businesses.forms import (
    AllianceForm,
    BusinessForm,
    ContactForm,
    PartForm,
    StepForm,
)
from quartier.economy.businesses.importer import BUSINESSES, IMPORTERS
from quartier.economy.models import AlliancePart, Business, ContactPerson, TrainingAlliance
from quartier.economy.network import views as network_views
from quartier.imports import views as imports
from quartier.lib.keyset import keyset_page
from quartier.lib.languages import language_name

PAGE_SIZE = 50


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (fields it has, else the whole form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# -- The register ----------------------------------------------------------------


@allow(register.READERS)
def business_list(request: HttpRequest) -> HttpResponse:
    supported = register.supported_sme_model() is not None
    business_filter = BusinessFilter(
        request.GET,
        queryset=register.with_supported(
            Business.objects.select_related("sector", "neighbourhood__quarter")
        ),
        supported=supported,
    )
    if business_filter.is_valid():
        businesses = business_filter.qs
        query = business_filter.form.cleaned_data.get("q") or ""
    else:
        businesses, query = Business.objects.none(), ""
    page = keyset_page(
        alphabetical(businesses, query), request.GET.get("cursor"), per_page=PAGE_SIZE
    )
    return render(
        request,
        "economy/businesses/business_list.html",
        {
            "form": business_filter.form,
            "page": page,
            "may_edit": register.is_editor(request.user),
        },
    )


def _sections(request: HttpRequest, business) -> list[tuple[str, dict]]:
    """(template name, context) of the advice and network sections shown to this user."""
    shown = [
        (advice_views.SECTION_TEMPLATE, advice_views.business_section(request, business)),
        (network_views.SECTION_TEMPLATE, network_views.business_section(request, business)),
    ]
    return [(template_name, context) for template_name, context in shown if context is not None]


@allow(register.READERS)
def business_detail(request: HttpRequest, slug: str) -> HttpResponse:
    business = register.get_business(slug)
    contacts = register.contacts_of(business, request.user)
    parts = list(
        AlliancePart.objects.filter(business=business)
        .select_related("alliance__lead_business", "alliance__occupation")
        .prefetch_related("alliance__occupation__labels")
    )
    return render(
        request,
        "economy/businesses/business_detail.html",
        {
            "business": business,
            "contacts": contacts,
            "path": training.path_of(business),
            "alliance_parts": parts,
            "languages": [language_name(code) for code in business.languages],
            "may_edit": register.is_editor(request.user),
            "sections": _sections(request, business),
        },
    )


@allow(register.EDITORS)
def business_create(request: HttpRequest) -> HttpResponse:
    form = BusinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            business = register.save_business(None, form.cleaned_data, request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The business has been added."))
            return redirect("economy:business-detail", slug=business.slug)
    return render(
        request, "economy/businesses/business_form.html", {"form": form, "business": None}
    )


@allow(register.PROFILE_EDITORS)
def business_edit(request: HttpRequest, slug: str) -> HttpResponse:
    business = register.get_editable_business(request.user, slug)
    editor = register.is_editor(request.user)
    form = BusinessForm(request.POST or None, instance=business, editor=editor)
    if request.method == "POST" and form.is_valid():
        try:
            business = register.save_business(business, form.cleaned_data, request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The business profile has been saved."))
            if editor:
                return redirect("economy:business-detail", slug=business.slug)
            return redirect("economy:business-edit", slug=business.slug)
    return render(
        request,
        "economy/businesses/business_form.html",
        {"form": form, "business": business, "editor": editor},
    )


@allow(roles(Role.EMPLOYER))
def my_business(request: HttpRequest) -> HttpResponse:
    """The employer's way to its own business profile."""
    business = register.editable_businesses(request.user).order_by("name").first()
    if business is None:
        return render(request, "economy/businesses/my_business.html", {"business": None})
    return redirect("economy:business-edit", slug=business.slug)


# -- Contact persons --------------------------------------------------------------


@allow(register.EDITORS)
def contact_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _contact_form(request, register.get_editable_business(request.user, slug), None)


@allow(register.EDITORS)
def contact_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    business = register.get_editable_business(request.user, slug)
    contact = get_object_or_404(ContactPerson, business=business, pk=pk)
    return _contact_form(request, business, contact)


def _contact_form(request, business, contact) -> HttpResponse:
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            register.save_contact(business, contact, form.cleaned_data, request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The contact person has been saved."))
            return redirect(reverse("economy:business-detail", args=[business.slug]) + "#contacts")
    return render(
        request,
        "economy/businesses/contact_form.html",
        {"form": form, "business": business, "contact": contact},
    )


@allow(register.EDITORS)
@require_POST
def contact_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    business = register.get_editable_business(request.user, slug)
    contact = get_object_or_404(ContactPerson, business=business, pk=pk)
    register.remove_contact(contact, request.user)
    messages.success(request, _("The contact person has been removed."))
    return redirect(reverse("economy:business-detail", args=[business.slug]) + "#contacts")


# -- Training path ------------------------------------------------------------------


@allow(register.EDITORS)
def training_path(request: HttpRequest, slug: str) -> HttpResponse:
    business = register.get_editable_business(request.user, slug)
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training.record_step(
                business,
                form.cleaned_data["kind"],
                form.cleaned_data["date"],
                request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The step has been recorded."))
            return redirect("economy:training-path", slug=business.slug)
    return render(
        request,
        "economy/businesses/training_path.html",
        {"business": business, "form": form, "path": training.path_of(business)},
    )


# -- Training alliances ------------------------------------------------------------


def _alliances():
    return TrainingAlliance.objects.select_related("lead_business", "occupation").prefetch_related(
        "occupation__labels",
        Prefetch("parts", queryset=AlliancePart.objects.select_related("business")),
    )


@allow(register.READERS)
def alliance_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_alliances(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "economy/businesses/alliance_list.html",
        {"page": page, "may_edit": register.is_editor(request.user)},
    )


@allow(register.EDITORS)
def alliance_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("lead"):
        initial["lead_business"] = Business.objects.filter(slug=request.GET["lead"]).first()
    form = AllianceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            alliance = training.create_alliance(
                data["lead_business"],
                request.user,
                start=data["start"],
                end=data["end"],
                occupation=data["occupation"],
                occupation_label=data["occupation_label"],
                apprentice_label=data["apprentice_label"],
                covers=data["covers"],
                months=data["months"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The training alliance has been created."))
            return redirect("economy:alliance-detail", pk=alliance.pk)
    return render(request, "economy/businesses/alliance_form.html", {"form": form})


@allow(register.READERS)
def alliance_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alliance = get_object_or_404(_alliances(), pk=pk)
    may_edit = register.is_editor(request.user)
    form = PartForm(request.POST or None) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            try:
                training.add_part(
                    alliance,
                    form.cleaned_data["business"],
                    request.user,
                    covers=form.cleaned_data["covers"],
                    months=form.cleaned_data["months"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The business has joined the alliance."))
                return redirect("economy:alliance-detail", pk=alliance.pk)
    suggestions = training.suggest_partners(alliance) if may_edit else []
    return render(
        request,
        "economy/businesses/alliance_detail.html",
        {
            "alliance": alliance,
            "form": form,
            "suggestions": suggestions,
            "may_edit": may_edit,
            "months": sum(part.months or 0 for part in alliance.parts.all()),
        },
    )


@allow(register.EDITORS)
@require_POST
def alliance_part_remove(request: HttpRequest, pk: int, part: int) -> HttpResponse:
    alliance = get_object_or_404(TrainingAlliance, pk=pk)
    part_obj = get_object_or_404(
        AlliancePart.objects.select_related("business"), alliance=alliance, pk=part
    )
    try:
        training.remove_part(part_obj, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The business has left the alliance."))
    return redirect("economy:alliance-detail", pk=alliance.pk)


# -- Importing business lists (the pages themselves are the generic import's) ------


def _job(request: HttpRequest, code):
    return imports.get_job(request, BUSINESSES, code)


@allow(IMPORTERS)
def import_upload(request: HttpRequest) -> HttpResponse:
    return imports.upload(request, BUSINESSES)


@allow(IMPORTERS)
def import_mapping(request: HttpRequest, code) -> HttpResponse:
    return imports.mapping(request, BUSINESSES, _job(request, code))


@allow(IMPORTERS)
def import_preview(request: HttpRequest, code) -> HttpResponse:
    return imports.preview(request, BUSINESSES, _job(request, code))


@allow(IMPORTERS)
def import_write(request: HttpRequest, code) -> HttpResponse:
    return imports.write(request, BUSINESSES, _job(request, code))


@allow(IMPORTERS)
def import_status(request: HttpRequest, code) -> HttpResponse:
    return imports.status(request, BUSINESSES, _job(request, code))
