"""Staff pages of the advice part: founders and funding, on-site consulting.

Founders and consultations are for business advisors and project leads and are
fetched through helpers that 404 another organisation's records.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import allow
from quartier.economy.advice import consultations as consulting
from quartier.economy.advice import founders, funding
from quartier.economy.advice.filters import ConsultationFilter, FollowUpFilter, FounderFilter
from quartier.economy.advice.forms import (
    AdviceForm,
    ApplicationForm,
    ConsultationForm,
    FounderForm,
    OutcomeForm,
)
from quartier.economy.advice.founders import ADVISING
from quartier.economy.models import (
    FundingApplication,
    FundingProgramme,
    VacancyStatus,
)
from quartier.economy.pages import error_messages, form_page
from quartier.economy.vacancies import services as vacancies
from quartier.economy.vacancies.services import VACANCY_READERS
from quartier.lib.languages import language_name

PAGE_SIZE = 50


# -- Funding catalogue --------------------------------------------------------


@allow(ADVISING)
def funding_list(request: HttpRequest) -> HttpResponse:
    programmes = FundingProgramme.objects.order_by("kind", "name")
    return render(request, "economy/advice/funding_list.html", {"programmes": programmes})


# -- Founders -----------------------------------------------------------------


@allow(ADVISING)
def founder_list(request: HttpRequest) -> HttpResponse:
    queryset = founders.founders_visible_to(request.user).select_related("participant", "sector")
    founder_filter = FounderFilter(request.GET, queryset=queryset)
    page = Paginator(founder_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "form": founder_filter.form}
    return render(request, "economy/advice/founder_list.html", context)


@allow(ADVISING)
def founder_create(request: HttpRequest) -> HttpResponse:
    initial = {"participant": request.GET.get("participant", "")}
    form = FounderForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in FounderForm.Meta.fields}
        try:
            founder = founders.create_founder(request.user, **values)
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Founder recorded."))
            return redirect("economy:founder-detail", code=founder.public_id)
    return form_page(request, form, _("New founder"), reverse("economy:founder-list"))


@allow(ADVISING)
def founder_detail(request: HttpRequest, code) -> HttpResponse:
    founder = founders.get_founder(request.user, code)
    founders.view_founder(founder, request.user)
    advice = founder.advice.select_related("advisor").prefetch_related("programmes")
    applications = founder.applications.select_related("programme")
    context = {
        "founder": founder,
        "advice": advice,
        "applications": applications,
        "languages": [language_name(code) for code in founder.languages],
    }
    return render(request, "economy/advice/founder_detail.html", context)


@allow(ADVISING)
def founder_edit(request: HttpRequest, code) -> HttpResponse:
    founder = founders.get_founder(request.user, code)
    form = FounderForm(request.POST or None, instance=founder, user=request.user)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in FounderForm.Meta.fields}
        founder.refresh_from_db()
        try:
            founders.update_founder(founder, request.user, **values)
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("economy:founder-detail", code=founder.public_id)
    back = reverse("economy:founder-detail", kwargs={"code": founder.public_id})
    return form_page(request, form, _("Edit founder"), back)


@allow(ADVISING)
def founder_advice(request: HttpRequest, code) -> HttpResponse:
    founder = founders.get_founder(request.user, code)
    form = AdviceForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            funding.record_advice(
                founder, request.user, data["date"], list(data["programmes"]), data["notes"]
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Advice recorded."))
            return redirect("economy:founder-detail", code=founder.public_id)
    back = reverse("economy:founder-detail", kwargs={"code": founder.public_id})
    return form_page(request, form, _("Record funding advice"), back)


@allow(ADVISING)
def founder_application(request: HttpRequest, code) -> HttpResponse:
    founder = founders.get_founder(request.user, code)
    form = ApplicationForm(request.POST or None, initial={"applied_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            funding.record_application(
                founder,
                request.user,
                data["programme"],
                data["applied_on"],
                data["amount_requested"],
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Application recorded."))
            return redirect("economy:founder-detail", code=founder.public_id)
    back = reverse("economy:founder-detail", kwargs={"code": founder.public_id})
    return form_page(request, form, _("Record an application"), back)


@allow(ADVISING)
def application_outcome(request: HttpRequest, code, pk: int) -> HttpResponse:
    founder = founders.get_founder(request.user, code)
    application = get_object_or_404(
        FundingApplication.objects.select_related("programme"), founder=founder, pk=pk
    )
    form = OutcomeForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application.refresh_from_db()
        try:
            funding.record_outcome(
                application,
                request.user,
                data["outcome"],
                data["decided_on"],
                data["amount_granted"],
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect("economy:founder-detail", code=founder.public_id)
    back = reverse("economy:founder-detail", kwargs={"code": founder.public_id})
    title = _("Outcome of the application to %(programme)s") % {
        "programme": application.programme.name
    }
    return form_page(request, form, title, back)


# -- On-site consulting ---------------------------------------------------------


@allow(ADVISING)
def consultation_list(request: HttpRequest) -> HttpResponse:
    queryset = consulting.consultations_visible_to(request.user).select_related(
        "business", "advisor"
    )
    consultation_filter = ConsultationFilter(request.GET, queryset=queryset)
    page = Paginator(consultation_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page}
    return render(request, "economy/advice/consultation_list.html", context)


@allow(ADVISING)
def consultation_create(request: HttpRequest) -> HttpResponse:
    initial = {"date": timezone.localdate(), "business": request.GET.get("business", "")}
    form = ConsultationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        business = data.pop("business")
        try:
            consultation = consulting.record_consultation(business, request.user, **data)
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Consultation recorded."))
            return redirect("economy:consultation-detail", code=consultation.public_id)
    return form_page(
        request, form, _("Record an on-site consultation"), reverse("economy:consultation-list")
    )


@allow(ADVISING)
def consultation_detail(request: HttpRequest, code) -> HttpResponse:
    consultation = consulting.get_consultation(request.user, code)
    consulting.view_consultation(consultation, request.user)
    return render(
        request, "economy/advice/consultation_detail.html", {"consultation": consultation}
    )


@allow(ADVISING)
def consultation_edit(request: HttpRequest, code) -> HttpResponse:
    consultation = consulting.get_consultation(request.user, code)
    initial = {
        field: getattr(consultation, field)
        for field in ("date", "topics", "result", "next_steps", "follow_up_on")
    }
    form = ConsultationForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            consulting.update_consultation(consultation, request.user, **form.cleaned_data)
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("economy:consultation-detail", code=consultation.public_id)
    back = reverse("economy:consultation-detail", kwargs={"code": consultation.public_id})
    return form_page(request, form, _("Edit consultation"), back)


@require_POST
@allow(ADVISING)
def follow_up_done(request: HttpRequest, code) -> HttpResponse:
    consultation = consulting.get_consultation(request.user, code)
    try:
        consulting.complete_follow_up(consultation, request.user)
    except ValidationError as error:
        error_messages(request, error)
    else:
        messages.success(request, _("Follow-up done."))
    if request.POST.get("next") == "follow-ups":
        return redirect("economy:follow-ups")
    return redirect("economy:consultation-detail", code=consultation.public_id)


@allow(ADVISING)
def follow_ups(request: HttpRequest) -> HttpResponse:
    follow_up_filter = FollowUpFilter(request.GET, queryset=consulting.follow_ups_of(request.user))
    page = Paginator(follow_up_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"consultation": c, "overdue": c.follow_up_on < today} for c in page]
    return render(
        request,
        "economy/advice/follow_ups.html",
        {"page": page, "rows": rows, "form": follow_up_filter.form},
    )


# -- The advice section of the business page ----------------------------------------

SECTION_TEMPLATE = "economy/advice/_business_section.html"


def business_section(request: HttpRequest, business) -> dict | None:
    """Vacancy counts, and for advisors their organisation's consultations and whether the
    business counts as a supported SME (advised by any organisation).

    One query for readers of vacancies, three for advisors; None (no section) for others.
    """
    user = request.user
    if not VACANCY_READERS.allows(user):
        return None
    counts = (
        vacancies.vacancies_visible_to(user)
        .filter(business=business)
        .aggregate(
            open=Count("pk", filter=Q(status=VacancyStatus.OPEN)),
            published=Count("pk", filter=Q(status=VacancyStatus.OPEN, published=True)),
            total=Count("pk"),
        )
    )
    context = {
        "business": business,
        "vacancies": counts,
        "may_create": vacancies.may_edit_any(user),
        "advising": False,
    }
    if ADVISING.allows(user):
        context["advising"] = True
        context["consultations"] = list(
            consulting.consultations_visible_to(user)
            .filter(business=business)
            .select_related("advisor")[:5]
        )
        supported = getattr(business, "supported", None)
        context["supported"] = consulting.is_supported(business) if supported is None else supported
    return context
