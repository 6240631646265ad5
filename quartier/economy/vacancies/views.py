"""Staff pages of the vacancies part: vacancies and training places, their requirements.

Vacancies are read by programme staff who place people and edited by advisors, leads and
the business itself (an employer: its own business only).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from quartier.accounts.access import allow, may_use
from quartier.economy.businesses.picker import pick_business
from quartier.economy.models import VacancySkill
from quartier.economy.pages import error_messages, form_page
from quartier.economy.vacancies import services as vacancies
from quartier.economy.vacancies.exports import VACANCY_EXPORTERS
from quartier.economy.vacancies.filters import VacancyFilter
from quartier.economy.vacancies.forms import RequirementLanguageForm, VacancyForm
from quartier.economy.vacancies.services import VACANCY_EDITORS, VACANCY_READERS
from quartier.esco.models import Concept
from quartier.esco.search import search
from quartier.lib.keyset import keyset_page
from quartier.lib.languages import language_name
from quartier.lib.partials import render_partial
from quartier.people.intake import CASEWORK

PAGE_SIZE = 50


def _vacancy_rows(page, language: str) -> list[dict]:
    return [
        {
            "vacancy": vacancy,
            "title": vacancy.title(language),
            "occupation": vacancy.occupation.label(language) if vacancy.occupation else "",
        }
        for vacancy in page
    ]


@allow(VACANCY_READERS)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    queryset = (
        vacancies.vacancies_visible_to(request.user)
        .select_related("business", "occupation")
        .prefetch_related("occupation__labels")
    )
    # Each parameter stands alone: an unknown value filters nothing, the others still do.
    vacancy_filter = VacancyFilter(request.GET, queryset=queryset)
    queryset = vacancy_filter.qs
    page = keyset_page(
        queryset.order_by("-created_at", "-pk"), request.GET.get("cursor"), per_page=PAGE_SIZE
    )
    context = {
        "form": vacancy_filter.form,
        "page": page,
        "rows": _vacancy_rows(page, get_language()),
        "may_create": VACANCY_EDITORS.allows(request.user),
        "may_export": VACANCY_EXPORTERS.allows(request.user),
    }
    return render(request, "economy/advice/vacancy_list.html", context)


def _vacancy_form(request, vacancy=None):
    staff = vacancies.may_edit_any(request.user)
    return VacancyForm(
        request.POST or None,
        instance=vacancy,
        businesses=None if vacancy else vacancies.businesses_for(request.user),
        staff=staff,
        user=request.user,
        initial={"business": request.GET.get("business", "")} if vacancy is None else None,
    )


@allow(VACANCY_EDITORS)
def vacancy_business_pick(request: HttpRequest) -> HttpResponse:
    """The vacancy form's business picker: the businesses the user may enter vacancies
    for (an employer: only their own), the same as the form's choices."""
    return pick_business(request, vacancies.businesses_for(request.user))


@allow(VACANCY_EDITORS)
def vacancy_create(request: HttpRequest) -> HttpResponse:
    form = _vacancy_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = vacancies.create_vacancy(
                form.cleaned_data["business"], request.user, **form.values()
            )
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Vacancy saved."))
            return redirect("economy:vacancy-detail", code=vacancy.public_id)
    return form_page(
        request, form, _("New vacancy or training place"), reverse("economy:vacancy-list")
    )


@allow(VACANCY_READERS)
def vacancy_detail(request: HttpRequest, code) -> HttpResponse:
    vacancy = vacancies.get_vacancy(request.user, code)
    language = get_language()
    skills = VacancySkill.objects.filter(vacancy=vacancy).select_related("concept")
    skills = skills.prefetch_related("concept__labels")
    may_edit = vacancies.vacancies_editable_by(request.user).filter(pk=vacancy.pk).exists()
    filled_by = None
    if vacancy.filled_by_id:
        # The participant's name only for those who may read the person (casework at
        # the organisation that holds them); others see "a programme participant".
        person = vacancy.filled_by
        if person.organisation_id in CASEWORK.organisations(request.user):
            filled_by = f"{person.given_name} {person.family_name}"
    context = {
        "vacancy": vacancy,
        "title": vacancy.title(language),
        "description": vacancy.description(language),
        "occupation": vacancy.occupation.label(language) if vacancy.occupation else "",
        "skills": [(s, s.concept.label(language)) for s in skills],
        "languages": [(language_name(row.language), row) for row in vacancy.languages.all()],
        "pay": vacancies.pay_text(vacancy),
        "may_edit": may_edit,
        "may_match": may_use(
            request.user, "matching:vacancy-candidates", {"code": vacancy.public_id}
        ),
        "filled_by": filled_by,
    }
    return render(request, "economy/advice/vacancy_detail.html", context)


