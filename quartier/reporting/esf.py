"""The ESF+ common indicators (Regulation (EU) 2021/1057, Annex I), live from the records.

Codes as the SFC2021 system numbers them. Every figure is computed here by SQL
aggregates, never stored, by gender (``GENDER_COLUMNS``), in a constant number of
queries whatever the period or the data size: one for the outputs, one for the
results on leaving, one for the follow-ups, one for the supported businesses.

What counts, decided here once:

* **Outputs (EECO01–EECO17)** as of the day of entry: a person counts in the period
  whose ``EntryData.entry_date`` lies in it, with age from the birth date at entry.
  Only records with complete entry data (``people.entry.COMPLETE``) are ESF+
  participants; the others are counted in the row "Entered" only, and in a row of
  their own ("entry data not yet complete"), in no breakdown, and listed for
  correction (``incomplete_records``). So ``entered = EECO01 + incomplete`` and
  ``EECO01 = EECO02 + EECO04 + EECO05 = EECO09 + EECO10 + EECO11``.
* **EECO03** long-term unemployed: unemployed for more than 12 months (365 days)
  before entry (``EntryData.is_long_term_unemployed``).
* **EECO13** third-country nationals: a citizenship recorded and none of an EU member
  state (stateless people, recorded as ``XX``, count); a person with no citizenship
  recorded gave no answer and is not counted, as the funder's file writes ``x``.
* **EECO17** from rural areas: the site pack's quarters are parts of a city (Leipzig,
  degree of urbanisation 1) and the record holds no rural residence, so it is 0.
  A site pack for a rural area would need a mark on its quarters first.
* **EECO18** supported public administrations or services: the programme supports
  residents and businesses, and Quartier records no support of a public body, so it is 0.
* **EECO19** supported micro, small and medium-sized enterprises: businesses advised on
  site (``economy.Consultation``) in the period by a counted organisation, each business
  once, unless its size class is "large". Entities have no gender: one column.
* **Results on leaving (EECR01–EECR04)** from ``counselling.Exit`` (the situation within
  four weeks after the exit, one choice, so job searching and employment exclude each
  other; EECR03 is the qualification gained): exits dated in the period. A person with
  two exits in the period counts once, with the last (latest exit date, then the one
  recorded last).
* **Longer-term results (EECR05, EECR06)** from ``counselling.FollowUp``: follow-ups done
  whose six-month date (``due_on``) lies in the period, the last per person. EECR06 is
  asked only of people employed at entry.

Results count participants with complete entry data only, as the outputs do.

Disability and minority are read as aggregates only; nothing here lists a person with
them. The reads cross organisations (``reporting.scope`` says whose), so the scoped
managers are switched off inside the aggregate functions only, each query filtered
explicitly by ``organisation__in``.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    Field,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, ExtractDay, ExtractMonth, ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from quartier.counselling.models import Exit, ExitSituation, FollowUp, Improvement
from quartier.economy.models import Consultation, SizeClass
from quartier.people.entry import COMPLETE
from quartier.people.models import (
    EU_COUNTRIES,
    LONG_TERM_UNEMPLOYED,
    Answer,
    EmploymentStatus,
    EntryData,
    Isced,
    Participant,
    Project,
)
from quartier.reporting.periods import Period
from quartier.reporting.tables import GENDER_COLUMNS, Row, Table, by_gender

# How many queries ``esf_tables`` makes, whatever the period or data size.
QUERIES = 4

GENDERS = [code for code, _label in GENDER_COLUMNS if code != "total"]

OUTPUT_LABELS = {
    "entered": _("Entered (all records)"),
    "incomplete": _("of which entry data not yet complete"),
    "EECO01": _("Total number of participants"),
    "EECO02": _("Unemployed, including long-term unemployed"),
    "EECO03": _("Long-term unemployed"),
    "EECO04": _("Inactive"),
    "EECO05": _("Employed, including self-employed"),
    "EECO06": _("Below 18 years of age"),
    "EECO07": _("18–29 years of age"),
    "EECO08": _("55 years of age and above"),
    "EECO09": _("With lower secondary education or less (ISCED 0–2)"),
    "EECO10": _("With upper secondary or post-secondary education (ISCED 3–4)"),
    "EECO11": _("With tertiary education (ISCED 5–8)"),
    "EECO12": _("Participants with disabilities"),
    "EECO13": _("Third-country nationals"),
    "EECO14": _("Participants with a foreign background"),
    "EECO15": _("Minorities (including marginalised communities such as the Roma)"),
    "EECO16": _("Homeless or affected by housing exclusion"),
    "EECO17": _("Participants from rural areas"),
}
ENTITY_LABELS = {
    "EECO18": _("Supported public administrations or public services"),
    "EECO19": _("Supported micro, small and medium-sized enterprises"),
}
RESULT_LABELS = {
    "left": _("Participants who left"),
    "EECR01": _("Job searching upon leaving"),
    "EECR02": _("In education or training upon leaving"),
    "EECR04": _("In employment, including self-employment, upon leaving"),
    "other": _("None of these upon leaving"),
    "EECR03": _("Gaining a qualification upon leaving"),
}
FOLLOW_UP_LABELS = {
    "followed-up": _("Participants asked six months after leaving"),
    "EECR05": _("In employment, including self-employment, six months after leaving"),
    "EECR06": _("With an improved labour market situation six months after leaving"),
}
ALL_LABELS = OUTPUT_LABELS | ENTITY_LABELS | RESULT_LABELS | FOLLOW_UP_LABELS


def _key(field: str):
    """The day as the number yyyymmdd: the difference of two, divided by 10 000, is the
    age in whole years, in SQL on every database."""
    return ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + ExtractDay(field)


def _ages() -> dict[str, Q]:
    """Age at entry, by the yyyymmdd keys annotated as ``age_key``."""
    return {
        "EECO06": Q(age_key__lt=180000),
        "EECO07": Q(age_key__gte=180000, age_key__lt=300000),
        "EECO08": Q(age_key__gte=550000),
    }


def _third_country() -> Q:
    """A citizenship recorded, none of an EU member state: the JSON list read as text,
    matched against one pattern of every EU code (one regular expression per row
    instead of one comparison per member state; the same on every database). No
    citizenship recorded is no answer, as in the funder's file."""
    codes = "|".join(sorted(EU_COUNTRIES))
    return ~Q(citizenship_text__iregex=f'"({codes})"') & ~Q(citizenship_text="[]")


