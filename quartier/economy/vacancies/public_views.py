"""Public pages: the published open vacancies and training places, in every language."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from quartier.accounts.access import PUBLIC, allow
from quartier.economy.models import VacancyLanguage
from quartier.economy.vacancies.filters import PublicVacancyFilter
from quartier.economy.vacancies.services import pay_text, public_vacancies
from quartier.esco.models import Concept
from quartier.lib.languages import language_name
from quartier.lib.page_cache import cached_public_page

PAGE_SIZE = 24


def _occupation_choices(language: str) -> list[tuple[int, str]]:
    """Occupations of the published vacancies, by label (two queries)."""
    ids = public_vacancies().exclude(occupation=None).values("occupation_id")
    concepts = Concept.objects.filter(pk__in=ids).prefetch_related("labels")
    return sorted(
        ((concept.pk, concept.label(language)) for concept in concepts),
        key=lambda choice: choice[1].casefold(),
    )


def _language_choices() -> list[tuple[str, str]]:
    """The languages the published vacancies ask for, the UI's languages first (one query)."""
    codes = set(
        VacancyLanguage.objects.filter(vacancy__in=public_vacancies()).values_list(
            "language", flat=True
        )
    )
    order = [code for code, _name in settings.LANGUAGES]
    ranked = sorted(codes, key=lambda code: (order.index(code) if code in order else 99, code))
    return [(code, language_name(code)) for code in ranked]


def _card(vacancy, language: str) -> dict:
    return {
        "vacancy": vacancy,
        "title": vacancy.title(language),
        "occupation": vacancy.occupation.label(language) if vacancy.occupation else "",
        "sector": vacancy.business.sector.name(language) if vacancy.business.sector else "",
        "languages": [
            (language_name(row.language), row.get_level_display())
            for row in vacancy.languages.all()
        ],
        "pay": pay_text(vacancy),
    }


@allow(PUBLIC)
@cached_public_page
def vacancy_list(request: HttpRequest) -> HttpResponse:
    language = get_language()
    queryset = public_vacancies().select_related("business", "business__sector", "occupation")
    vacancy_filter = PublicVacancyFilter(
        request.GET or None,
        queryset=queryset,
        occupations=_occupation_choices(language),
        languages=_language_choices(),
    )
    if vacancy_filter.is_valid():
        queryset = vacancy_filter.qs
    queryset = queryset.prefetch_related("occupation__labels", "languages")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": vacancy_filter.form,
        "page": page,
        "cards": [_card(vacancy, language) for vacancy in page],
    }
    return render(request, "economy/advice/public_list.html", context)


@allow(PUBLIC)
@cached_public_page
def vacancy_detail(request: HttpRequest, code) -> HttpResponse:
    language = get_language()
    vacancy = (
        public_vacancies()
        .select_related("business", "business__sector", "occupation")
        .prefetch_related("occupation__labels", "languages", "skills__concept__labels")
        .filter(public_id=code)
        .first()
    )
    if vacancy is None:
        raise Http404
    card = _card(vacancy, language)
    skills = [(row.concept.label(language), row.required) for row in vacancy.skills.all()]
    context = {
        **card,
        "card": card,
        "description": vacancy.description(language),
        "required": [label for label, required in skills if required],
        "nice": [label for label, required in skills if not required],
    }
    return render(request, "economy/advice/public_detail.html", context)
