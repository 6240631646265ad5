"""The results of a ranking as pages and API show them: who, named or not, and why.

Both the pages and the API call these, so that they show the same people with the
same reasons, and audit the same way.
"""

from dataclasses import dataclass, field

from django.db.models import Case, F, Value, When

from quartier.competences.employers.services import pseudonym
from quartier.competences.profile.models import CompetenceProfile
from quartier.counselling.cases import CASE_WORK
from quartier.economy.models import Vacancy
from quartier.learning.offers.access import OFFER_STAFF
from quartier.matching import proposals
from quartier.matching.courses import courses_teaching
from quartier.matching.explain import Explanation, concept_labels, concepts_of, explain
from quartier.matching.ranking import Ranking, candidates_for, vacancies_for
from quartier.matching.score import Match
from quartier.people.models import Participant

LIMIT = 20


@dataclass
class Row:
    match: Match
    explanation: Explanation
    title: str
    code: str = ""
    person: str = ""
    vacancy: Vacancy | None = None
    may_propose: bool = False


@dataclass
class Results:
    rows: list[Row]
    gated: list[Row]
    considered: int
    version: str
    extra: dict = field(default_factory=dict)


def _explained(ranking: Ranking, language: str, user) -> tuple[list, list]:
    """Explanations of the shown and the gated matches: two queries (the labels of the
    skills named, the open offers teaching the missing ones), whatever their number."""
    matches = [*ranking.matches, *ranking.gated]
    labels = concept_labels(concepts_of(matches), language)
    missing = {pk for match in matches for pk in match.missing_essential}
    # Those who register participants get the offer's staff page, others its public one.
    courses = courses_teaching(missing, language, staff=OFFER_STAFF.allows(user))
    return (
        [(m, explain(m, labels, courses)) for m in ranking.matches],
        [(m, explain(m, labels, courses)) for m in ranking.gated],
    )


def _profiles(ids: list[int], own: list[int]) -> dict[int, dict]:
    """Pseudonymous code of each profile; the name only for the viewer's own participants.

    One query.
    """
    named = Case(
        When(organisation_id__in=own, then=F("participant__given_name")), default=Value("")
    )
    family = Case(
        When(organisation_id__in=own, then=F("participant__family_name")), default=Value("")
    )
    rows = (
        CompetenceProfile.objects.with_scopes_disabled()
        .filter(pk__in=ids)
        .annotate(given=named, family=family)
        .values("pk", "public_code", "organisation_id", "participant__public_id", "given", "family")
    )
    return {row["pk"]: row for row in rows}


def candidate_results(user, vacancy: Vacancy, language: str) -> Results:
    """A vacancy's best candidates as ``user`` may see them; the ranking is audited.

    Consented profiles, pseudonymous; the user's own organisation's participants (for
    counsellors and project leads), named; the gated only for those who counsel.
    """
    own = CASE_WORK.organisations(user)
    ranking = candidates_for(vacancy, own, today=proposals.today(), limit=LIMIT)
    shown, gated = _explained(ranking, language, user)
    if not own:
        gated = []
    profiles = _profiles([m.person for m, _e in [*shown, *gated]], own)

    def row(match: Match, explanation: Explanation) -> Row:
        profile = profiles[match.person]
        is_own = profile["organisation_id"] in own
        return Row(
            match=match,
            explanation=explanation,
            title=f"{profile['given']} {profile['family']}"
            if is_own
            else pseudonym(CompetenceProfile(public_code=profile["public_code"])),
            code=str(profile["participant__public_id"] if is_own else profile["public_code"]),
            person="own" if is_own else "candidate",
            may_propose=is_own and not match.gated,
        )

    rows = [row(m, e) for m, e in shown]
    proposals.log_ranking(user, vacancy, [profiles[r.match.person] for r in rows])
    return Results(rows, [row(m, e) for m, e in gated], ranking.considered, ranking.version)


def vacancy_results(
    user, participant: Participant, profile: CompetenceProfile, language: str
) -> Results:
    """The best open vacancies for a person the user counsels; the ranking is audited."""
    ranking = vacancies_for(profile, today=proposals.today(), limit=LIMIT)
    shown, gated = _explained(ranking, language, user)
    vacancies = Vacancy.objects.select_related("business").in_bulk(
        [m.vacancy for m, _e in [*shown, *gated]]
    )
    may_propose = participant.organisation_id in CASE_WORK.organisations(user)

    def row(match: Match, explanation: Explanation) -> Row:
        vacancy = vacancies[match.vacancy]
        return Row(
            match=match,
            explanation=explanation,
            title=vacancy.title(language),
            code=str(vacancy.public_id),
            vacancy=vacancy,
            may_propose=may_propose and not match.gated,
        )

    rows = [row(m, e) for m, e in shown]
    proposals.log_person_ranking(user, participant, [r.code for r in rows])
    return Results(rows, [row(m, e) for m, e in gated], ranking.considered, ranking.version)
