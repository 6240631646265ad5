"""Proposals and the audit of what matching showed.

A counsellor proposes a vacancy to a participant of their own organisation (or, the
same act seen from the vacancy, the participant for it) in one click: it is recorded
as a referral to the vacancy on the person's open case, so that the counselling
record shows it and its outcome is followed up there. Nothing is sent to anyone: the
person decides, with the counsellor, whether to apply. A gated pair (a required
language level not reached, a regulated occupation without recognition, a closed
vacancy) cannot be proposed.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.competences.profile.models import CompetenceProfile
from quartier.counselling.cases import CASE_WORK
from quartier.counselling.models import Case, CaseStatus, Referral, ReferralTarget
from quartier.counselling.referrals import refer
from quartier.economy.models import Vacancy
from quartier.matching.explain import GATE_REASONS
from quartier.matching.facts import matchable_profiles, person_facts, vacancy_facts
from quartier.matching.score import VERSION, Match, score
from quartier.people.models import Participant


class ProposalError(ValueError):
    """A proposal the data does not allow; the message is for the user, translated."""


def today() -> date:
    return timezone.localdate()


def pair(profile: CompetenceProfile, vacancy: Vacancy, own: list[int]) -> Match:
    """Score one person for one vacancy, as the rankings do (without related occupations)."""
    people = person_facts(matchable_profiles(own).filter(pk=profile.pk))
    if profile.pk not in people:
        raise Http404
    facts = vacancy_facts(Vacancy.objects.filter(pk=vacancy.pk))[vacancy.pk]
    return score(
        people[profile.pk],
        facts,
        today=today(),
        consent_needed=profile.organisation_id not in own,
    )


def propose(user, vacancy: Vacancy, person_code) -> Referral:
    """Record that ``user`` proposed ``vacancy`` to the participant ``person_code``.

    404 for a person outside the user's organisations (nothing tells they exist);
    ``ProposalError`` for a gated pair or a person without an open case.
    """
    own = CASE_WORK.organisations(user)
    profile = (
        CompetenceProfile.objects.with_scopes_disabled()
        .filter(
            organisation_id__in=own,
            participant__public_id=person_code,
            participant__anonymised_at=None,
        )
        .select_related("participant")
        .first()
    )
    if profile is None:
        raise Http404
    match = pair(profile, vacancy, own)
    if match.gated:
        reasons = " ".join(str(GATE_REASONS[gate]) for gate in match.gates)
        raise ProposalError(
            _("This vacancy cannot be proposed: %(reasons)s") % {"reasons": reasons}
        )
    case = (
        Case.objects.with_scopes_disabled()
        .filter(participant_id=profile.participant_id, organisation_id=profile.organisation_id)
        .exclude(status=CaseStatus.CLOSED)
        .first()
    )
    if case is None:
        raise ProposalError(_("The person has no open case to record the proposal in."))
    title = vacancy.title()
    description = f"{title} – {vacancy.business.name}"[:300]
    with transaction.atomic():
        referral = refer(case, user, target=ReferralTarget.VACANCY, description=description)
        log_action(
            "matching.proposal.made",
            actor=user,
            subject=case,
            data={
                "vacancy": str(vacancy.public_id),
                "referral": referral.pk,
                "score": match.total,
                "version": VERSION,
            },
        )
    return referral


def log_ranking(user, vacancy: Vacancy, profiles: list[dict[str, Any]]) -> None:
    """Audit a vacancy's candidates as shown: the version and the profiles' codes."""
    log_action(
        "matching.candidates.shown",
        actor=user,
        subject=vacancy,
        data={
            "vacancy": str(vacancy.public_id),
            "version": VERSION,
            "profiles": [str(profile["public_code"]) for profile in profiles],
        },
    )


def log_person_ranking(user, participant: Participant, vacancies: list[str]) -> None:
    """Audit the vacancies shown for a person (an entry in the person's trail)."""
    log_action(
        "matching.vacancies.shown",
        actor=user,
        subject=participant,
        data={"version": VERSION, "vacancies": vacancies},
    )
