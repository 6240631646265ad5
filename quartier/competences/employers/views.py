"""Employers browse pseudonymous candidates and ask for contact; counsellors answer the requests."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import allow
from quartier.accounts.audit import log_action
from quartier.competences.employers import contact_requests as requests_
from quartier.competences.employers import services as employers
from quartier.competences.employers.filters import CandidateFilter, ContactRequestFilter
from quartier.competences.employers.forms import AnswerForm, ContactRequestForm
from quartier.competences.employers.models import ContactRequest
from quartier.competences.profile.services import with_parts
from quartier.people.intake import view_participant

PAGE_SIZE = 20
ANSWERING = requests_.ANSWERING


# -- Employers ------------------------------------------------------------------


@allow(employers.EMPLOYER)
def candidate_list(request: HttpRequest) -> HttpResponse:
    employer = employers.employer_organisation(request.user)
    profiles = employers.visible_profiles()
    candidate_filter = CandidateFilter(request.GET or None, queryset=profiles)
    if candidate_filter.is_valid():
        profiles = candidate_filter.qs
    profiles = with_parts(profiles.select_related("participant__quarter")).order_by(
        "-changed_at", "pk"
    )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    language = get_language()
    candidates = [employers.candidate(profile, language) for profile in page]
    log_action(
        "competences.candidates.listed",
        actor=request.user,
        data={"page": page.number, "shown": len(candidates)},
        organisation=employer,
    )
    return render(
        request,
        "competences/employer/candidate_list.html",
        {"form": candidate_filter.form, "page": page, "candidates": candidates},
    )


@allow(employers.EMPLOYER)
def candidate_detail(request: HttpRequest, code) -> HttpResponse:
    employer = employers.employer_organisation(request.user)
    profile = employers.get_candidate(code)
    employers.view_candidate(profile, request.user, employer)
    mine = (
        ContactRequest.objects.with_scopes_disabled()
        .filter(profile=profile, employer=employer)
        .order_by("-created_at", "-pk")
        .first()
    )
    return render(
        request,
        "competences/employer/candidate_detail.html",
        {
            "candidate": employers.candidate(profile, get_language()),
            "my_request": mine,
            "form": ContactRequestForm() if mine is None or not mine.is_live else None,
        },
    )


@allow(employers.EMPLOYER)
def candidate_contact(request: HttpRequest, code) -> HttpResponse:
    employer = employers.employer_organisation(request.user)
    profile = employers.get_candidate(code)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requests_.ask_for_contact(
                profile,
                employer,
                request.user,
                form.cleaned_data["message"],
                form.cleaned_data["contact"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except requests_.ContactRequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your request has been sent. The counsellor will ask the person and answer you."),
            )
            return redirect("competences:my-contact-requests")
    return render(
        request,
        "competences/employer/contact_form.html",
        {"form": form, "pseudonym": employers.pseudonym(profile), "code": profile.public_code},
    )


@allow(employers.EMPLOYER)
def my_contact_requests(request: HttpRequest) -> HttpResponse:
    items = requests_.requests_of_employer(request.user).select_related("profile", "requested_by")
    page = Paginator(items.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [{"request": item, "pseudonym": employers.pseudonym(item.profile)} for item in page]
    return render(request, "competences/employer/my_requests.html", {"page": page, "rows": rows})


# -- Counsellors ------------------------------------------------------------------


@allow(ANSWERING)
def contact_request_list(request: HttpRequest) -> HttpResponse:
    """Requests not answered yet by default; all, or one status (``ContactRequestFilter``)."""
    request_filter = ContactRequestFilter(
        request.GET,
        queryset=requests_.requests_to_answer(request.user, ContactRequest.Status.values),
    )
    items = request_filter.qs.select_related("profile__participant", "employer").order_by(
        "-created_at", "-pk"
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "competences/employer/request_list.html",
        {"page": page, "show_all": request_filter.shows_all, "form": request_filter.form},
    )


def _request_to_answer(request: HttpRequest, code) -> ContactRequest:
    """A request for a person the user's organisation holds; 404 for anyone else's."""
    return get_object_or_404(
        requests_.requests_to_answer(request.user, ContactRequest.Status.values).select_related(
            "profile__participant", "employer", "requested_by", "asked_by", "answered_by"
        ),
        public_id=code,
    )


@allow(ANSWERING)
def contact_request_detail(request: HttpRequest, code) -> HttpResponse:
    item = _request_to_answer(request, code)
    participant = item.profile.participant
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and item.is_live and form.is_valid():
        try:
            requests_.answer_request(
                item, request.user, form.cleaned_data["decision"], form.cleaned_data["answer"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        except requests_.ContactRequestError as error:
            messages.error(request, str(error))
            return redirect("competences:contact-request", code=item.public_id)
        else:
            messages.success(request, _("Answered. The employer sees your answer now."))
            return redirect("competences:contact-request", code=item.public_id)
    view_participant(participant, request.user)
    return render(
        request,
        "competences/employer/request_detail.html",
        {
            "item": item,
            "participant": participant,
            "pseudonym": employers.pseudonym(item.profile),
            "form": form if item.is_live else None,
        },
    )


@allow(ANSWERING)
@require_POST
def contact_request_asked(request: HttpRequest, code) -> HttpResponse:
    item = _request_to_answer(request, code)
    try:
        requests_.record_asked(item, request.user)
    except requests_.ContactRequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Noted: you have asked the person."))
    return redirect("competences:contact-request", code=item.public_id)
