"""What counselling puts at the top of the person page: the current cases and their buttons.

The cases are those ``user`` may see (``cases.cases_visible_to``) that are not closed,
with their goals still open or in progress and the next step agreed at the latest
contact. Two queries (the cases with their counsellor, their goals), made once per
request: the panel and the buttons read the same list, kept on the participant.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.counselling.cases import cases_visible_to
from quartier.counselling.models import Case, CaseStatus, Goal, GoalStatus
from quartier.people.models import Participant
from quartier.people.parts import PersonAction, PersonPanel

_CACHE = "_counselling_open_cases"


def open_cases(participant: Participant, user) -> list[Case]:
    """The person's cases that are not closed and the user may see, newest first."""
    cached = participant.__dict__.get(_CACHE)
    if cached is None:
        goals = Goal.objects.with_scopes_disabled().filter(
            status__in=(GoalStatus.OPEN, GoalStatus.IN_PROGRESS)
        )
        cached = list(
            cases_visible_to(user)
            .filter(participant=participant)
            .exclude(status=CaseStatus.CLOSED)
            .select_related("counsellor", "organisation")
            .prefetch_related(Prefetch("goals", queryset=goals, to_attr="current_goals"))
            .order_by("-opened_on", "-pk")
        )
        participant.__dict__[_CACHE] = cached
    return cached


def panels(participant: Participant, user) -> list[PersonPanel]:
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "goals": case.current_goals,  # type: ignore[attr-defined]
            "overdue": case.next_step_due is not None and case.next_step_due < today,
        }
        for case in open_cases(participant, user)
    ]
    return [PersonPanel("counselling/_person_cases.html", {"cases": rows}, order=10)]


def actions(participant: Participant, user) -> list[PersonAction]:
    """Open a case while the person's organisation holds none; else record a contact in it."""
    held = [
        case
        for case in open_cases(participant, user)
        if case.organisation_id == participant.organisation_id
    ]
    if participant.anonymised_at is not None:
        return []
    if not held:
        return [
            PersonAction(
                "counselling:case-open", {"code": participant.public_id}, _("Open a case"), 10
            )
        ]
    return [
        PersonAction(
            "counselling:contact-add", {"code": held[0].public_id}, _("Record a contact"), 20
        )
    ]
