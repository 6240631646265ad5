"""Ranking in both directions: candidates for a vacancy, vacancies for a person.

The database picks a short list of pairs worth scoring, Python scores them with
``score.score`` (the one score, which the explanations show) and sorts. Each
ranking costs a fixed number of queries whatever the data size.

How the short list is picked depends on the database:

- **PostgreSQL** (``_shortlist_sql``) selects through the GIN indexes on the skill-id
  arrays each profile and vacancy keeps (``skill_ids``), in two tiers. The strong
  tier holds the pairs where every essential skill is covered (a profile holding all
  the vacancy's essential skills, ``@>``; a vacancy whose essential skills the person
  all has, ``<@``) or, in the person's direction, the occupation is the person's.
  Only when it holds fewer than ``SHORTLIST`` pairs that pass the gates does the weak
  tier run (a one-time filter in the same statement): the pairs sharing any skill or
  the occupation. Within each tier SQL orders by an upper bound of the score,
  computed from the same weights on the same columns (``_bound_*``): the parts it
  cannot see cheaply (distance, recognition, a related occupation) count at their
  best, so no pair is ranked below its true score. The best ``SHORTLIST`` by that
  bound, and the best ``GATED_SHORTLIST`` of those a gate holds back, are scored.
  The bench (``bench/matching.py``) measures the recall against the exhaustive
  ranking.
- **Other databases** (SQLite, for development) have no array index: the short
  list is every pair sharing a skill or the occupation, scored in Python — the
  exhaustive ranking of the pairs that share anything, which the PostgreSQL ranking
  must reproduce on a generated 1 000-profile programme
  (``tests/test_same_everywhere.py``).
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet, Value

from quartier.competences.profile.models import CompetenceProfile, Experience, ProfileSkill
from quartier.economy.models import Business, Vacancy, VacancyLanguage, VacancySkill, VacancyStatus
from quartier.esco.models import Relation
from quartier.matching.facts import (
    essential_skills,
    is_related,
    matchable_profiles,
    person_facts,
    related_occupations,
    vacancy_facts,
)
from quartier.matching.score import (
    CEFR_STEPS,
    FRESH_DAYS,
    HOURS_TOLERANCE,
    STALE_DAYS,
    VERSION,
    WEIGHTS,
    Match,
    PersonFacts,
    VacancyFacts,
    _shared_out,
    ranked,
    score,
)
from quartier.people.models import Consent, Participant, Purpose
from quartier.places.models import Neighbourhood

LIMIT = 20
# Pairs scored in Python per ranking (PostgreSQL): the best by the upper bound that
# pass the gates, and the best of those a gate holds back (listed apart).
SHORTLIST = 200
GATED_SHORTLIST = 40
# Essential skills a profile in the strong tier may lack (when the vacancy names more
# than SPARE + 1): one missing skill costs 60/k points, which the occupation, optional
# skills or distance can make up.
SPARE = 1
# The best any part the SQL bound cannot see may add.
BEST_DISTANCE = max(WEIGHTS["same_neighbourhood"], WEIGHTS["same_quarter"], 0)


@dataclass
class Ranking:
    matches: list[Match]
    gated: list[Match]
    considered: int
    version: str = VERSION
    people: dict[int, PersonFacts] = field(default_factory=dict)
    vacancies: dict[int, VacancyFacts] = field(default_factory=dict)


def _arrays() -> bool:
    """Does the database keep ``skill_ids`` as an indexed array (PostgreSQL)?"""
    return connection.vendor == "postgresql"


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _freshness(alias: str, today: date) -> tuple[str, list[Any]]:
    """SQL for the freshness points of ``alias.changed_at`` (as ``score`` counts days)."""
    # score() takes the date of changed_at as the database gives it (UTC).
    fresh_since = datetime.combine(today - timedelta(days=FRESH_DAYS), time.min, tzinfo=UTC)
    stale_before = datetime.combine(today - timedelta(days=STALE_DAYS), time.min, tzinfo=UTC)
    return (
        f"CASE WHEN {alias}.changed_at >= %s THEN %s WHEN {alias}.changed_at < %s THEN %s "
        "ELSE 0 END",
        [fresh_since, WEIGHTS["fresh"], stale_before, WEIGHTS["stale"]],
    )


def _hours(person_hours: str, vacancy_hours: str) -> str:
    return (
        f"CASE WHEN {person_hours} IS NULL OR {vacancy_hours} IS NULL THEN 0 "
        f"WHEN abs({person_hours} - {vacancy_hours}) <= {HOURS_TOLERANCE} "
        f"THEN {WEIGHTS['hours_fit']} ELSE {WEIGHTS['hours_misfit']} END"
    )


def _covered(ids: frozenset[int], column: str) -> tuple[str, list[Any]]:
    """SQL counting how many of ``ids`` the array ``column`` holds."""
    if not ids:
        return "0", []
    return " + ".join(f"(%s = ANY({column}))::int" for _ in ids), sorted(ids)


def _points_table(weight: int, whole: int) -> list[int]:
    """``_shared_out(weight, part, whole)`` for every ``part`` from 0 to ``whole``."""
    return [_shared_out(weight, part, whole) for part in range(whole + 1)]


def _bound_candidates(
    facts: VacancyFacts,
    related: frozenset[int],
    today: date,
    distance: tuple[str, list[Any]] = (str(BEST_DISTANCE), []),
) -> tuple[str, str, list[Any], list[Any]]:
    """The upper bound of ``score`` for a profile ``p`` and this vacancy, and whether a
    gate holds ``p`` back, as SQL (with their parameters).

    Exact for every part but distance (counted at its best) and recognition (at 0;
    the gate is decided in Python).
    """
    parts: list[str] = []
    params: list[Any] = []
    essential = len(facts.essential)
    covered, ids = _covered(facts.essential, "p.skill_ids")
    covering = [
        a + b
        for a, b in zip(
            _points_table(WEIGHTS["essential_covered"], essential),
            reversed(_points_table(WEIGHTS["essential_missing"], essential)),
            strict=True,
        )
    ]
    parts.append(f"(%s::integer[])[1 + {covered}]")
    params += [covering, *ids]
    optional, ids = _covered(facts.optional, "p.skill_ids")
    parts.append(f"(%s::integer[])[1 + {optional}]")
    params += [_points_table(WEIGHTS["optional_covered"], len(facts.optional)), *ids]
    if facts.occupation is not None:
        parts.append(
            "CASE WHEN %s = ANY(p.occupation_ids) THEN %s "
            "WHEN p.occupation_ids && %s::integer[] THEN %s ELSE %s END"
        )
        params += [
            facts.occupation,
            WEIGHTS["occupation_same"],
            sorted(related),
            WEIGHTS["occupation_related"],
            WEIGHTS["occupation_none"],
        ]
    gates: list[str] = []
    gate_params: list[Any] = []
    for asked in facts.languages:
        has = "COALESCE((p.language_steps ->> %s)::int, 0)"
        parts.append(f"%s * GREATEST(0, %s - {has})")
        params += [WEIGHTS["language_step"], asked.step, asked.language]
        if asked.required:
            gates.append(f"{has} < %s")
            gate_params += [asked.language, asked.step]
    parts.append(distance[0])
    params += distance[1]
    if facts.hours_per_week is not None:
        parts.append(_hours("p.hours_per_week", "%s"))
        params += [facts.hours_per_week, facts.hours_per_week]
    if facts.starts_on is not None:
        parts.append("CASE WHEN p.available_from > %s THEN %s ELSE 0 END")
        params += [facts.starts_on, WEIGHTS["available_late"]]
    fresh, fresh_params = _freshness("p", today)
    parts.append(fresh)
    params += fresh_params
    gated = " OR ".join(gates) or "FALSE"
    if facts.closes_on is not None and facts.closes_on < today:
        gated = "TRUE"
    return " + ".join(parts), gated, params, gate_params


def _visible_sql(own_organisations: list[int]) -> tuple[str, list[Any]]:
    """``matchable_profiles`` as a condition on a row ``s`` of a profile's
    ``participant_id`` and ``organisation_id``, looked up row by row.

    Scalar subqueries with ``LIMIT 1``, not ``EXISTS``: the planner turns an ``EXISTS``
    into a join or a hashed subplan over every consent and every participant, which
    costs more than looking up the few hundred rows the short list needs.
    """
    consent = (
        f"(SELECT 1 FROM {_table(Consent)} c WHERE c.participant_id = s.participant_id "
        "AND c.purpose = %s AND c.recipient_id IS NULL AND c.withdrawn_at IS NULL LIMIT 1) "
        "IS NOT NULL"
    )
    params: list[Any] = [Purpose.EMPLOYER_PROFILE]
    if own_organisations:
        consent = f"(s.organisation_id = ANY(%s::bigint[]) OR {consent})"
        params = [own_organisations, *params]
    person = (
        f"(SELECT 1 FROM {_table(Participant)} pp WHERE pp.id = s.participant_id "
        "AND pp.anonymised_at IS NULL AND pp.erasure_requested_at IS NULL LIMIT 1) IS NOT NULL"
    )
    return f"{person} AND {consent}", params


def _tiers(
    key: str,
    source: str,
    weak_source: str,
    carry: str,
    strong: str,
    weak: str,
    visible: str,
    bound: str,
    weak_bound: str,
    gated: str,
    params: dict[str, list[Any]],
) -> tuple[str, list[Any]]:
    """One statement: the strong tier's best by the bound (passing the gates, and held
    back), then the weak tier's, which runs only when the strong one is short.

    ``visible`` (on the ``carry`` columns of ``s``) is checked on the rows in the
    order of the bound until enough are found (``OFFSET 0`` keeps the planner from
    checking it on every row before sorting; the outer ``ORDER BY`` is already
    satisfied by the sorted rows): with thousands of profiles holding every
    essential skill, only a few hundred consents are looked up. The weak tier
    reads the places too (``weak_source``), so that its bound counts distance exactly:
    when it runs, the programme is small or the vacancy's skills rare, and many pairs
    score alike.
    """
    sql = f"""
        WITH strong AS MATERIALIZED (
            SELECT {key} AS id, {carry}, {bound} AS bound, ({gated}) AS gated
            FROM {source} WHERE {strong}
        ),
        best AS MATERIALIZED (
            SELECT id, bound FROM (
                SELECT * FROM strong WHERE NOT gated ORDER BY bound DESC, id OFFSET 0
            ) s WHERE {visible} ORDER BY bound DESC, id LIMIT {SHORTLIST}
        )
        SELECT id, bound FROM best
        UNION ALL
        (SELECT id, bound FROM (
            SELECT * FROM strong WHERE gated ORDER BY bound DESC, id OFFSET 0
        ) s WHERE {visible} ORDER BY bound DESC, id LIMIT {GATED_SHORTLIST})
        UNION ALL
        (SELECT id, bound FROM (
            SELECT {key} AS id, {carry}, {weak_bound} AS bound FROM {weak_source}
            WHERE {weak} AND (SELECT count(*) FROM best) < {SHORTLIST}
            ORDER BY bound DESC, id OFFSET 0
        ) s WHERE {visible} ORDER BY bound DESC, id LIMIT {SHORTLIST + GATED_SHORTLIST})
    """
    ordered = (
        params["bound"]
        + params["gated"]
        + params["strong"]
        + params["visible"]
        + params["visible"]
        + params["weak_bound"]
        + params["weak"]
        + params["visible"]
    )
    return sql, ordered


def _place(
    person: tuple[str, str], vacancy: tuple[str, str], params: list[Any]
) -> tuple[str, list[Any]]:
    """``score._place`` as SQL: (neighbourhood, quarter) of each side, columns or ``%s``."""
    (pn, pq), (vn, vq) = person, vacancy
    sql = (
        f"CASE WHEN {pn} = {vn} THEN {WEIGHTS['same_neighbourhood']} "
        f"WHEN {pq} = {vq} THEN {WEIGHTS['same_quarter']} "
        f"WHEN {pq} IS NOT NULL AND {vq} IS NOT NULL THEN {WEIGHTS['other_quarter']} ELSE 0 END"
    )
    return sql, params


def _ids(sql: str, params: list[Any]) -> list[int]:
    """The ids the short-list statement selects, best first, each once.

    Without JIT compilation and parallel workers: the weak tier's estimated cost
    passes ``jit_above_cost`` and invites a parallel scan even when its one-time
    filter keeps it from running, and compiling the statement (about 90 ms) or
    starting the workers (20–30 ms) took longer than running it. The ``SET LOCAL``
    go with the statement in the same round trip (one implicit transaction in
    autocommit) and end with the transaction.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0; {sql}", params
        )
        cursor.nextset()
        cursor.nextset()
        return list(dict.fromkeys(row[0] for row in cursor.fetchall()))