def _output_conditions() -> dict[str, Q]:
    """The conditions of the output rows among complete records."""
    unemployed = Q(entry__employment_status=EmploymentStatus.UNEMPLOYED)
    return {
        "EECO01": Q(),
        "EECO02": unemployed,
        "EECO03": unemployed & Q(entry__unemployed_since__lt=F("long_term_before")),
        "EECO04": Q(entry__employment_status=EmploymentStatus.INACTIVE),
        "EECO05": Q(entry__employment_status=EmploymentStatus.EMPLOYED),
        **_ages(),
        "EECO09": Q(entry__isced=Isced.LOW),
        "EECO10": Q(entry__isced=Isced.MEDIUM),
        "EECO11": Q(entry__isced=Isced.HIGH),
        "EECO12": Q(entry__disability=Answer.YES),
        "EECO13": _third_country(),
        "EECO14": Q(entry__foreign_background=Answer.YES),
        "EECO15": Q(entry__minority=Answer.YES),
        "EECO16": Q(entry__housing_exclusion=Answer.YES),
    }


def _participants(project: Project, organisations: list[int], quarter) -> Q:
    where = Q(project=project, organisation_id__in=organisations)
    if quarter is not None:
        where &= Q(quarter_id=getattr(quarter, "pk", quarter))
    return where


def _by_gender(rows: Sequence[Mapping[str, Any]], codes) -> dict[str, dict[str, int]]:
    """{code: cells} from rows of ``values("gender").annotate(code=…)``."""
    return {code: by_gender({row["gender"]: row[code] for row in rows}) for code in codes}


