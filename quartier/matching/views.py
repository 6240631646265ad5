"""Where people meet the matching: a vacancy's candidates, a person's vacancies, a proposal.

Who sees whom follows the existing rules: a vacancy is read as its own page reads it
(an employer: its own business's only), candidates are the consented profiles plus,
for counsellors and project leads, their own organisation's participants (named, and
only they). Gated results are listed apart, with the reason, for those who counsel.
Every ranking shown and every proposal is audited.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quartier.accounts.access import EMPLOYER, allow, may_use, roles
from quartier.accounts.models import Role
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
from quartier.matching.demand import skills_without_course
from quartier.matching.results import candidate_results, vacancy_results

# Programme staff who read vacancies (not employers): they get the full breakdown.
STAFF_READING = roles(*READING_ROLES)
# Who plans the courses, and who leads the programme: the skill-gap report (counts only).
DEMAND_READERS = roles(Role.LEARNING_COORDINATOR, Role.PROJECT_LEAD)


@allow(VACANCY_READERS)
def vacancy_candidates(request: HttpRequest, code) -> HttpResponse:
    """The best candidates for a vacancy, each with the reasons and the gaps."""
    vacancy = get_vacancy(request.user, code)
    language = get_language()
    results = candidate_results(request.user, vacancy, language)
    today = proposals.today()
    context = {
        "vacancy": vacancy,
        "title": vacancy.title(language),
        "rows": results.rows,
        "gated": results.gated,
        "considered": results.considered,
        "version": results.version,
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
    results = vacancy_results(request.user, participant, profile, get_language())
    context = {
        "participant": participant,
        "profile": profile,
        "rows": results.rows,
        "gated": results.gated,
        "considered": results.considered,
        "version": results.version,
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


@allow(DEMAND_READERS)
def skill_gaps(request: HttpRequest) -> HttpResponse:
    """Skills open vacancies need that no open offer teaches, with counts (small ones
    hidden): what the learning place might offer next."""
    demand = skills_without_course(get_language())
    return render(request, "matching/skill_gaps.html", {"demand": demand})
