"""Where people meet the matching: a vacancy's candidates, a person's vacancies, a proposal.

Who sees whom follows the existing rules: a vacancy is read as its own page reads it
(an employer: its own business's only), candidates are the consented profiles plus,
for counsellors and project leads, their own organisation's participants (named, and
only they). Gated results are listed apart, with the reason, for those who counsel.
Every ranking shown and every proposal is audited.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Case, F, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import EMPLOYER, allow, may_use, roles
from quartier.competences.employers.services import pseudonym
from quartier.competences.profile.models import CompetenceProfile
from quartier.competences.profile.services import get_participant
from quartier.counselling.cases import CASE_WORK
from quartier.economy.models import Vacancy
from quartier.economy.vacancies.services import (
    READING_ROLES,
    VACANCY_READERS,
    get_vacancy,
    own_businesses,
)
from quartier.matching import proposals
from quartier.matching.explain import Explanation, concept_labels, concepts_of, explain
from quartier.matching.ranking import Ranking, candidates_for, vacancies_for
from quartier.matching.score import Match

LIMIT = 20
# Programme staff who read vacancies (not employers): they get the full breakdown.
STAFF_READING = roles(*READING_ROLES)


@dataclass
class Row:
    match: Match
    explanation: Explanation
    title: str
    code: str = ""
    person: str = ""
    vacancy: Vacancy | None = None
    may_propose: bool = False


def _explained(ranking: Ranking, language: str) -> tuple[list, list]:
    labels = concept_labels(concepts_of([*ranking.matches, *ranking.gated]), language)
    return (
        [(m, explain(m, labels)) for m in ranking.matches],
        [(m, explain(m, labels)) for m in ranking.gated],
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


@allow(VACANCY_READERS)
def vacancy_candidates(request: HttpRequest, code) -> HttpResponse:
    """The best candidates for a vacancy, each with the reasons and the gaps."""
    vacancy = get_vacancy(request.user, code)
    own = CASE_WORK.organisations(request.user)
    language = get_language()
    today = proposals.today()
    ranking = candidates_for(vacancy, own, today=today, limit=LIMIT)
    shown, gated = _explained(ranking, language)
    if not own:
        gated = []  # the gated are for those who counsel
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
    gated_rows = [row(m, e) for m, e in gated]
    proposals.log_ranking(request.user, vacancy, [profiles[r.match.person] for r in rows])
    context = {
        "vacancy": vacancy,
        "title": vacancy.title(language),
        "rows": rows,
        "gated": gated_rows,
        "considered": ranking.considered,
        "version": ranking.version,
        # The full breakdown for programme staff, the short sentence for employers.
        "full": bool(STAFF_READING.organisations(request.user)),
        "may_open_candidates": may_use(request.user, "competences:candidate-list"),
        "closed": vacancy.closes_on is not None and vacancy.closes_on < today,
    }
    return render(request, "matching/vacancy_candidates.html", context)


@allow(CASE_WORK)
def profile_vacancies(request: HttpRequest, code) -> HttpResponse:
    """The best open vacancies and training places for a person, with the gaps."""
    participant = get_participant(request.user, code)
    profile = getattr(participant, "competence_profile", None)
    if profile is None:
        raise Http404
    language = get_language()
    ranking = vacancies_for(profile, today=proposals.today(), limit=LIMIT)
    shown, gated = _explained(ranking, language)
    vacancies = Vacancy.objects.select_related("business").in_bulk(
        [m.vacancy for m, _e in [*shown, *gated]]
    )
    may_propose = participant.organisation_id in CASE_WORK.organisations(request.user)

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
    proposals.log_person_ranking(request.user, participant, [r.code for r in rows])
    context = {
        "participant": participant,
        "profile": profile,
        "rows": rows,
        "gated": [row(m, e) for m, e in gated],
        "considered": ranking.considered,
        "version": ranking.version,
    }
    return render(request, "matching/profile_vacancies.html", context)


@allow(EMPLOYER)
def my_vacancies(request: HttpRequest) -> HttpResponse:
    """An employer's open vacancies, each leading to the candidates that match it."""
    language = get_language()
    vacancies = Vacancy.objects.filter(
        business__in=own_businesses(request.user), status="open"
    ).order_by("-created_at", "-pk")
    rows = [(vacancy, vacancy.title(language)) for vacancy in vacancies]
    return render(request, "matching/my_vacancies.html", {"rows": rows})


@allow(CASE_WORK)
@require_POST
def propose(request: HttpRequest, code, person) -> HttpResponse:
    """A counsellor proposes a vacancy to their participant (or the participant for it):
    recorded as a referral on the person's open case. Refused for a gated pair."""
    vacancy = get_vacancy(request.user, code)
    try:
        proposals.propose(request.user, vacancy, person)
    except proposals.ProposalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposal is recorded as a referral."))
    back = request.POST.get("back", "")
    if back == "person":
        return redirect("matching:profile-vacancies", code=person)
    return redirect("matching:vacancy-candidates", code=vacancy.public_id)
