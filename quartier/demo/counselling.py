"""Two years of casework for the demo: cases, goals, contacts, referrals, exits, follow-ups.

Everything goes through the real services, so the demo's audit log and
timelines look like those of a programme in use.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.counselling.cases import open_case
from quartier.counselling.contacts import add_contact
from quartier.counselling.goals import add_goal, set_goal_status
from quartier.counselling.models import (
    Agency,
    ContactChannel,
    ExitSituation,
    GoalKind,
    GoalStatus,
    Improvement,
    ReferralOutcome,
    ReferralTarget,
    Topic,
)
from quartier.counselling.outcomes import employed_at_entry, record_exit, record_follow_up
from quartier.counselling.referrals import record_referral_outcome, refer
from quartier.people.models import Participant

NEXT_STEPS = [
    "Lebenslauf mitbringen",
    "Zeugnisse zur Anerkennungsberatung schicken",
    "Termin beim Jobcenter wahrnehmen",
    "Bewerbung abschicken",
    "Anmeldung zum Sprachkurs",
]


DESCRIPTIONS = {
    ReferralTarget.VACANCY: "Küchenhilfe in einem Restaurant im Quartier",
    ReferralTarget.COURSE: "Deutschkurs B1 mit Berufsbezug",
    ReferralTarget.AGENCY: "",
}


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange(0, max(1, (end - start).days)))


@transaction.atomic
def create_demo_casework(participants: list[Participant], counsellor, seed: int = 2) -> int:
    """Open a case with some history for each participant; returns the number of cases."""
    rng = random.Random(seed)
    today = timezone.localdate()
    opened = 0
    with scopes_disabled():
        for person in participants:
            start = person.entry.entry_date
            if start > today - timedelta(days=7):
                continue
            case = open_case(person, counsellor, opened_on=start)
            opened += 1
            for kind in rng.sample(GoalKind.values, k=rng.choice([1, 1, 2])):
                goal = add_goal(case, counsellor, kind=kind, set_on=start)
                if rng.random() < 0.5:
                    status = rng.choice([GoalStatus.IN_PROGRESS, GoalStatus.REACHED])
                    set_goal_status(
                        goal, status, counsellor, on=min(today, start + timedelta(days=60))
                    )
            last = min(today, start + timedelta(days=rng.randrange(30, 330)))
            contact_days = sorted(
                {start} | {_day_between(rng, start, last) for _ in range(rng.randrange(1, 8))}
            )
            language = person.preferred_language
            for number, day in enumerate(contact_days, start=1):
                is_last = number == len(contact_days)
                add_contact(
                    case,
                    counsellor,
                    date=day,
                    duration_minutes=rng.choice([20, 30, 45, 60, 90]),
                    channel=rng.choice(ContactChannel.values),
                    language=language,
                    interpreter=language in ("ar", "kmr") and rng.random() < 0.3,
                    topics=rng.sample(Topic.values, k=rng.choice([1, 2, 3])),
                    next_step=rng.choice(NEXT_STEPS) if is_last else "",
                    # Due around today, as in a running programme: a few overdue,
                    # most in the coming weeks (never before the contact itself).
                    next_step_due=(
                        max(day, today + timedelta(days=rng.randrange(-7, 45))) if is_last else None
                    ),
                )
            for _ in range(rng.choice([0, 0, 1, 2])):
                target = rng.choice(ReferralTarget.values)
                agency = rng.choice(Agency.values) if target == ReferralTarget.AGENCY else ""
                referral = refer(
                    case,
                    counsellor,
                    target=target,
                    agency=agency,
                    description=(
                        "Migrationsberatung für Erwachsene"
                        if agency == Agency.OTHER
                        else DESCRIPTIONS[target]
                    ),
                    date=_day_between(rng, start, last),
                )
                if rng.random() < 0.7:
                    record_referral_outcome(
                        referral,
                        rng.choice([o for o in ReferralOutcome.values if o != "pending"]),
                        counsellor,
                        outcome_on=min(today, referral.date + timedelta(days=21)),
                    )
            exit_date = last + timedelta(days=14)
            if exit_date < today - timedelta(days=14) and rng.random() < 0.45:
                situation = rng.choice(ExitSituation.values)
                gained = rng.random() < 0.2
                exit_record = record_exit(
                    case,
                    counsellor,
                    exit_date=exit_date,
                    situation=situation,
                    qualification_gained=gained,
                    certificate="Zertifikat Deutsch B1" if gained else "",
                    issuer="telc gGmbH" if gained else "",
                )
                follow_up = exit_record.case.follow_up
                if follow_up.due_on <= today and rng.random() < 0.7:
                    record_follow_up(
                        follow_up,
                        counsellor,
                        in_employment=rng.random() < 0.45,
                        improved_situation=(
                            rng.choice([Improvement.YES, Improvement.NO])
                            if employed_at_entry(exit_record.case)
                            else ""
                        ),
                        done_on=min(today, follow_up.due_on + timedelta(days=5)),
                    )
    return opened
