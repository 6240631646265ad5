"""Becoming a training company (dated steps) and training alliances (Verbundausbildung),
with suggestions of partner businesses that could complete an alliance."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.audit import log_action
from quartier.economy.businesses.models import STEP_ORDER
from quartier.economy.businesses.register import _actor_org, editable_businesses, is_editor
from quartier.economy.models import (
    AlliancePart,
    Business,
    TrainingAlliance,
    TrainingStep,
    TrainingStepKind,
)

# Steps after which the business counts as training.
TRAINING_STEPS = (TrainingStepKind.CHAMBER_APPROVED, TrainingStepKind.FIRST_APPRENTICE)


def _check_may_edit(business: Business, by) -> None:
    if not editable_businesses(by).filter(pk=business.pk).exists():
        raise Http404


@transaction.atomic
def record_step(business: Business, kind: str, on: date, by, note: str = "") -> TrainingStep:
    """Record (or re-date) one step of the path. Steps keep their order in time."""
    _check_may_edit(business, by)
    if kind not in STEP_ORDER:
        raise ValidationError({"kind": _("Choose a step of the path.")})
    if on is None:
        raise ValidationError({"date": _("Give the date of the step.")})
    if on > timezone.localdate():
        raise ValidationError({"date": _("A step cannot be recorded for a future date.")})
    others = {step.kind: step.date for step in business.training_steps.exclude(kind=kind)}
    position = STEP_ORDER.index(kind)
    for other_kind, other_date in others.items():
        other_position = STEP_ORDER.index(other_kind)
        if other_position < position and other_date > on:
            raise ValidationError(
                {
                    "date": _("This step cannot come before “%(step)s” (%(date)s).")
                    % {
                        "step": TrainingStepKind(other_kind).label,
                        "date": other_date.isoformat(),
                    }
                }
            )
        if other_position > position and other_date < on:
            raise ValidationError(
                {
                    "date": _("This step cannot come after “%(step)s” (%(date)s).")
                    % {
                        "step": TrainingStepKind(other_kind).label,
                        "date": other_date.isoformat(),
                    }
                }
            )
    step, created = TrainingStep.objects.update_or_create(
        business=business, kind=kind, defaults={"date": on, "note": note}
    )
    updates = []
    if kind == TrainingStepKind.INTEREST and not business.interest_in_training:
        business.interest_in_training = True
        updates.append("interest_in_training")
    if kind in TRAINING_STEPS and not business.trains:
        business.trains = True
        updates.append("trains")
    if updates:
        business.save(update_fields=[*updates, "updated_at"])
    log_action(
        "economy.training_step.recorded" if created else "economy.training_step.changed",
        by,
        step,
        {"business": business.slug, "kind": kind, "date": on.isoformat()},
        organisation=_actor_org(by),
    )
    return step


@transaction.atomic
def remove_step(step: TrainingStep, by) -> None:
    _check_may_edit(step.business, by)
    log_action(
        "economy.training_step.removed",
        by,
        step,
        {"business": step.business.slug, "kind": step.kind},
        organisation=_actor_org(by),
    )
    step.delete()


def path_of(business: Business) -> list[dict]:
    """Every step of the path in order, with its date if reached. One query."""
    reached = {step.kind: step for step in business.training_steps.all()}
    return [
        {"kind": kind.value, "label": kind.label, "step": reached.get(kind.value)}
        for kind in TrainingStepKind
    ]


# -- Alliances ----------------------------------------------------------------------


def _check_editor(by) -> None:
    if not is_editor(by):
        raise Http404


@transaction.atomic
def create_alliance(
    lead_business: Business,
    by,
    *,
    start: date,
    occupation=None,
    occupation_label: str = "",
    apprentice_label: str = "",
    end: date | None = None,
    covers: str = "",
    months: int | None = None,
) -> TrainingAlliance:
    """A new alliance led by ``lead_business``, which is its first part."""
    _check_editor(by)
    if occupation is None and not occupation_label.strip():
        raise ValidationError({"occupation": _("Choose the occupation or write it down.")})
    if occupation is not None and occupation.kind != "occupation":
        raise ValidationError({"occupation": _("Choose an occupation, not a skill.")})
    if end is not None and start is not None and end < start:
        raise ValidationError({"end": _("The end cannot be before the start.")})
    alliance = TrainingAlliance(
        lead_business=lead_business,
        occupation=occupation,
        occupation_label=occupation_label.strip(),
        apprentice_label=apprentice_label.strip(),
        start=start,
        end=end,
    )
    alliance.full_clean()
    alliance.save()
    AlliancePart.objects.create(
        alliance=alliance, business=lead_business, covers=covers.strip(), months=months
    )
    log_action(
        "economy.alliance.created",
        by,
        alliance,
        {"lead": lead_business.slug},
        organisation=_actor_org(by),
    )
    return alliance


@transaction.atomic
def add_part(
    alliance: TrainingAlliance, business: Business, by, covers: str = "", months=None
) -> AlliancePart:
    _check_editor(by)
    if alliance.parts.filter(business=business).exists():
        raise ValidationError({"business": _("This business already takes part.")})
    if business.status == Business.Status.CLOSED:
        raise ValidationError({"business": _("A closed business cannot take part.")})
    part = AlliancePart.objects.create(
        alliance=alliance, business=business, covers=covers.strip(), months=months
    )
    log_action(
        "economy.alliance.part_added",
        by,
        alliance,
        {"business": business.slug},
        organisation=_actor_org(by),
    )
    return part


@transaction.atomic
def remove_part(part: AlliancePart, by) -> None:
    _check_editor(by)
    if part.business_id == part.alliance.lead_business_id:
        raise ValidationError(_("The lead business cannot leave its own alliance."))
    log_action(
        "economy.alliance.part_removed",
        by,
        part.alliance,
        {"business": part.business.slug},
        organisation=_actor_org(by),
    )
    part.delete()


@dataclass
class Suggestion:
    business: Business
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def suggest_partners(alliance: TrainingAlliance, limit: int = 10) -> list[Suggestion]:
    """Businesses that could complete ``alliance``, best first, each with its reasons.

    Candidates train, are on the path to training or are interested in it, are not
    closed and not yet in the alliance. Two queries (the alliance's parts, the candidates).
    """
    parts = list(alliance.parts.select_related("business"))
    members = {part.business_id for part in parts}
    sectors = {part.business.sector_id for part in parts if part.business.sector_id}
    neighbourhoods = {
        part.business.neighbourhood_id for part in parts if part.business.neighbourhood_id
    }
    same_occupation = AlliancePart.objects.filter(business=OuterRef("pk")).exclude(
        alliance=alliance
    )
    if alliance.occupation_id:
        same_occupation = same_occupation.filter(alliance__occupation_id=alliance.occupation_id)
    else:
        same_occupation = same_occupation.filter(
            alliance__occupation_label__iexact=alliance.occupation_label
        )
    on_path = TrainingStep.objects.filter(business=OuterRef("pk"))
    candidates = (
        Business.objects.exclude(pk__in=members)
        .exclude(status=Business.Status.CLOSED)
        .annotate(same_occupation=Exists(same_occupation), on_path=Exists(on_path))
        .filter(Q(trains=True) | Q(interest_in_training=True) | Q(on_path=True))
        .select_related("sector", "neighbourhood")
    )
    suggestions = []
    for business in candidates:
        suggestion = Suggestion(business)
        if business.same_occupation:
            suggestion.score += 4
            suggestion.reasons.append(_("has trained in this occupation in another alliance"))
        if business.sector is not None and business.sector_id in sectors:
            suggestion.score += 2
            suggestion.reasons.append(
                _("same sector: %(sector)s") % {"sector": business.sector.name()}
            )
        if business.trains:
            suggestion.score += 2
            suggestion.reasons.append(_("trains apprentices"))
        elif business.on_path:
            suggestion.score += 1
            suggestion.reasons.append(_("on the way to becoming a training company"))
        if business.trainer_aptitude_holder:
            suggestion.score += 1
            suggestion.reasons.append(_("has a qualified trainer (AEVO)"))
        if business.interest_in_training:
            suggestion.score += 1
            suggestion.reasons.append(_("interested in training"))
        if business.neighbourhood is not None and business.neighbourhood_id in neighbourhoods:
            suggestion.score += 1
            suggestion.reasons.append(
                _("in the same neighbourhood: %(name)s") % {"name": business.neighbourhood.name}
            )
        suggestions.append(suggestion)
    suggestions.sort(key=lambda item: (-item.score, item.business.name.casefold()))
    return suggestions[:limit]
