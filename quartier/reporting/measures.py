"""The programme's own success measures, as named indicators computed live from the records.

The seed names nine "Erfolgsmaßstäbe" under three headings (strengthening the local
economy, more employment and training, social integration of migrants); the learning
place adds its own figures. Each is a ``Measure`` here: a slug, a title and the
definition its page shows (what is counted, rates with their numerator and denominator,
the records read, the breakdowns, and where the records cannot answer exactly).

``measure_tables(project, period, organisations, quarter)`` computes all of them as
``Table``s by SQL aggregates over the period, never from stored totals: a constant
number of queries (``QUERIES``) whatever the period or the size of the programme,
each one a conditional aggregation grouped by a breakdown.

Whose records count: people, cases, passports, offers and visits of ``organisations``
(the scope rule of ``scope.py``), in ``project`` where the record belongs to one.
The business register, its vacancies, premises, cooperation and training alliances are
shared by the whole programme and belong to no organisation: they are counted
programme-wide, and each definition says so.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import scopes_disabled

from quartier.competences.models import (
    Experience,
    InformalCompetence,
    Passport,
    ProfileSkill,
    Qualification,
    RecognitionStatus,
    ValidationStatus,
)
from quartier.counselling.models import Case, Contact, Referral, ReferralTarget
from quartier.economy.models import (
    AlliancePart,
    Cooperation,
    CooperationKind,
    House,
    Settlement,
    TrainingAlliance,
    TrainingStep,
    TrainingStepKind,
    Vacancy,
    VacancyKind,
    VacancyStatus,
)
from quartier.learning.models import (
    Attendance,
    Offer,
    OfferDate,
    OfferKind,
    Registration,
    RegistrationStatus,
    Visit,
    VisitKind,
)
from quartier.lib.languages import language_name
from quartier.people.models import Participant, Project
from quartier.places.models import Postcode, Quarter
from quartier.reporting.periods import Period
from quartier.reporting.tables import GENDER_COLUMNS, Row, Table, by_gender

# How many queries ``measure_tables`` makes, whatever the period or data size.
QUERIES = 18

GROUPS: list[tuple[str, str | Promise]] = [
    ("economy", _("Strengthening the local economy")),
    ("employment", _("More employment and training")),
    ("integration", _("Social integration of migrants")),
    ("learning", _("The learning place")),
]


@dataclass(frozen=True)
class Figure:
    """A row a measure always has: a count, or a share of two other rows."""

    code: str
    label: str | Promise
    numerator: str | None = None
    denominator: str | None = None

    @property
    def is_rate(self) -> bool:
        return self.numerator is not None


@dataclass(frozen=True)
class Measure:
    """A named success measure and the definition its page shows."""

    code: str
    group: str
    title: str | Promise
    summary: str | Promise
    counts: str | Promise
    sources: str | Promise
    breakdown: str | Promise
    figures: tuple[Figure, ...]
    limits: str | Promise = ""
    # The tables it computes: the first is keyed by ``code``, others by ``code-…``.
    tables: tuple[str, ...] = field(default=())

    @property
    def table_keys(self) -> tuple[str, ...]:
        return (self.code, *self.tables)

    def figure(self, code: str) -> Figure:
        return next(figure for figure in self.figures if figure.code == code)


SHARE = pgettext_lazy("rate", "Share")

MEASURES: list[Measure] = [
    Measure(
        code="new-settlements",
        group="economy",
        title=_("New settlements"),
        summary=_("Businesses that moved into premises of the quarter in the period."),
        counts=_(
            "Every move of a business into a unit of the premises register whose "
            "moving-in day lies in the period, once per move. Those new to the quarter had "
            "no premises here before; those supported were advised or helped to move by "
            "the programme."
        ),
        sources=_("Premises register: houses, units and settlements (economy)."),
        breakdown=_(
            "By the block the house belongs to (such as a block being renewed), and "
            "elsewhere in the quarter; with a total."
        ),
        limits=_(
            "The premises register is shared by the whole programme: settlements are "
            "counted programme-wide, not per organisation."
        ),
        figures=(
            Figure("settlements", _("Businesses moving into premises")),
            Figure("settlements-new", _("of which new to the quarter")),
            Figure("settlements-supported", _("of which supported by the programme")),
        ),
    ),
    Measure(
        code="qualified-applicants",
        group="economy",
        title=_("Qualified applicants"),
        summary=_(
            "Participants with a recognised or validated qualification who applied for "
            "a job or training place."
        ),
        counts=_(
            "Participants of the project who, in the period, were referred to a vacancy "
            "or training place or took one up; and of them, those with at least one "
            "qualification that is partly or fully recognised, or partly or fully "
            "validated (for people without papers)."
        ),
        sources=_(
            "Referrals of counselling cases, filled vacancies, and the qualifications of "
            "competence profiles."
        ),
        breakdown=_("Women, men, non-binary, no answer, total; each person once."),
        limits=_(
            "Quartier records no job applications as such: an application is counted "
            "where a referral to a vacancy or training place was recorded or the person "
            "took one up. Recognition and validation count as they stand today; the "
            "records keep no history of them."
        ),
        figures=(
            Figure("applicants", _("Participants who applied")),
            Figure(
                "qualified-applicants",
                _("of whom with a recognised or validated qualification"),
            ),
            Figure("qualified-share", SHARE, "qualified-applicants", "applicants"),
        ),
    ),
    Measure(
        code="business-cooperation",
        group="economy",
        title=_("Cooperation between businesses"),
        summary=_("Cooperation relations between businesses of the quarter."),
        counts=_(
            "Relations between two businesses that began in the period, and those active "
            "at any time in it (begun before its end, not ended before its start). Also "
            "the active relations between a business and one of the counted organisations."
        ),
        sources=_("Cooperation network (economy)."),
        breakdown=_("By kind of cooperation, with a total."),
        limits=_(
            "Relations between businesses are shared by the whole programme and counted "
            "programme-wide; only the relations with organisations follow the "
            "organisations counted."
        ),
        figures=(
            Figure("started", _("Relations between businesses begun")),
            Figure("active", _("Relations between businesses active")),
            Figure("with-organisations", _("Relations of businesses with the organisations")),
        ),
    ),
    Measure(
        code="new-jobs",
        group="employment",
        title=_("New jobs and training places"),
        summary=_("Vacancies and training places filled in the period."),
        counts=_(
            "Vacancies and training places of the businesses whose status is filled and "
            "whose filling day lies in the period, by kind; whether a participant of the "
            "counted organisations filled them, or someone else."
        ),
        sources=_("Vacancies and training places (economy), and who filled them."),
        breakdown=_(
            "By kind of place (rows) and by who filled it (columns), with totals; each place once."
        ),
        limits=_(
            "Vacancies are shared by the whole programme and counted programme-wide. "
            "A place filled without naming the person counts under “by others”."
        ),
        figures=(Figure("filled", _("Places filled")),),
    ),
    Measure(
        code="suitable-occupations",
        group="employment",
        title=_("Suitable occupations"),
        summary=_("Placements in an occupation that matches the person's competence profile."),
        counts=_(
            "Participants who took up a vacancy or training place in the period, and of "
            "them those whose place is in an occupation (ESCO) their competence profile "
            "names: as a skill or occupation, as the occupation of an experience, or as "
            "the reference occupation of a qualification."
        ),
        sources=_("Filled vacancies and competence profiles."),
        breakdown=_("Women, men, non-binary, no answer, total; each person once."),
        limits=_(
            "A place without a recorded occupation cannot be judged; it is counted "
            "separately. Work found outside the recorded vacancies names no occupation "
            "and is not counted here."
        ),
        figures=(
            Figure("placed", _("Participants who took up a place")),
            Figure("matching", _("of whom in an occupation of their profile")),
            Figure("no-occupation", _("of whom in a place without a recorded occupation")),
            Figure("matching-share", SHARE, "matching", "placed"),
        ),
    ),
    Measure(
        code="training-alliances",
        group="employment",
        title=_("Training alliances"),
        summary=_(
            "Joint training of apprentices by several businesses, and new training companies."
        ),
        counts=_(
            "Training alliances begun in the period and those running in it, the "
            "businesses taking part in the running ones (each once), and the steps of "
            "businesses towards training reached in the period."
        ),
        sources=_("Training alliances and the training path of businesses (economy)."),
        breakdown=_("Totals only."),
        limits=_(
            "Training alliances and the training path are shared by the whole programme "
            "and counted programme-wide."
        ),
        figures=(
            Figure("alliances-started", _("Training alliances begun")),
            Figure("alliances-active", _("Training alliances running")),
            Figure("alliance-businesses", _("Businesses in running training alliances")),
            Figure("trainer-qualified", _("Businesses whose trainer qualified (AEVO)")),
            Figure("training-approved", _("Businesses approved as training companies")),
            Figure("first-apprentice", _("Businesses whose first apprentice started")),
        ),
    ),
    Measure(
        code="counselling-towards-work",
        group="integration",
        title=_("Counselling towards work"),
        summary=_("Counselling of participants on their way to work, and in which languages."),
        counts=_(
            "Participants counselled in the period (at least one counselling contact), "
            "cases opened in it, the counselling contacts, and how many of them were held "
            "with an interpreter; the contacts by the language used."
        ),
        sources=_("Cases and counselling contacts (counselling)."),
        breakdown=_(
            "Women, men, non-binary, no answer, total; the languages in a second table, "
            "with and without an interpreter."
        ),
        figures=(
            Figure("counselled", _("Participants counselled")),
            Figure("cases-opened", _("Cases opened")),
            Figure("contacts", _("Counselling contacts")),
            Figure("contacts-interpreter", _("of which with an interpreter")),
            Figure("interpreter-share", SHARE, "contacts-interpreter", "contacts"),
        ),
        tables=("counselling-towards-work-languages",),
    ),
    Measure(
        code="competences-identified",
        group="integration",
        title=_("Specific competences identified"),
        summary=_("Degrees, skills and informal competences taken stock of, and passports issued."),
        counts=_(
            "Participants for whom, in the period, a skill or occupation (ESCO), an "
            "informal competence or a qualification was recorded in the competence "
            "profile, or a competence passport was issued; and the passports issued."
        ),
        sources=_("Competence profiles and competence passports (competences)."),
        breakdown=_("Women, men, non-binary, no answer, total; each person once per row."),
        limits=_("A passport that could not be made is not counted."),
        figures=(
            Figure("skills", _("Participants with skills recorded")),
            Figure("informal", _("Participants with informal competences recorded")),
            Figure("qualifications", _("Participants with qualifications recorded")),
            Figure("passport-holders", _("Participants issued a competence passport")),
            Figure("passports", _("Competence passports issued")),
        ),
    ),
    Measure(
        code="intercultural-encounters",
        group="integration",
        title=_("Intercultural encounters"),
        summary=_("Neighbourhood tables and quarter events held, who came, in which languages."),
        counts=_(
            "Neighbourhood tables and quarter events of the counted organisations with a "
            "date in the period: the offers, the dates held (not cancelled), and the "
            "people checked in as present; the dates by language of the offer."
        ),
        sources=_("Offers, their dates and attendance (learning)."),
        breakdown=_(
            "By kind of offer, with a total; the languages in a second table, where an "
            "offer in two languages counts under each."
        ),
        limits=_("People who came without registering are counted only where checked in."),
        figures=(
            Figure("offers", _("Offers with a date in the period")),
            Figure("dates", _("Dates held")),
            Figure("present", _("Present at the dates")),
        ),
        tables=("intercultural-encounters-languages",),
    ),
    Measure(
        code="learning-offers",
        group="learning",
        title=_("Offers of the learning place"),
        summary=_("Offers, places, registrations, waiting lists and the attendance rate."),
        counts=_(
            "Offers of the counted organisations with a date in the period, their dates "
            "held and places; registrations made in the period and those of them still "
            "on a waiting list; at the dates held so far, the expected attendances "
            "(confirmed registrations times dates) and those checked in as present."
        ),
        sources=_("Offers, dates, registrations and attendance (learning)."),
        breakdown=_("By kind of offer, with a total."),
        limits=_(
            "Places count the offers with a limit; offers without one are counted "
            "separately. The waiting list is counted as it stands today."
        ),
        figures=(
            Figure("offers", _("Offers with a date in the period")),
            Figure("dates", _("Dates held")),
            Figure("places", _("Places")),
            Figure("unlimited", _("Offers without a limit of places")),
            Figure("registrations", _("Registrations")),
            Figure("waiting", _("of which on the waiting list")),
            Figure("expected", _("Expected attendances")),
            Figure("present", _("Present")),
            Figure("attendance-rate", _("Attendance rate"), "present", "expected"),
        ),
    ),
    Measure(
        code="learning-place-visits",
        group="learning",
        title=_("Visits to the learning place"),
        summary=_("People who came to the learning place and the contact points."),
        counts=_(
            "The people recorded as visiting a contact point of the counted organisations "
            "in the period (a group counts with its number of people), by kind of visit; "
            "and the visits recorded."
        ),
        sources=_("Visits (learning)."),
        breakdown=_("By contact point (such as the Lerneck), with a total."),
        figures=(
            Figure("people", _("People who came")),
            Figure("visits", _("Visits recorded")),
        ),
    ),
]

BY_CODE = {measure.code: measure for measure in MEASURES}


def measures_by_group() -> list[tuple[str, str | Promise, list[Measure]]]:
    return [
        (code, label, [measure for measure in MEASURES if measure.group == code])
        for code, label in GROUPS
    ]


# -- Computing ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    project: Project
    period: Period
    organisations: list[int]
    quarter: int | None
    # "So far" for every measure of one computation.
    now: datetime = field(default_factory=timezone.now)

    @property
    def start(self) -> datetime:
        return _midnight(self.period.start)

    @property
    def end(self) -> datetime:
        """The first moment after the period (exclusive)."""
        return _midnight(self.period.end + timedelta(days=1))

    def days(self, path: str) -> Q:
        return Q(**{f"{path}__gte": self.period.start, f"{path}__lte": self.period.end})

    def moments(self, path: str) -> Q:
        return Q(**{f"{path}__gte": self.start, f"{path}__lt": self.end})

    def people(self, path: str = "") -> Q:
        """Participants of the project held by the organisations (and in the quarter)."""
        prefix = f"{path}__" if path else ""
        q = Q(**{f"{prefix}project": self.project, f"{prefix}organisation__in": self.organisations})
        if self.quarter is not None:
            q &= Q(**{f"{prefix}quarter": self.quarter})
        return q

    def business_quarter(self, path: str) -> Q:
        if self.quarter is None:
            return Q()
        return Q(**{f"{path}__neighbourhood__quarter": self.quarter})

    def postcodes(self):
        return Postcode.objects.filter(neighbourhood__quarter=self.quarter).values("code")


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def measure_tables(
    project: Project,
    period: Period,
    organisations: list[int],
    quarter: Quarter | int | None = None,
) -> list[Table]:
    """Every measure's tables for ``period``, counting the records of ``organisations``.

    ``QUERIES`` queries whatever the period or data size. Reads across organisations
    (the caller decided whose records count), so the scoped managers are lifted here.
    """
    if isinstance(quarter, Quarter):
        quarter = quarter.pk
    scope = _Scope(project, period, list(organisations), quarter)
    with scopes_disabled():
        people = _per_person(scope)
        present = _present(scope)
        return [
            _settlements(scope),
            _qualified_applicants(people),
            _cooperation(scope),
            _new_jobs(scope),
            _suitable_occupations(scope),
            _training_alliances(scope),
            *_counselling(scope, people),
            _competences(scope, people),
            *_encounters(scope, present),
            _learning_offers(scope, present),
            _visits(scope),
        ]


def _per_person(scope: _Scope) -> dict[str, dict]:
    """Every "participants who …" row of every measure, by gender, in one pass.

    Each condition is a subquery that does not depend on the row (``pk IN (SELECT …)``),
    which PostgreSQL hashes once per query, rather than a correlated ``EXISTS`` that it
    would run again for each of the project's participants. Whether a person applied
    is grouped by, so that it is decided once per person for both rows that need it.
    """
    # The cases with a contact in the period: the contacts are read from their index
    # by date (``contact_date_case``), each case looked up once.
    counselled = Case.objects.filter(
        organisation__in=scope.organisations,
        pk__in=Contact.objects.filter(scope.days("date")).values("case"),
    ).values("participant")
    referred = Referral.objects.filter(
        scope.days("date"),
        case__organisation__in=scope.organisations,
        target=ReferralTarget.VACANCY,
    ).values("case__participant")
    placed = Vacancy.objects.filter(
        scope.days("filled_on"), status=VacancyStatus.FILLED, filled_by__isnull=False
    ).values("filled_by")
    recognised = Qualification.objects.filter(
        Q(recognition_status__in=[RecognitionStatus.PARTIAL, RecognitionStatus.FULL])
        | Q(
            validation_status__in=[
                ValidationStatus.PARTIALLY_VALIDATED,
                ValidationStatus.FULLY_VALIDATED,
            ]
        )
    ).values("profile__participant")
    recorded: dict[str, type[ProfileSkill | InformalCompetence | Qualification]] = {
        "skills": ProfileSkill,
        "informal": InformalCompetence,
        "qualifications": Qualification,
    }
    passports = Passport.objects.filter(
        _issued(scope), organisation__in=scope.organisations
    ).values("participant")
    applied = Q(pk__in=referred) | Q(pk__in=placed)
    found: dict[str, dict] = {}
    # The annotations are named by code, not by literals the stubs can check.
    groups: Iterable[Mapping[str, Any]] = (
        Participant.objects.filter(scope.people())
        .order_by()
        .values(
            "gender",
            applied=ExpressionWrapper(applied, output_field=BooleanField()),
        )
        .annotate(
            recognised=Count("pk", filter=Q(pk__in=recognised)),
            counselled=Count("pk", filter=Q(pk__in=counselled)),
            **{
                code: Count(
                    "pk",
                    filter=Q(
                        pk__in=model.objects.filter(scope.moments("created_at")).values(
                            "profile__participant"
                        )
                    ),
                )
                for code, model in recorded.items()
            },
            **{"passport-holders": Count("pk", filter=Q(pk__in=passports))},
            n=Count("pk"),
        )
    )
    for group in groups:
        gender = group["gender"]
        numbers = {code: group[code] for code in PER_PERSON}
        numbers["applicants"] = group["n"] if group["applied"] else 0
        numbers["qualified-applicants"] = group["recognised"] if group["applied"] else 0
        for code, number in numbers.items():
            cells = found.setdefault(code, {})
            cells[gender] = cells.get(gender, 0) + number
    return {
        code: found.get(code, {}) for code in ("applicants", "qualified-applicants", *PER_PERSON)
    }


# The rows of ``_per_person`` counted as they are (the applicants' two are grouped).
PER_PERSON = ("counselled", "skills", "informal", "qualifications", "passport-holders")


def _issued(scope: _Scope) -> Q:
    """Passports issued in the period; one that could not be made does not count."""
    return scope.moments("issued_at") & ~Q(status=Passport.Status.FAILED)


def _grouped(queryset: QuerySet, group: str, **aggregates) -> dict[str, dict]:
    """``{aggregate: {group value: number}}`` from one grouped query."""
    found: dict[str, dict] = {name: {} for name in aggregates}
    for row in queryset.order_by().values(group).annotate(**aggregates):
        for name in aggregates:
            found[name][row[group]] = row[name] or 0
    return found


def _gender_rows(measure: Measure, counts: dict[str, dict]) -> list[Row]:
    rows = []
    for figure in measure.figures:
        if figure.is_rate:
            rows.append(_rate(figure))
        else:
            rows.append(Row(figure.code, figure.label, by_gender(counts[figure.code])))
    return rows


def _rate(figure: Figure) -> Row:
    """A share: no cells of its own, shown from the (disclosed) rows it divides."""
    return Row(figure.code, figure.label, {}, figure.numerator, figure.denominator)


def _table(measure: Measure, columns, rows, **extra) -> Table:
    return Table(measure.code, measure.title, columns, rows, description=measure.summary, **extra)


def _with_total(cells: dict[str, int]) -> dict[str, int]:
    return {**cells, "total": sum(cells.values())}


NUMBER: list[tuple[str, str | Promise]] = [("total", _("Number"))]


def _choice_columns(choices) -> list[tuple[str, str | Promise]]:
    return [*[(value, label) for value, label in choices], ("total", _("Total"))]


def _by_choice(choices, counts: dict) -> dict[str, int]:
    return _with_total({value: int(counts.get(value, 0)) for value, _label in choices})


# -- Strengthening the local economy ------------------------------------------------


def _settlements(scope: _Scope) -> Table:
    measure = BY_CODE["new-settlements"]
    # the blocks of the register, so that a block without a move still shows.
    blocks = list(
        House.objects.exclude(block="").order_by("block").values_list("block", flat=True).distinct()
    )
    settlements = Settlement.objects.filter(scope.days("date"))
    if scope.quarter is not None:
        settlements = settlements.filter(unit__house__postcode__in=scope.postcodes())
    # every row by block.
    counts = _grouped(
        settlements,
        "unit__house__block",
        settlements=Count("pk"),
        **{"settlements-new": Count("pk", filter=Q(new_to_quarter=True))},
        **{"settlements-supported": Count("pk", filter=Q(supported=True))},
    )
    columns: list[tuple[str, str | Promise]] = []
    keys: dict[str, str] = {}
    for block in blocks:
        key = f"block-{slugify(block) or len(keys)}"
        while key in keys.values():
            key += "-"
        keys[block] = key
        columns.append((key, block))
    columns += [("no-block", _("Elsewhere in the quarter")), ("total", _("Total"))]
    rows = []
    for figure in measure.figures:
        by_block = counts[figure.code]
        cells = {key: int(by_block.get(block, 0)) for block, key in keys.items()}
        cells["no-block"] = int(by_block.get("", 0))
        rows.append(Row(figure.code, figure.label, _with_total(cells)))
    return _table(measure, columns, rows)


def _qualified_applicants(people: dict[str, dict]) -> Table:
    measure = BY_CODE["qualified-applicants"]
    return _table(measure, GENDER_COLUMNS, _gender_rows(measure, people))


def _cooperation(scope: _Scope) -> Table:
    measure = BY_CODE["business-cooperation"]
    active = Q(since__lte=scope.period.end) & (
        Q(until__isnull=True) | Q(until__gte=scope.period.start)
    )
    businesses = Q(business_a__isnull=False, business_b__isnull=False)
    with_organisations = Q(business_a__isnull=False, organisation_b__in=scope.organisations) | Q(
        organisation_a__in=scope.organisations, business_b__isnull=False
    )
    cooperations = Cooperation.objects.all()
    if scope.quarter is not None:
        cooperations = cooperations.filter(
            scope.business_quarter("business_a") | scope.business_quarter("business_b")
        )
    counts = _grouped(
        cooperations,
        "kind",
        started=Count("pk", filter=businesses & scope.days("since")),
        active=Count("pk", filter=businesses & active),
        **{"with-organisations": Count("pk", filter=with_organisations & active)},
    )
    rows = [
        Row(figure.code, figure.label, _by_choice(CooperationKind.choices, counts[figure.code]))
        for figure in measure.figures
    ]
    return _table(measure, _choice_columns(CooperationKind.choices), rows)


# -- More employment and training ----------------------------------------------------


def _new_jobs(scope: _Scope) -> Table:
    measure = BY_CODE["new-jobs"]
    filled = Vacancy.objects.filter(scope.days("filled_on"), status=VacancyStatus.FILLED).filter(
        scope.business_quarter("business")
    )
    counts = _grouped(
        filled,
        "kind",
        everyone=Count("pk"),
        participants=Count("pk", filter=scope.people("filled_by")),
    )
    columns = [
        ("participants", _("By participants")),
        ("others", _("By others")),
        ("total", _("Total")),
    ]
    rows = []
    for kind, label in VacancyKind.choices:
        ours = int(counts["participants"].get(kind, 0))
        everyone = int(counts["everyone"].get(kind, 0))
        rows.append(
            Row(kind, label, {"participants": ours, "others": everyone - ours, "total": everyone})
        )
    total = {
        column: sum(row.cells[column] for row in rows) for column in ("participants", "others")
    }
    rows.append(Row("filled", measure.figure("filled").label, _with_total(total)))
    return _table(measure, columns, rows, sums={"filled": list(VacancyKind.values)})


def _suitable_occupations(scope: _Scope) -> Table:
    measure = BY_CODE["suitable-occupations"]
    person, occupation = OuterRef("filled_by"), OuterRef("occupation")
    placements = (
        Vacancy.objects.filter(scope.days("filled_on"), status=VacancyStatus.FILLED)
        .filter(scope.people("filled_by"))
        .annotate(
            by_skill=Exists(
                ProfileSkill.objects.filter(profile__participant=person, concept=occupation)
            ),
            by_experience=Exists(
                Experience.objects.filter(profile__participant=person, occupation=occupation)
            ),
            by_qualification=Exists(
                Qualification.objects.filter(
                    profile__participant=person, reference_occupation=occupation
                )
            ),
        )
    )
    matching = Q(by_skill=True) | Q(by_experience=True) | Q(by_qualification=True)
    counts = _grouped(
        placements,
        "filled_by__gender",
        placed=Count("filled_by", distinct=True),
        matching=Count("filled_by", distinct=True, filter=matching),
        **{"no-occupation": Count("filled_by", distinct=True, filter=Q(occupation__isnull=True))},
    )
    return _table(measure, GENDER_COLUMNS, _gender_rows(measure, counts))


def _training_alliances(scope: _Scope) -> Table:
    measure = BY_CODE["training-alliances"]
    running = Q(start__lte=scope.period.end) & (
        Q(end__isnull=True) | Q(end__gte=scope.period.start)
    )
    alliances = TrainingAlliance.objects.filter(scope.business_quarter("lead_business")).aggregate(
        started=Count("pk", filter=scope.days("start")),
        running=Count("pk", filter=running),
    )
    # every business once, however many alliances it is part of (the lead is
    # a part too).
    parts = AlliancePart.objects.filter(
        Q(alliance__start__lte=scope.period.end)
        & (Q(alliance__end__isnull=True) | Q(alliance__end__gte=scope.period.start))
    ).filter(scope.business_quarter("business"))
    businesses = parts.aggregate(n=Count("business", distinct=True))["n"]
    steps = TrainingStep.objects.filter(scope.days("date")).filter(
        scope.business_quarter("business")
    )
    counted_steps = steps.aggregate(
        **{
            kind: Count("business", distinct=True, filter=Q(kind=kind))
            for kind in (
                TrainingStepKind.TRAINER_QUALIFIED,
                TrainingStepKind.CHAMBER_APPROVED,
                TrainingStepKind.FIRST_APPRENTICE,
            )
        }
    )
    numbers = {
        "alliances-started": alliances["started"],
        "alliances-active": alliances["running"],
        "alliance-businesses": businesses,
        "trainer-qualified": counted_steps[TrainingStepKind.TRAINER_QUALIFIED],
        "training-approved": counted_steps[TrainingStepKind.CHAMBER_APPROVED],
        "first-apprentice": counted_steps[TrainingStepKind.FIRST_APPRENTICE],
    }
    rows = [
        Row(figure.code, figure.label, {"total": int(numbers[figure.code] or 0)})
        for figure in measure.figures
    ]
    return _table(measure, NUMBER, rows, total_column=None)


# -- Social integration of migrants ---------------------------------------------------


def _counselling(scope: _Scope, people: dict[str, dict]) -> list[Table]:
    measure = BY_CODE["counselling-towards-work"]
    contacts = Contact.objects.filter(
        scope.days("date"),
        scope.people("case__participant"),
        case__organisation__in=scope.organisations,
    )
    # One pass over the contacts for both tables: by gender and language at once,
    # counting a column of their index (``contact_date_case``) so that it is read alone.
    counts: dict[str, dict] = {"contacts": {}, "contacts-interpreter": {}}
    languages: dict[str, dict[str, int]] = {}
    for row in (
        contacts.order_by()
        .values("case__participant__gender", "language")
        .annotate(n=Count("case"), interpreted=Count("case", filter=Q(interpreter=True)))
    ):
        gender, code = row["case__participant__gender"], row["language"]
        for key, number in (("contacts", row["n"]), ("contacts-interpreter", row["interpreted"])):
            counts[key][gender] = counts[key].get(gender, 0) + number
        cells = languages.setdefault(code, {"without": 0, "interpreter": 0})
        cells["without"] += row["n"] - row["interpreted"]
        cells["interpreter"] += row["interpreted"]
    cases = Case.objects.filter(
        scope.days("opened_on"),
        scope.people("participant"),
        organisation__in=scope.organisations,
    )
    counts.update(_grouped(cases, "participant__gender", **{"cases-opened": Count("participant")}))
    counts["counselled"] = people["counselled"]
    by_gender = _table(measure, GENDER_COLUMNS, _gender_rows(measure, counts))

    rows = [Row(code, language_name(code), _with_total(cells)) for code, cells in languages.items()]
    rows.sort(key=lambda row: (-row.cells["total"], row.code))
    by_language = Table(
        measure.tables[0],
        _("Counselling contacts by language"),
        [
            ("without", _("Without an interpreter")),
            ("interpreter", _("With an interpreter")),
            ("total", _("Total")),
        ],
        rows,
        description=_("The language each counselling contact was held in."),
    )
    return [by_gender, by_language]


def _competences(scope: _Scope, people: dict[str, dict]) -> Table:
    measure = BY_CODE["competences-identified"]
    passports = Passport.objects.filter(
        _issued(scope), scope.people("participant"), organisation__in=scope.organisations
    )
    counts = dict(people)
    counts.update(_grouped(passports, "participant__gender", passports=Count("pk")))
    return _table(measure, GENDER_COLUMNS, _gender_rows(measure, counts))


ENCOUNTER_KINDS = [
    (OfferKind.TABLE.value, OfferKind.TABLE.label),
    (OfferKind.EVENT.value, OfferKind.EVENT.label),
]


def _held_dates(scope: _Scope, kinds: list[str] | None = None) -> QuerySet:
    """The dates of the organisations' offers in the period that were not cancelled."""
    dates = OfferDate.objects.filter(
        scope.moments("starts_at"), offer__organisation__in=scope.organisations, cancelled=False
    )
    if kinds is not None:
        dates = dates.filter(offer__kind__in=kinds)
    if scope.quarter is not None:
        dates = dates.filter(offer__quarter=scope.quarter)
    return dates


