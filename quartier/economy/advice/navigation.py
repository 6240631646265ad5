"""What the advice part adds elsewhere: navigation, the business page section, and its share
of the data-subject rights (``advice_rights``)."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from quartier.economy.advice.founders import ADVISING
from quartier.economy.vacancies.services import VACANCY_READERS

SECTION_TEMPLATE = "economy/advice/_business_section.html"


def business_section(request: HttpRequest, business) -> dict | None:
    """Vacancy counts, and for advisors their organisation's consultations and whether the
    business counts as a supported SME (advised by any organisation).

    One query for readers of vacancies, three for advisors; None (no section) for others.
    """
    from django.db.models import Count, Q

    from quartier.economy.advice import consultations as consulting
    from quartier.economy.models import VacancyStatus
    from quartier.economy.vacancies import services as vacancies

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


def register() -> None:
    from quartier.accounts import navigation
    from quartier.economy import sections
    from quartier.economy.advice import rights as advice_rights
    from quartier.economy.vacancies.services import VACANCY_READERS as READERS

    advice_rights.register()

    sections.register_section(SECTION_TEMPLATE, business_section, order=50)
    navigation.register(navigation.NavItem("economy:vacancy-list", _("Vacancies"), READERS, 41))
    navigation.register(
        navigation.NavItem("economy:consultation-list", _("Consulting"), ADVISING, 42)
    )
    navigation.register(navigation.NavItem("economy:founder-list", _("Founders"), ADVISING, 43))
    navigation.register(navigation.NavItem("economy:follow-ups", _("My follow-ups"), ADVISING, 44))