def output_counts(project, period: Period, organisations: list[int], quarter=None) -> dict:
    """{code: cells by gender} for the output rows. One query.

    Grouped by gender and completeness, so that completeness is decided once per
    person rather than again in every row's condition (at most ten groups, added up
    here).
    """
    conditions = _output_conditions()
    with scopes_disabled():
        # Reporting counts across the organisations ``reporting.scope`` names: the
        # scoped manager would stop at the request's own; the filter says whose.
        groups = list(
            Participant.objects.filter(
                _participants(project, organisations, quarter),
                entry__entry_date__gte=period.start,
                entry__entry_date__lte=period.end,
            )
            .annotate(
                age_key=_key("entry__entry_date") - _key("date_of_birth"),
                long_term_before=Cast(
                    F("entry__entry_date") - LONG_TERM_UNEMPLOYED, output_field=DateField()
                ),
                citizenship_text=Cast("citizenships", output_field=TextField()),
            )
            .values(
                "gender",
                complete=Case(
                    When(COMPLETE, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
            )
            .annotate(
                entered=Count("pk"),
                **{code: Count("pk", filter=q) for code, q in conditions.items()},
            )
            .order_by()
        )
    found: dict[str, dict[str, int]] = {}

    def add(code: str, gender: str, number: int) -> None:
        cells = found.setdefault(code, {})
        cells[gender] = cells.get(gender, 0) + number

    # The annotations are named by code, not by literals the stubs can check.
    rows: Iterable[Mapping[str, Any]] = groups
    for group in rows:
        gender = group["gender"]
        add("entered", gender, group["entered"])
        if not group["complete"]:
            add("incomplete", gender, group["entered"])
            continue
        for code in conditions:
            add(code, gender, group[code])
    counts = {code: by_gender(found.get(code, {})) for code in OUTPUT_LABELS}
    counts["EECO17"] = by_gender({})
    return counts


def result_counts(project, period: Period, organisations: list[int], quarter=None) -> dict:
    """{code: cells by gender} for the results on leaving, the last exit per person.
    One query."""
    in_period = Q(exit_date__gte=period.start, exit_date__lte=period.end)
    with scopes_disabled():
        # Across the counted organisations (see ``output_counts``).
        later = Exit.objects.filter(
            in_period,
            Q(exit_date__gt=OuterRef("exit_date"))
            | Q(exit_date=OuterRef("exit_date"), pk__gt=OuterRef("pk")),
            case__participant=OuterRef("case__participant"),
        )
        scope = _participants(project, organisations, quarter)
        rows = list(
            Exit.objects.filter(
                in_period,
                case__participant__in=Participant.objects.filter(scope, COMPLETE).values("pk"),
            )
            .exclude(Exists(later))
            .values(gender=F("case__participant__gender"))
            .annotate(
                left=Count("pk"),
                EECR01=Count("pk", filter=Q(situation=ExitSituation.JOB_SEARCHING)),
                EECR02=Count("pk", filter=Q(situation=ExitSituation.EDUCATION)),
                EECR04=Count("pk", filter=Q(situation=ExitSituation.EMPLOYED)),
                other=Count("pk", filter=Q(situation=ExitSituation.NONE)),
                EECR03=Count("pk", filter=Q(qualification_gained=True)),
            )
            .order_by()
        )
    return _by_gender(rows, RESULT_LABELS)


def follow_up_counts(project, period: Period, organisations: list[int], quarter=None) -> dict:
    """{code: cells by gender} for the six-month follow-ups, the last per person. One query."""
    in_period = Q(due_on__gte=period.start, due_on__lte=period.end, done_on__isnull=False)
    with scopes_disabled():
        # Across the counted organisations (see ``output_counts``).
        later = FollowUp.objects.filter(
            in_period,
            Q(due_on__gt=OuterRef("due_on")) | Q(due_on=OuterRef("due_on"), pk__gt=OuterRef("pk")),
            case__participant=OuterRef("case__participant"),
        )
        scope = _participants(project, organisations, quarter)
        rows = list(
            FollowUp.objects.filter(
                in_period,
                case__participant__in=Participant.objects.filter(scope, COMPLETE).values("pk"),
            )
            .exclude(Exists(later))
            .values(gender=F("case__participant__gender"))
            .annotate(
                **{
                    "followed-up": Count("pk"),
                    "EECR05": Count("pk", filter=Q(in_employment=True)),
                    "EECR06": Count("pk", filter=Q(improved_situation=Improvement.YES)),
                }
            )
            .order_by()
        )
    return _by_gender(rows, FOLLOW_UP_LABELS)


def entity_counts(period: Period, organisations: list[int], quarter=None) -> dict[str, int]:
    """{code: count} of supported entities. One query."""
    where = Q(organisation_id__in=organisations, date__gte=period.start, date__lte=period.end) & ~Q(
        business__size_class=SizeClass.LARGE
    )
    if quarter is not None:
        where &= Q(business__neighbourhood__quarter_id=getattr(quarter, "pk", quarter))
    with scopes_disabled():
        # Across the counted organisations (see ``output_counts``); no consultation's
        # content is read, only which businesses were advised.
        smes = Consultation.objects.filter(where).aggregate(smes=Count("business", distinct=True))[
            "smes"
        ]
    return {"EECO18": 0, "EECO19": smes}


def _rows(labels: dict, counts: dict) -> list[Row]:
    return [Row(code, label, counts[code]) for code, label in labels.items()]


def esf_tables(project, period: Period, organisations: list[int], quarter=None) -> list[Table]:
    """The ESF+ common indicators of ``project`` in ``period``, counting the records of
    ``organisations`` (``scope.organisations_for``), optionally of one quarter. Four
    queries, whatever the period or the data size."""
    outputs = output_counts(project, period, organisations, quarter)
    results = result_counts(project, period, organisations, quarter)
    follow_ups = follow_up_counts(project, period, organisations, quarter)
    entities = entity_counts(period, organisations, quarter)
    return [
        Table(
            "esf-outputs",
            _("ESF+ participants on entry (EECO01–EECO17)"),
            GENDER_COLUMNS,
            _rows(OUTPUT_LABELS, outputs),
            sums={"entered": ["EECO01", "incomplete"], "EECO01": ["EECO02", "EECO04", "EECO05"]},
            also_sums=[("EECO01", ["EECO09", "EECO10", "EECO11"])],
            description=_(
                "People whose date of entry lies in the period, as of that day. Records "
                "whose entry data is not yet complete count only in the first two rows."
            ),
        ),
        Table(
            "esf-entities",
            _("ESF+ supported entities (EECO18, EECO19)"),
            [("total", _("Total"))],
            [Row(code, label, {"total": entities[code]}) for code, label in ENTITY_LABELS.items()],
            total_column=None,
            description=_("Businesses advised on site in the period, each once."),
        ),
        Table(
            "esf-results",
            _("ESF+ results upon leaving (EECR01–EECR04)"),
            GENDER_COLUMNS,
            _rows(RESULT_LABELS, results),
            sums={"left": ["EECR01", "EECR02", "EECR04", "other"]},
            description=_(
                "The situation within four weeks after an exit in the period; a person who "
                "left twice counts once, with the last exit."
            ),
        ),
        Table(
            "esf-longer-term",
            _("ESF+ results six months after leaving (EECR05, EECR06)"),
            GENDER_COLUMNS,
            _rows(FOLLOW_UP_LABELS, follow_ups),
            description=_(
                "Follow-ups done whose six-month date lies in the period. An improved "
                "situation is asked only of people employed at entry."
            ),
        ),
    ]


def _verbose_name(name: str) -> str | Promise:
    field = EntryData._meta.get_field(name)
    assert isinstance(field, Field), name  # entry fields, never a relation's reverse
    return field.verbose_name


@dataclass(frozen=True)
class IncompleteRecord:
    """A person whose entry data is still open: for the holding organisation's staff."""

    participant: Participant
    entry_date: date
    deadline: date
    missing: list[str]
    overdue: bool

    @property
    def missing_labels(self) -> list[str]:
        """The missing fields' names, in the user's language."""
        return [str(_verbose_name(name)) for name in self.missing]


def incomplete_people(project, organisations: list[int]) -> QuerySet[Participant]:
    """The people of ``project`` held by ``organisations`` whose entry data is not
    complete, soonest deadline (earliest entry) first, ending in the primary key so
    that the list can be paged by keyset.

    Individual-level: it goes through the request's normal scope (the holding
    organisation's counsellors and project lead, ``scope.CORRECTORS``), never across
    organisations, and reads no special category.
    """
    return (
        Participant.objects.filter(project=project, organisation_id__in=organisations)
        .filter(entry__isnull=False)
        .exclude(COMPLETE)
        .select_related("entry")
        .order_by("entry__entry_date", "family_name", "given_name", "pk")
    )


def incomplete_record(person: Participant, today: date) -> IncompleteRecord:
    """One row of the list: what is missing and by when (no query: ``entry`` is read
    with the person)."""
    return IncompleteRecord(
        participant=person,
        entry_date=person.entry.entry_date,
        deadline=person.entry.deadline,
        missing=person.entry.missing_fields,
        overdue=person.entry.deadline < today,
    )


def incomplete_records(project, organisations: list[int], today: date) -> list[IncompleteRecord]:
    """Every incomplete record of ``incomplete_people``, as rows. One query."""
    return [
        incomplete_record(person, today) for person in incomplete_people(project, organisations)
    ]
