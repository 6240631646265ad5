"""Vacancies and training places: entered by advisors, or by a business for itself.

Vacancies are shared programme-wide like businesses: programme staff who place
people read them all; advisors and project leads edit them; an employer reads and
edits only the vacancies of its own business (another's is a 404).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.access import EMPLOYER, roles, roles_of
from quartier.accounts.audit import log_action
from quartier.accounts.models import Role
from quartier.economy.models import (
    Business,
    PayPeriod,
    Vacancy,
    VacancyKind,
    VacancyLanguage,
    VacancySkill,
    VacancyStatus,
)
from quartier.esco.models import Concept
from quartier.lib.model_fields import model_field

# Staff who read every vacancy (to place people in them) and those who edit any.
READING_ROLES = (Role.BUSINESS_ADVISOR, Role.COUNSELLOR, Role.PROJECT_LEAD)
EDITING_ROLES = (Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD)
VACANCY_READERS = roles(*READING_ROLES, Role.EMPLOYER)
VACANCY_EDITORS = roles(*EDITING_ROLES, Role.EMPLOYER)
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "native")

WRITABLE = (
    "kind",
    "titles",
    "descriptions",
    "occupation",
    "hours_per_week",
    "starts_on",
    "closes_on",
    "pay_min",
    "pay_max",
    "pay_period",
    "status",
    "filled_by",
    "filled_on",
    "published",
)


def own_businesses(user) -> QuerySet[Business]:
    """The businesses whose login organisation the user is an employer of."""
    return Business.objects.filter(organisation_id__in=EMPLOYER.organisations(user))


def vacancies_visible_to(user) -> QuerySet[Vacancy]:
    if roles_of(user) & set(READING_ROLES):
        return Vacancy.objects.all()
    return Vacancy.objects.filter(business__organisation_id__in=EMPLOYER.organisations(user))


def vacancies_editable_by(user) -> QuerySet[Vacancy]:
    if roles_of(user) & set(EDITING_ROLES):
        return Vacancy.objects.all()
    return Vacancy.objects.filter(business__organisation_id__in=EMPLOYER.organisations(user))


def may_edit_any(user) -> bool:
    return bool(roles_of(user) & set(EDITING_ROLES))


def businesses_for(user) -> QuerySet[Business]:
    """The businesses the user may enter vacancies for."""
    return Business.objects.all() if may_edit_any(user) else own_businesses(user)


def get_vacancy(user, code, edit: bool = False) -> Vacancy:
    """The vacancy if the user may read it (or edit it, with ``edit``), else 404."""
    queryset = vacancies_editable_by(user) if edit else vacancies_visible_to(user)
    vacancy = (
        queryset.select_related("business", "business__sector", "occupation", "entered_by")
        .filter(public_id=code)
        .first()
    )
    if vacancy is None:
        raise Http404
    return vacancy


def public_vacancies() -> QuerySet[Vacancy]:
    """Published open vacancies, newest first."""
    return Vacancy.objects.filter(published=True, status=VacancyStatus.OPEN)


def _validate(vacancy: Vacancy, by) -> None:
    for name in ("titles", "descriptions"):
        setattr(vacancy, name, model_field(Vacancy, name).clean(getattr(vacancy, name), vacancy))
    if vacancy.kind not in VacancyKind.values:
        raise ValidationError(_("Choose a known kind of vacancy."))
    if vacancy.status not in VacancyStatus.values:
        raise ValidationError(_("Choose a known status."))
    if vacancy.pay_period and vacancy.pay_period not in PayPeriod.values:
        raise ValidationError(_("Choose a known pay period."))
    if (
        vacancy.pay_min is not None
        and vacancy.pay_max is not None
        and vacancy.pay_max < vacancy.pay_min
    ):
        raise ValidationError(_("The highest pay cannot be below the lowest."))
    if (vacancy.pay_min is not None or vacancy.pay_max is not None) and not vacancy.pay_period:
        raise ValidationError(_("Say whether the pay is per hour, month or year."))
    if vacancy.hours_per_week is not None and not (0 < vacancy.hours_per_week <= 60):
        raise ValidationError(_("Hours per week must be between 1 and 60."))
    if vacancy.occupation is not None and vacancy.occupation.kind != "occupation":
        raise ValidationError(_("Choose an occupation, not a skill."))
    if vacancy.status != VacancyStatus.FILLED:
        vacancy.filled_by = None
        vacancy.filled_on = None
    elif (
        vacancy.filled_by is not None
        and vacancy.filled_by.organisation_id not in VACANCY_EDITORS.organisations(by)
    ):
        raise ValidationError(_("Choose a participant of your own organisation."))
    if vacancy.status != VacancyStatus.OPEN:
        # Only open vacancies are shown publicly.
        vacancy.published = False


def _check_business(business: Business, by) -> None:
    if not businesses_for(by).filter(pk=business.pk).exists():
        # An employer entering a vacancy for another business: as if it did not exist.
        raise Http404


@transaction.atomic
def create_vacancy(business: Business, by, **values) -> Vacancy:
    _check_business(business, by)
    vacancy = Vacancy(
        business=business,
        entered_by=by,
        entered_by_business=not may_edit_any(by),
        **{key: value for key, value in values.items() if key in WRITABLE},
    )
    if vacancy.filled_by_id and vacancy.entered_by_business:
        raise ValidationError(_("Only programme staff record who filled a vacancy."))
    _validate(vacancy, by)
    vacancy.full_clean()
    vacancy.save()
    log_action(
        "economy.vacancy.created",
        by,
        vacancy,
        {"business": business.slug, "kind": vacancy.kind},
        organisation=business.organisation,
    )
    return vacancy


@transaction.atomic
def update_vacancy(vacancy: Vacancy, by, **values) -> Vacancy:
    values = {key: value for key, value in values.items() if key in WRITABLE}
    refilled = "filled_by" in values and values["filled_by"] != vacancy.filled_by
    if refilled and not may_edit_any(by):
        raise ValidationError(_("Only programme staff record who filled a vacancy."))
    changed = sorted(key for key, value in values.items() if getattr(vacancy, key) != value)
    for key, value in values.items():
        setattr(vacancy, key, value)
    if vacancy.status == VacancyStatus.FILLED and vacancy.filled_on is None:
        vacancy.filled_on = timezone.localdate()
    _validate(vacancy, by)
    vacancy.full_clean()
    vacancy.save()
    log_action(
        "economy.vacancy.changed",
        by,
        vacancy,
        {"fields": changed, "filled_by_participant": vacancy.filled_by_id is not None},
        organisation=vacancy.business.organisation,
    )
    return vacancy


@transaction.atomic
def set_skills(vacancy: Vacancy, by, skills: list[tuple[Concept, bool]]) -> None:
    """Replace the skills asked for: (ESCO skill concept, required) pairs."""
    seen = set()
    rows = []
    for concept, required in skills:
        if concept.kind != "skill":
            raise ValidationError(_("Choose a skill, not an occupation."))
        if concept.pk in seen:
            continue
        seen.add(concept.pk)
        rows.append(VacancySkill(vacancy=vacancy, concept=concept, required=bool(required)))
    vacancy.skills.all().delete()
    VacancySkill.objects.bulk_create(rows)
    # Matching's copies, selected by through a GIN index (see Vacancy.skill_ids).
    vacancy.skill_ids = [row.concept_id for row in rows if row.required]
    vacancy.optional_skill_ids = [row.concept_id for row in rows if not row.required]
    vacancy.save(update_fields=["skill_ids", "optional_skill_ids"])
    log_action(
        "economy.vacancy.skills_set",
        by,
        vacancy,
        {"skills": [row.concept.uri for row in rows]},
        organisation=vacancy.business.organisation,
    )


@transaction.atomic
def set_languages(vacancy: Vacancy, by, languages: list[tuple]) -> None:
    """Replace the languages asked for: (language code, CEFR level) pairs, or (language
    code, CEFR level, required) triples. Required is the default: matching then never
    proposes a person below the level; a language only welcome lowers the score."""
    rows = {}
    for code, level, *rest in languages:
        code = (code or "").strip().lower()
        if not code.isalpha() or not 2 <= len(code) <= 3:
            raise ValidationError(_("Enter a language code such as de or kmr."))
        if level not in LEVELS:
            raise ValidationError(_("Choose a CEFR level from A1 to C2, or native language."))
        required = bool(rest[0]) if rest else True
        rows[code] = VacancyLanguage(vacancy=vacancy, language=code, level=level, required=required)
    vacancy.languages.all().delete()
    VacancyLanguage.objects.bulk_create(rows.values())
    log_action(
        "economy.vacancy.languages_set",
        by,
        vacancy,
        {
            "languages": {code: row.level for code, row in rows.items()},
            "welcome_only": sorted(code for code, row in rows.items() if not row.required),
        },
        organisation=vacancy.business.organisation,
    )


def pay_text(vacancy: Vacancy) -> str:
    """The pay range as a short text, or "" when none is given."""

    def money(amount: Decimal) -> str:
        return f"{amount:.2f} €".replace(".00 €", " €")

    if vacancy.pay_min is not None and vacancy.pay_max is not None:
        amount = f"{money(vacancy.pay_min)} – {money(vacancy.pay_max)}"
    elif vacancy.pay_min is not None:
        amount = _("from %(amount)s") % {"amount": money(vacancy.pay_min)}
    elif vacancy.pay_max is not None:
        amount = _("up to %(amount)s") % {"amount": money(vacancy.pay_max)}
    else:
        return ""
    return f"{amount} {vacancy.get_pay_period_display()}".strip()