@allow(VACANCY_EDITORS)
def vacancy_edit(request: HttpRequest, code) -> HttpResponse:
    vacancy = vacancies.get_vacancy(request.user, code, edit=True)
    form = _vacancy_form(request, vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            vacancies.update_vacancy(vacancy, request.user, **form.values())
        except ValidationError as error:
            error_messages(request, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("economy:vacancy-detail", code=vacancy.public_id)
    back = reverse("economy:vacancy-detail", kwargs={"code": vacancy.public_id})
    return form_page(request, form, _("Edit vacancy"), back)


@allow(VACANCY_EDITORS)
def vacancy_requirements(request: HttpRequest, code) -> HttpResponse:
    """Occupation, skills and languages asked for: search ESCO, then add or remove.

    With HTMX the search answers with its hits as the user types, and a change
    answers with the requirements' fragment (its messages inside); without, the
    search is a GET form and a change redirects back to the page.
    """
    vacancy = vacancies.get_vacancy(request.user, code, edit=True)
    language = get_language()
    here = reverse("economy:vacancy-requirements", kwargs={"code": vacancy.public_id})
    if request.method == "POST":
        try:
            _change_requirements(request, vacancy)
        except ValidationError as error:
            error_messages(request, error)
        if not request.htmx:
            return redirect(here)
    query = request.GET.get("q", "").strip()
    kind = "occupation" if request.GET.get("kind") == "occupation" else "skill"
    hits = []
    if query:
        hits = search(query, language, kind=kind, limit=15)
    context = {"vacancy": vacancy, "here": here, "query": query, "kind": kind, "hits": hits}
    if request.htmx and request.htmx.target == "esco-hits":
        return render_partial(
            request,
            "economy/advice/vacancy_requirements.html",
            "economy/advice/_esco_hits.html",
            context,
        )
    skills = vacancy.skills.select_related("concept").prefetch_related("concept__labels")
    context |= {
        "title": vacancy.title(language),
        "occupation": vacancy.occupation.label(language) if vacancy.occupation else "",
        "skills": [(s, s.concept.label(language)) for s in skills],
        "languages": [(language_name(row.language), row) for row in vacancy.languages.all()],
        "language_form": RequirementLanguageForm(),
        # A change made in place shows its messages in the fragment, not on the next page.
        "notes": list(messages.get_messages(request)) if request.htmx else [],
    }
    return render_partial(
        request,
        "economy/advice/vacancy_requirements.html",
        "economy/advice/_vacancy_requirements.html",
        context,
    )


def _change_requirements(request: HttpRequest, vacancy) -> None:
    action = request.POST.get("action", "")
    current_skills = [
        (row.concept, row.required) for row in vacancy.skills.select_related("concept")
    ]
    current_languages = [(row.language, row.level, row.required) for row in vacancy.languages.all()]
    if action in ("add_skill", "remove_skill", "set_occupation"):
        concept = Concept.objects.filter(pk=request.POST.get("concept") or 0).first()
        if concept is None:
            raise ValidationError(_("Choose a skill or occupation from the search."))
        if action == "set_occupation":
            vacancies.update_vacancy(vacancy, request.user, occupation=concept)
            messages.success(request, _("Occupation set."))
            return
        others = [(c, r) for c, r in current_skills if c.pk != concept.pk]
        if action == "add_skill":
            others.append((concept, request.POST.get("required") == "1"))
        vacancies.set_skills(vacancy, request.user, others)
        messages.success(request, _("Skills saved."))
    elif action == "add_language":
        form = RequirementLanguageForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a language and a level."))
        data = form.cleaned_data
        others = [row for row in current_languages if row[0] != data["language"]]
        asked = (data["language"], data["level"], data["required"])
        vacancies.set_languages(vacancy, request.user, [*others, asked])
        messages.success(request, _("Languages saved."))
    elif action == "remove_language":
        code = request.POST.get("language", "")
        others = [row for row in current_languages if row[0] != code]
        vacancies.set_languages(vacancy, request.user, others)
        messages.success(request, _("Languages saved."))
    else:
        raise ValidationError(_("Unknown action."))