def candidate_ids(
    facts: VacancyFacts, related: frozenset[int], own_organisations: list[int], today: date
) -> list[int]:
    """The profiles worth scoring for the vacancy (see the module's docstring). One query."""
    wanted = sorted(facts.essential | facts.optional)
    occupation = [facts.occupation] if facts.occupation is not None else []
    if not _arrays():
        profiles = matchable_profiles(own_organisations)
        shares = ProfileSkill.objects.with_scopes_disabled().filter(
            profile_id=OuterRef("pk"), concept_id__in=wanted + occupation
        )
        worked = Experience.objects.with_scopes_disabled().filter(
            profile_id=OuterRef("pk"), occupation_id__in=occupation
        )
        return list(
            profiles.filter(Exists(shares) | Exists(worked))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    bound, gated, bound_params, gate_params = _bound_candidates(facts, related, today)
    visible, visible_params = _visible_sql(own_organisations)
    essential = sorted(facts.essential)
    if len(essential) > SPARE + 1:
        # Holding every essential skill but at most SPARE of them: one GIN scan per subset.
        subsets = [list(kept) for kept in combinations(essential, len(essential) - SPARE)]
        strong = " OR ".join("p.skill_ids @> %s::integer[]" for _ in subsets)
        strong_params: list[Any] = subsets
    elif essential:
        strong, strong_params = "p.skill_ids @> %s::integer[]", [essential]
    elif occupation:
        strong, strong_params = "p.occupation_ids @> %s::integer[]", [occupation]
    else:
        strong, strong_params = "FALSE", []
    weak = f"(p.skill_ids && %s::integer[] OR p.occupation_ids && %s::integer[]) AND NOT ({strong})"
    place = _place(
        ("pp.neighbourhood_id", "pp.quarter_id"),
        ("%s", "%s"),
        [facts.neighbourhood, facts.quarter, facts.quarter],
    )
    weak_bound, _gated, weak_bound_params, _params = _bound_candidates(facts, related, today, place)
    sql, params = _tiers(
        "p.id",
        f"{_table(CompetenceProfile)} p",
        f"{_table(CompetenceProfile)} p JOIN {_table(Participant)} pp ON pp.id = p.participant_id",
        "p.participant_id, p.organisation_id",
        strong,
        weak,
        visible,
        bound,
        weak_bound,
        gated,
        {
            "bound": bound_params,
            "weak_bound": weak_bound_params,
            "gated": gate_params,
            "strong": strong_params,
            "weak": [wanted, occupation, *strong_params],
            "visible": visible_params,
        },
    )
    return _ids(sql, params)


def candidates_for(
    vacancy: Vacancy,
    own_organisations: list[int],
    *,
    today: date,
    limit: int = LIMIT,
) -> Ranking:
    """The best candidates for ``vacancy`` among the profiles the viewer may be matched with.

    ``own_organisations``: where the viewer counsels; their participants are matched
    without the employer consent; others' only with it. Seven queries: the vacancy,
    its languages and its occupation's essential skills (3), the occupations sharing
    them (1), the short list (1), the facts of the profiles on it (2).
    """
    facts = vacancy_facts(Vacancy.objects.filter(pk=vacancy.pk))[vacancy.pk]
    related = related_occupations(facts.occupation_essential)
    ids = candidate_ids(facts, related, own_organisations, today)
    people = person_facts(matchable_profiles(own_organisations).filter(pk__in=ids))
    matches = [
        score(
            person,
            facts,
            today=today,
            related=related,
            consent_needed=person.organisation not in own_organisations,
        )
        for person in people.values()
    ]
    top, gated = ranked(matches, limit)
    return Ranking(top, gated, len(matches), people=people, vacancies={facts.key: facts})


def open_vacancies() -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(status=VacancyStatus.OPEN)


def _bound_vacancies(
    person: PersonFacts, today: date, distance: tuple[str, list[Any]] = (str(BEST_DISTANCE), [])
) -> tuple[str, str, list[Any], list[Any]]:
    """The upper bound of ``score`` for this person and a vacancy ``v``, and whether a
    gate holds ``v`` back, as SQL (with their parameters).

    Essential and optional skills are counted (the rounding of ``score`` taken at its
    most generous), the occupation at its best unless it is the person's, languages,
    hours, availability and the closing date exactly; distance and recognition at
    their best. A vacancy naming no skill counts its essential skills at their best.
    """
    skills = sorted(person.skills)
    language = "CASE l.language " + " ".join("WHEN %s THEN %s" for _ in person.languages)
    language += " ELSE 0 END" if person.languages else ""
    language_params: list[Any] = [x for item in person.languages.items() for x in item]
    if not person.languages:
        language = "0"
    level = "CASE l.level " + " ".join("WHEN %s THEN %s" for _ in CEFR_STEPS) + " ELSE 0 END"
    level_params: list[Any] = [x for item in CEFR_STEPS.items() for x in item]
    covered = "(SELECT count(*) FROM unnest({column}) s WHERE s = ANY(%s::integer[]))"
    parts = [
        "CASE WHEN cardinality(v.skill_ids) = 0 THEN "
        f"CASE WHEN v.occupation_id IS NULL THEN 0 ELSE {WEIGHTS['essential_covered']} END "
        f"ELSE 1.0 + ({WEIGHTS['essential_covered']} * {covered.format(column='v.skill_ids')} "
        f"+ {WEIGHTS['essential_missing']} * (cardinality(v.skill_ids) - "
        f"{covered.format(column='v.skill_ids')}))::numeric / cardinality(v.skill_ids) END",
        "CASE WHEN cardinality(v.optional_skill_ids) = 0 THEN 0 "
        f"ELSE 0.5 + ({WEIGHTS['optional_covered']} * "
        f"{covered.format(column='v.optional_skill_ids')})::numeric "
        "/ cardinality(v.optional_skill_ids) END",
        "CASE WHEN v.occupation_id IS NULL THEN 0 WHEN v.occupation_id = ANY(%s::bigint[]) "
        f"THEN {WEIGHTS['occupation_same']} "
        f"ELSE {max(WEIGHTS['occupation_related'], WEIGHTS['occupation_none'])} END",
        f"{WEIGHTS['language_step']} * (SELECT COALESCE(sum(GREATEST(0, {level} - {language})), 0) "
        f"FROM {_table(VacancyLanguage)} l WHERE l.vacancy_id = v.id)",
        distance[0],
        _hours("%s", "v.hours_per_week"),
        "CASE WHEN %s > v.starts_on THEN %s ELSE 0 END",
    ]
    params: list[Any] = [
        skills,
        skills,
        skills,
        sorted(person.occupations),
        *level_params,
        *language_params,
        *distance[1],
        person.hours_per_week,
        person.hours_per_week,
        person.available_from,
        WEIGHTS["available_late"],
    ]
    # A scalar subquery, looked up per vacancy (an EXISTS here is planned as a hash of
    # every vacancy's languages).
    gated = (
        "COALESCE(v.closes_on < %s, FALSE) OR COALESCE((SELECT bool_or(l.required AND "
        f"{level} > {language}) FROM {_table(VacancyLanguage)} l "
        "WHERE l.vacancy_id = v.id), FALSE)"
    )
    gate_params = [today, *level_params, *language_params]
    return " + ".join(parts), gated, params, gate_params


def vacancy_ids(person: PersonFacts, today: date) -> list[int]:
    """Vacancies worth scoring for the person (see the module's docstring). One query.

    A vacancy asking for skills is found by them; by its occupation's ESCO skills only
    when it names none (else every vacancy of a common skill comes in).
    """
    skills = sorted(person.skills)
    occupations = sorted(person.occupations)
    by_occupation = Relation.objects.filter(
        occupation_id=OuterRef("occupation_id"),
        kind=Relation.Kind.ESSENTIAL,
        skill_id__in=skills,
    )
    asks = VacancySkill.objects.filter(vacancy_id=OuterRef("pk"), required=True)
    if not _arrays():
        shares = VacancySkill.objects.filter(vacancy_id=OuterRef("pk"), concept_id__in=skills)
        return list(
            open_vacancies()
            .filter(
                Exists(shares)
                | Q(occupation_id__in=occupations)
                | (Exists(by_occupation) & ~Exists(asks))
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    bound, gated, bound_params, gate_params = _bound_vacancies(person, today)
    named_none = (
        f"cardinality(v.skill_ids) = 0 AND v.occupation_id IN (SELECT r.occupation_id FROM "
        f"{_table(Relation)} r WHERE r.kind = %s AND r.skill_id = ANY(%s::bigint[]))"
    )
    strong = (
        "(cardinality(v.skill_ids) > 0 AND v.skill_ids <@ %s::integer[]) "
        "OR v.occupation_id = ANY(%s::bigint[])"
    )
    weak = f"(v.skill_ids && %s::integer[] OR ({named_none})) AND NOT ({strong})"
    allowed = "v.status = %s"
    place = _place(
        ("%s", "%s"),
        ("b.neighbourhood_id", "n.quarter_id"),
        [person.neighbourhood, person.quarter, person.quarter],
    )
    weak_bound, _gated, weak_bound_params, _params = _bound_vacancies(person, today, place)
    sql, params = _tiers(
        "v.id",
        f"{_table(Vacancy)} v",
        f"{_table(Vacancy)} v JOIN {_table(Business)} b ON b.id = v.business_id "
        f"LEFT JOIN {_table(Neighbourhood)} n ON n.id = b.neighbourhood_id",
        "v.business_id",
        f"({strong}) AND {allowed}",
        f"{weak} AND {allowed}",
        "TRUE",
        bound,
        weak_bound,
        gated,
        {
            "visible": [],
            "bound": bound_params,
            "weak_bound": weak_bound_params,
            "gated": gate_params,
            "strong": [skills, occupations, VacancyStatus.OPEN],
            "weak": [
                skills,
                Relation.Kind.ESSENTIAL,
                skills,
                skills,
                occupations,
                VacancyStatus.OPEN,
            ],
        },
    )
    return _ids(sql, params)


def vacancies_for(
    profile: CompetenceProfile,
    *,
    today: date,
    limit: int = LIMIT,
) -> Ranking:
    """The best open vacancies for the person, for their own counsellors (no consent gate).

    Seven queries: the person (2), the short list (1), the vacancies' facts (3) and
    the essential skills of the person's occupations (1; none without occupations).
    """
    profiles = CompetenceProfile.objects.with_scopes_disabled().filter(pk=profile.pk)
    person = person_facts(profiles.annotate(shown=Value(True)))[profile.pk]
    ids = vacancy_ids(person, today)
    offered = vacancy_facts(Vacancy.objects.filter(pk__in=ids))
    own = essential_skills(person.occupations)
    matches = []
    for facts in offered.values():
        related = frozenset(
            o for o, skills in own.items() if is_related(facts.occupation_essential, skills)
        )
        matches.append(score(person, facts, today=today, related=related, consent_needed=False))
    top, gated = ranked(matches, limit)
    return Ranking(top, gated, len(matches), people={person.key: person}, vacancies=offered)
