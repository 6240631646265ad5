"""Matching over the API, with exactly the pages' permissions, gates and audit.

``/vacancies/{code}/candidates``: for those who may read the vacancy (an employer:
its own business's), consented profiles by their pseudonymous code, and for
counsellors and project leads also their own organisation's participants by public
id; the gated only for those. Each missing essential skill names the open offers
that teach it (``gaps``). ``/profiles/{code}/vacancies``: a person's best open
vacancies, for the counsellors and project leads of the person's organisation.
"""

from datetime import datetime
from uuid import UUID

from django.http import Http404
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.errors import HttpError

from quartier.api.auth import TokenAccess
from quartier.api.errors import errors
from quartier.competences.profile.services import get_participant
from quartier.counselling.cases import CASE_WORK
from quartier.economy.vacancies.services import VACANCY_READERS, get_vacancy
from quartier.matching.results import Results, Row, candidate_results, vacancy_results

router = Router(tags=["matching"])


class ComponentOut(Schema):
    label: str
    points: int


class CourseOut(Schema):
    code: UUID
    title: str
    next_date: datetime
    # The offer's staff page for those who register participants, else its public page.
    url: str


class GapOut(Schema):
    skill: str
    # Empty: no open offer teaches the skill yet.
    courses: list[CourseOut]


class ResultOut(Schema):
    # "candidate" (pseudonymous profile code), "own" (participant's public id) or "vacancy".
    kind: str
    code: str
    title: str
    total: int
    sentence: str
    components: list[ComponentOut]
    matched_skills: list[str]
    missing_skills: list[str]
    languages: list[str]
    distance: str
    against: list[str]
    gates: list[str]
    gaps: list[GapOut]


class RankingOut(Schema):
    version: str
    considered: int
    results: list[ResultOut]
    gated: list[ResultOut]


def _result(row: Row, kind: str) -> dict:
    e = row.explanation
    return {
        "kind": kind or row.person,
        "code": row.code,
        "title": row.title,
        "total": e.total,
        "sentence": e.sentence,
        "components": [{"label": label, "points": points} for label, points in e.components],
        "matched_skills": e.matched,
        "missing_skills": e.missing,
        "languages": e.languages,
        "distance": e.distance,
        "against": e.negatives,
        "gates": e.gates,
        "gaps": [
            {
                "skill": gap.skill,
                "courses": [
                    {
                        "code": course.code,
                        "title": course.title,
                        "next_date": course.next_date,
                        "url": course.url,
                    }
                    for course in gap.courses
                ],
            }
            for gap in e.gaps
        ],
    }


def _ranking(results: Results, kind: str = "") -> dict:
    return {
        "version": results.version,
        "considered": results.considered,
        "results": [_result(row, kind) for row in results.rows],
        "gated": [_result(row, kind) for row in results.gated],
    }


@router.get(
    "/vacancies/{code}/candidates",
    response={200: RankingOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(VACANCY_READERS),
    summary="The best candidates for a vacancy, with the reasons (the ranking is audited)",
)
def vacancy_candidates(request, code: UUID):
    try:
        vacancy = get_vacancy(request.auth, code)
    except Http404:
        raise HttpError(404, "Not found.") from None
    return _ranking(candidate_results(request.auth, vacancy, get_language()))


@router.get(
    "/profiles/{code}/vacancies",
    response={200: RankingOut, **errors(401, 403, 404, 422)},
    auth=TokenAccess(CASE_WORK),
    summary="The best open vacancies for a person, with the gaps (the ranking is audited)",
)
def profile_vacancies(request, code: UUID):
    try:
        participant = get_participant(request.auth, code)
    except Http404:
        raise HttpError(404, "Not found.") from None
    profile = getattr(participant, "competence_profile", None)
    if profile is None:
        raise HttpError(404, "Not found.")
    return _ranking(vacancy_results(request.auth, participant, profile, get_language()), "vacancy")