def _present(scope: _Scope) -> dict[str, dict]:
    """Those checked in as present at the dates of the period, by kind of offer, in one
    pass for both measures that count them: ``all`` (the encounters) and
    ``confirmed-so-far``, at dates held so far with a confirmed registration (the
    learning place's attendance rate).

    The attendances are read from their index (``attendance_present``) alone, counting
    a column of it rather than the key; whether the registration is confirmed is asked
    of the few that are not (waiting or cancelled, hashed once) instead of joining every
    registration.
    """
    present = Attendance.objects.filter(date__in=_held_dates(scope).values("pk"), present=True)
    unconfirmed = Registration.objects.exclude(status=RegistrationStatus.CONFIRMED).values("pk")
    return _grouped(
        present,
        "date__offer__kind",
        all=Count("registration"),
        **{
            "confirmed-so-far": Count(
                "registration",
                filter=Q(date__starts_at__lt=scope.now) & ~Q(registration__in=unconfirmed),
            )
        },
    )


def _encounters(scope: _Scope, present: dict[str, dict]) -> list[Table]:
    measure = BY_CODE["intercultural-encounters"]
    kinds = [kind for kind, _label in ENCOUNTER_KINDS]
    dates = _held_dates(scope, kinds)
    counts = _grouped(dates, "offer__kind", offers=Count("offer", distinct=True), dates=Count("pk"))
    counts["present"] = present["all"]
    rows = [
        Row(figure.code, figure.label, _by_choice(ENCOUNTER_KINDS, counts[figure.code]))
        for figure in measure.figures
    ]
    by_kind = _table(measure, _choice_columns(ENCOUNTER_KINDS), rows)

    # dates by the offer's languages (a list per offer; split here).
    per_language: dict[str, int] = {}
    for languages, number in (
        dates.order_by()
        .values("offer__languages")
        .annotate(n=Count("pk"))
        .values_list("offer__languages", "n")
    ):
        for code in languages or []:
            per_language[code] = per_language.get(code, 0) + number
    language_rows = [
        Row(code, language_name(code), {"total": number})
        for code, number in sorted(per_language.items(), key=lambda item: (-item[1], item[0]))
    ]
    by_language = Table(
        measure.tables[0],
        _("Encounters by language"),
        [("total", _("Dates held"))],
        language_rows,
        total_column=None,
        description=_("An offer in two languages counts under each."),
    )
    return [by_kind, by_language]


