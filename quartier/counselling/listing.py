"""Filters the counselling app adds to the participant list: case status, goal, counsellor."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from quartier.counselling.cases import CASE_WORK, counsellors_of
from quartier.counselling.models import Case, CaseStatus, Goal, GoalKind
from quartier.people.parts import ParticipantFilter


def _cases():
    # The list is already scoped to the user's organisations; the cases are the
    # holder's own, so the subqueries need no scope of their own.
    return Case.objects.with_scopes_disabled()


def _status_field(user) -> forms.Field:
    return forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *CaseStatus.choices]
    )


def _by_status(participants, value, user):
    return participants.filter(Exists(_cases().filter(participant=OuterRef("pk"), status=value)))


def _goal_field(user) -> forms.Field:
    return forms.ChoiceField(
        label=_("Goal"), required=False, choices=[("", _("Any")), *GoalKind.choices]
    )


def _by_goal(participants, value, user):
    goals = Goal.objects.with_scopes_disabled().filter(case__participant=OuterRef("pk"), kind=value)
    return participants.filter(Exists(goals))


def _counsellor_field(user) -> forms.Field:
    organisations = CASE_WORK.organisations(user)
    counsellors = counsellors_of(organisations[0]) if len(organisations) == 1 else None
    if counsellors is None:
        from quartier.accounts.models import User

        counsellors = User.objects.filter(memberships__organisation_id__in=organisations).distinct()
    return forms.ModelChoiceField(
        label=_("Counsellor"), required=False, queryset=counsellors, empty_label=_("Any")
    )


def _by_counsellor(participants, value, user):
    return participants.filter(
        Exists(_cases().filter(participant=OuterRef("pk"), counsellor=value))
    )


def filters() -> list[ParticipantFilter]:
    return [
        ParticipantFilter("case_status", _status_field, _by_status),
        ParticipantFilter("goal", _goal_field, _by_goal),
        ParticipantFilter("counsellor", _counsellor_field, _by_counsellor),
    ]
