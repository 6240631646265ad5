"""Counselling's part of the data-subject rights (see ``quartier.people.rights``).

Export: the person's cases (with exit and follow-up), goals, counselling
contacts, referrals and the organisations their cases were shared with; one
query per section. Staff members' names stay out, as in the people sections.

Erasure (``erase``): the counselling record rests on the person's consent, so
its free text goes at once: contact notes, topics and agreed next steps, goal
notes, referral descriptions, the case's next step. Live shares end, so no
other organisation sees the case any more. Kept until the retention date, for
the ESF+ result indicators and the programme's success measures: the dates,
durations, channels, languages and interpreter flags of contacts, goal kinds
and their status, referral targets and outcomes, the exit situation with the
gained qualification, and the follow-up result.

Anonymisation (``anonymise``): the same clearing, set-wise, for a batch of
people whose retention date has passed. The certificate and its issuer stay:
they name a kind of qualification and a school, not the person, and the
"gained a qualification" indicator needs them.

``CounsellingPart`` (``counselling/person.py``) offers all three to people
through ``quartier.people.parts.PersonPart``.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.audit import log_action
from quartier.counselling.models import (
    Case,
    CaseShare,
    Contact,
    Exit,
    FollowUp,
    Goal,
    Referral,
    Topic,
)
from quartier.lib.languages import language_name
from quartier.people import rights
from quartier.people.parts import Exporter

Rows = list[dict[str, Any]]

CASE_FIELDS = ["opened_on", "closed_on", "status", "next_step", "next_step_due"]
GOAL_FIELDS = ["kind", "status", "note", "set_on", "status_changed_on"]
CONTACT_FIELDS = [
    "date",
    "duration_minutes",
    "channel",
    "language",
    "interpreter",
    "topics",
    "notes",
    "next_step",
    "next_step_due",
]
REFERRAL_FIELDS = ["date", "target", "agency", "description", "outcome", "outcome_on"]
SHARE_FIELDS = ["kind", "since", "ended_at"]


def _unscoped(model):
    return model.objects.with_scopes_disabled()


def case_rows(participant) -> Rows:
    """The cases with their exit and follow-up. One query."""
    cases = (
        _unscoped(Case)
        .filter(participant=participant)
        .select_related("organisation", "exit", "follow_up")
        .order_by("opened_on", "pk")
    )
    rows = []
    for case in cases:
        exit_ = getattr(case, "exit", None)
        follow_up = getattr(case, "follow_up", None)
        rows.append(
            {
                "case": case.public_id,
                "organisation": str(case.organisation),
                **{name: getattr(case, name) for name in CASE_FIELDS},
                "exit_date": exit_.exit_date if exit_ else None,
                "situation": exit_.situation if exit_ else None,
                "qualification_gained": exit_.qualification_gained if exit_ else None,
                "certificate": exit_.certificate if exit_ else None,
                "issuer": exit_.issuer if exit_ else None,
                "follow_up_due_on": follow_up.due_on if follow_up else None,
                "follow_up_done_on": follow_up.done_on if follow_up else None,
                "in_employment": follow_up.in_employment if follow_up else None,
                "improved_situation": follow_up.improved_situation if follow_up else None,
            }
        )
    return rows


def _rows(model, fields: list[str], participant) -> Rows:
    """One query: the model's rows in the person's cases, oldest first."""
    records = (
        _unscoped(model)
        .filter(case__participant=participant)
        .select_related("case")
        .order_by("case__opened_on", "case_id", "pk")
    )
    return [
        {"case": record.case.public_id, **{name: getattr(record, name) for name in fields}}
        for record in records
    ]


def goal_rows(participant) -> Rows:
    return _rows(Goal, GOAL_FIELDS, participant)


def contact_rows(participant) -> Rows:
    return _rows(Contact, CONTACT_FIELDS, participant)


def referral_rows(participant) -> Rows:
    return _rows(Referral, REFERRAL_FIELDS, participant)


def share_rows(participant) -> Rows:
    """Which organisations saw the case, since when, until when. One query."""
    shares = (
        _unscoped(CaseShare)
        .filter(case__participant=participant)
        .select_related("case", "organisation")
        .order_by("since", "pk")
    )
    return [
        {
            "case": share.case.public_id,
            "organisation": str(share.organisation),
            **{name: getattr(share, name) for name in SHARE_FIELDS},
        }
        for share in shares
    ]


def _clear_free_text(case_filter: dict[str, Any]) -> dict[str, int]:
    """Empty the consent-based free text of the matching cases; counts per kind."""
    return {
        "contacts": _unscoped(Contact)
        .filter(**{f"case__{key}": value for key, value in case_filter.items()})
        .update(notes="", topics=[], next_step="", next_step_due=None),
        "goals": _unscoped(Goal)
        .filter(**{f"case__{key}": value for key, value in case_filter.items()})
        .update(note=""),
        "referrals": _unscoped(Referral)
        .filter(**{f"case__{key}": value for key, value in case_filter.items()})
        .update(description=""),
        "cases": _unscoped(Case).filter(**case_filter).update(next_step="", next_step_due=None),
    }


def erase(participant, by) -> None:
    """Delete the consent-based counselling data now (runs inside the erasure's transaction)."""
    counts = _clear_free_text({"participant": participant})
    ended = (
        _unscoped(CaseShare)
        .filter(case__participant=participant, ended_at=None)
        .update(ended_at=timezone.now())
    )
    log_action(
        "counselling.record.erased",
        actor=by,
        subject=participant,
        data={**counts, "shares_ended": ended},
    )


def anonymise(participant_ids: list[int]) -> None:
    """Clear the free text of these people's cases, set-wise (a few queries per batch)."""
    if not participant_ids:
        return
    _clear_free_text({"participant_id__in": participant_ids})
    _unscoped(CaseShare).filter(case__participant_id__in=participant_ids, ended_at=None).update(
        ended_at=timezone.now()
    )


def topic_label(code: str) -> str:
    return str(dict(Topic.choices).get(code, code))


def export_sections() -> list[Exporter]:
    """Counselling's sections of the export: cases, goals, contacts, referrals, shares."""
    case_description = rights.describe(Case, CASE_FIELDS)
    for model, fields in (
        (Exit, ["exit_date", "situation", "qualification_gained", "certificate", "issuer"]),
        (FollowUp, ["in_employment", "improved_situation"]),
    ):
        extra = rights.describe(model, fields)
        case_description["labels"].update(extra["labels"])
        case_description["choices"].update(extra["choices"])
    case_description["labels"].update(
        {
            "case": _("case"),
            "organisation": _("organisation"),
            "follow_up_due_on": _("follow-up due on"),
            "follow_up_done_on": _("follow-up done on"),
        }
    )
    sections = [
        rights.export_section(
            "counselling_cases", case_rows, title=_("Counselling cases"), **case_description
        )
    ]
    for name, rows, model, fields, title in (
        ("counselling_goals", goal_rows, Goal, GOAL_FIELDS, _("Goals")),
        ("counselling_contacts", contact_rows, Contact, CONTACT_FIELDS, _("Counselling contacts")),
        ("counselling_referrals", referral_rows, Referral, REFERRAL_FIELDS, _("Referrals")),
    ):
        description = rights.describe(model, fields)
        description["labels"]["case"] = _("case")
        formatters = {"language": language_name, "topics": topic_label} if model is Contact else {}
        sections.append(
            rights.export_section(name, rows, title=title, formatters=formatters, **description)
        )
    share_description = rights.describe(CaseShare, SHARE_FIELDS)
    share_description["labels"].update({"case": _("case"), "organisation": _("shared with")})
    sections.append(
        rights.export_section(
            "counselling_shares",
            share_rows,
            title=_("Cases shared with other organisations"),
            **share_description,
        )
    )
    return sections