# -- The learning place ----------------------------------------------------------------


def _learning_offers(scope: _Scope, present: dict[str, dict]) -> Table:
    measure = BY_CODE["learning-offers"]
    dates = _held_dates(scope)
    held = dates.filter(starts_at__lt=scope.now)

    def per_offer(queryset: QuerySet) -> Subquery:
        """A count per offer, looked up by the offer's index for each of the period's
        offers. ``COUNT(*)``, not of the key: the confirmed registrations are counted in
        their index (``registration_offer_status``) without reading the table."""
        return Subquery(
            queryset.filter(offer=OuterRef("pk"))
            .order_by()
            .values("offer")
            .annotate(n=Count("*"))
            .values("n")
        )

    # One row per offer with a date in the period: expected attendances are its dates
    # held so far times its confirmed registrations, multiplied here and summed by kind.
    counts: dict[str, dict] = {
        code: {} for code in ("offers", "places", "unlimited", "dates", "expected")
    }
    for kind, capacity, in_period, so_far, confirmed in (
        Offer.objects.filter(pk__in=dates.values("offer"))
        .order_by()
        .annotate(
            in_period=per_offer(dates),
            so_far=per_offer(held),
            confirmed=per_offer(Registration.objects.filter(status=RegistrationStatus.CONFIRMED)),
        )
        .values_list("kind", "capacity", "in_period", "so_far", "confirmed")
    ):
        for code, number in (
            ("offers", 1),
            ("places", capacity or 0),
            ("unlimited", int(capacity is None)),
            ("dates", in_period or 0),
            ("expected", (so_far or 0) * (confirmed or 0)),
        ):
            counts[code][kind] = counts[code].get(kind, 0) + number
    registrations = Registration.objects.filter(
        scope.moments("registered_at"), offer__organisation__in=scope.organisations
    ).exclude(status=RegistrationStatus.CANCELLED)
    if scope.quarter is not None:
        registrations = registrations.filter(offer__quarter=scope.quarter)
    counts.update(
        _grouped(
            registrations,
            "offer__kind",
            # of a column of the index ``registration_made``, read alone.
            registrations=Count("offer"),
            waiting=Count("offer", filter=Q(status=RegistrationStatus.WAITING)),
        )
    )
    counts["present"] = present["confirmed-so-far"]
    rows = [
        _rate(figure)
        if figure.is_rate
        else Row(figure.code, figure.label, _by_choice(OfferKind.choices, counts[figure.code]))
        for figure in measure.figures
    ]
    return _table(measure, _choice_columns(OfferKind.choices), rows)


def _visits(scope: _Scope) -> Table:
    measure = BY_CODE["learning-place-visits"]
    visits = Visit.objects.filter(scope.moments("at"), organisation__in=scope.organisations)
    if scope.quarter is not None:
        visits = visits.filter(contact_point__postcode__in=scope.postcodes())
    points: dict[str, str] = {}
    people: dict[tuple[str, str], int] = {}
    recorded: dict[str, int] = {}
    for row in (
        visits.order_by()
        .values("contact_point__slug", "contact_point__name", "kind")
        .annotate(n=Sum("people"), visits=Count("pk"))
    ):
        slug = row["contact_point__slug"]
        points[slug] = row["contact_point__name"]
        people[(row["kind"], slug)] = row["n"]
        recorded[slug] = recorded.get(slug, 0) + row["visits"]
    order = sorted(points, key=lambda slug: (points[slug].casefold(), slug))
    columns = [*[(slug, points[slug]) for slug in order], ("total", _("Total"))]
    rows = [
        Row(kind, label, _with_total({slug: people.get((kind, slug), 0) for slug in order}))
        for kind, label in VisitKind.choices
    ]
    rows.append(
        Row(
            "people",
            measure.figure("people").label,
            _with_total(
                {
                    slug: sum(people.get((kind, slug), 0) for kind in VisitKind.values)
                    for slug in order
                }
            ),
        )
    )
    rows.append(
        Row(
            "visits",
            measure.figure("visits").label,
            _with_total({slug: recorded.get(slug, 0) for slug in order}),
        )
    )
    return _table(measure, columns, rows, sums={"people": list(VisitKind.values)})
