"""Counselling's contribution to the timeline on the person page.

``timeline_entries(participant, user)`` lists what happened in the person's
cases that ``user`` may see (their own organisation's cases, and cases shared
with it under a live consent): cases opened, goals set and reached or dropped,
contacts, referrals and their outcomes, the exit and the follow-up. Every
``when`` is a ``date`` (none of these records has a time of day). Four queries
whatever the number of cases and records.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from quartier.counselling.cases import cases_visible_to
from quartier.counselling.models import Contact, Goal, GoalStatus, Referral, ReferralOutcome

_GOAL_DONE_TITLES = {
    GoalStatus.REACHED: lambda kind: _("Goal reached: %(goal)s") % {"goal": kind},
    GoalStatus.DROPPED: lambda kind: _("Goal dropped: %(goal)s") % {"goal": kind},
}


def timeline_entries(participant, user) -> list[dict]:
    """Entries ``{"when", "kind", "title", "url"}``, newest first.

    Queries: 1 the visible cases with their exit and follow-up, 2 goals,
    3 contacts, 4 referrals (memberships are cached on the user).
    """
    cases = (
        cases_visible_to(user)
        .filter(participant=participant)
        .select_related("exit", "follow_up")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.with_scopes_disabled().all()),
            Prefetch("contacts", queryset=Contact.objects.with_scopes_disabled().all()),
            Prefetch("referrals", queryset=Referral.objects.with_scopes_disabled().all()),
        )
    )
    entries: list[dict] = []
    for case in cases:
        url = reverse("counselling:case-detail", kwargs={"code": case.public_id})
        entries.append(
            {
                "when": case.opened_on,
                "kind": "counselling.case.opened",
                "badge": _("Case"),
                "title": _("Case opened"),
                "url": url,
            }
        )
        for goal in case.goals.all():
            kind_label = goal.get_kind_display()
            entries.append(
                {
                    "when": goal.set_on,
                    "kind": "counselling.goal",
                    "badge": _("Goal"),
                    "title": _("Goal set: %(goal)s") % {"goal": kind_label},
                    "url": f"{url}#goal-{goal.pk}",
                }
            )
            if goal.status in _GOAL_DONE_TITLES:
                entries.append(
                    {
                        "when": goal.status_changed_on,
                        "kind": f"counselling.goal.{goal.status}",
                        "badge": _("Goal"),
                        "title": _GOAL_DONE_TITLES[goal.status](kind_label),
                        "url": f"{url}#goal-{goal.pk}",
                    }
                )
        for contact in case.contacts.all():
            entries.append(
                {
                    "when": contact.date,
                    "kind": "counselling.contact",
                    "badge": _("Contact"),
                    "title": _("Counselling contact: %(channel)s, %(minutes)d min")
                    % {
                        "channel": contact.get_channel_display(),
                        "minutes": contact.duration_minutes,
                    },
                    "url": f"{url}#contact-{contact.pk}",
                }
            )
        for referral in case.referrals.all():
            entries.append(
                {
                    "when": referral.date,
                    "kind": "counselling.referral",
                    "badge": _("Referral"),
                    "title": _("Referral to %(target)s") % {"target": referral.target_label()},
                    "url": f"{url}#referral-{referral.pk}",
                }
            )
            if referral.outcome != ReferralOutcome.PENDING and referral.outcome_on:
                entries.append(
                    {
                        "when": referral.outcome_on,
                        "kind": "counselling.referral.outcome",
                        "badge": _("Referral"),
                        "title": _("Referral to %(target)s: %(outcome)s")
                        % {
                            "target": referral.target_label(),
                            "outcome": referral.get_outcome_display(),
                        },
                        "url": f"{url}#referral-{referral.pk}",
                    }
                )
        exit_ = getattr(case, "exit", None)
        if exit_ is not None:
            entries.append(
                {
                    "when": exit_.exit_date,
                    "kind": "counselling.exit",
                    "badge": _("Exit"),
                    "title": _("Exit: %(situation)s")
                    % {"situation": exit_.get_situation_display()},
                    "url": f"{url}#exit",
                }
            )
        follow_up = getattr(case, "follow_up", None)
        if follow_up is not None and follow_up.done_on is not None:
            entries.append(
                {
                    "when": follow_up.done_on,
                    "kind": "counselling.follow_up",
                    "badge": _("Follow-up"),
                    "title": _("Follow-up: in employment")
                    if follow_up.in_employment
                    else _("Follow-up: not in employment"),
                    "url": f"{url}#follow-up",
                }
            )
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries
