"""The catalogue of funding programmes, and the advice and applications of founders."""

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from quartier.accounts.audit import log_action
from quartier.economy.models import (
    ApplicationOutcome,
    Founder,
    FundingAdvice,
    FundingApplication,
    FundingKind,
    FundingProgramme,
)

CATALOGUE = Path(__file__).with_name("advice_funding.toml")
FIELDS = ("name", "provider", "kind", "link", "eligibility", "descriptions")


def load_catalogue(path: Path = CATALOGUE) -> tuple[int, int]:
    """Create or update the programmes of a TOML catalogue by slug; returns (created, updated).

    Programmes missing from the file are kept (applications point to them). A bad
    entry stops the load with a message naming it, and nothing is written.
    """
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("programme", [])
    kinds = set(FundingKind.values)
    created = updated = 0
    with transaction.atomic():
        for number, entry in enumerate(entries, start=1):
            slug = entry.get("slug", "")
            if not slug or not entry.get("name") or entry.get("kind") not in kinds:
                raise ValidationError(
                    _("Programme %(number)s (%(slug)s) needs a slug, a name and a known kind.")
                    % {"number": number, "slug": slug or "?"}
                )
            values = {
                field: entry.get(field, {} if field in FIELDS[4:] else "") for field in FIELDS
            }
            for field in FIELDS[4:]:
                # The texts' own field validates and strips them before they are written.
                texts = FundingProgramme._meta.get_field(field)
                values[field] = texts.clean(values[field], None)
            programme, was_created = FundingProgramme.objects.update_or_create(
                slug=slug, defaults={**values, "active": entry.get("active", True)}
            )
            programme.full_clean()
            created += was_created
            updated += not was_created
    return created, updated


@transaction.atomic
def record_advice(
    founder: Founder, by, on: date, programmes: list[FundingProgramme], notes: str = ""
) -> FundingAdvice:
    if on > timezone.localdate():
        raise ValidationError(_("Advice cannot be recorded for a future date."))
    advice = FundingAdvice.objects.create(founder=founder, date=on, advisor=by, notes=notes)
    advice.programmes.set(programmes)
    log_action(
        "economy.funding_advice.added",
        by,
        founder,
        {"date": on.isoformat(), "programmes": [p.slug for p in programmes]},
    )
    return advice


@transaction.atomic
def record_application(
    founder: Founder,
    by,
    programme: FundingProgramme,
    applied_on: date,
    amount_requested: Decimal | None = None,
) -> FundingApplication:
    application = FundingApplication(
        founder=founder,
        programme=programme,
        applied_on=applied_on,
        amount_requested=amount_requested,
    )
    # Uniqueness of the public id is checked over every organisation.
    with scopes_disabled():
        application.full_clean()
    application.save()
    log_action(
        "economy.funding_application.added",
        by,
        founder,
        {"programme": programme.slug, "applied_on": applied_on.isoformat()},
    )
    return application


@transaction.atomic
def record_outcome(
    application: FundingApplication,
    by,
    outcome: str,
    decided_on: date | None,
    amount_granted: Decimal | None = None,
) -> FundingApplication:
    if outcome not in ApplicationOutcome.values:
        raise ValidationError(_("Choose a known outcome."))
    if outcome == ApplicationOutcome.PENDING:
        decided_on, amount_granted = None, None
    elif decided_on is None:
        raise ValidationError(_("Say when it was decided."))
    elif decided_on < application.applied_on:
        raise ValidationError(_("A decision cannot come before the application."))
    if outcome != ApplicationOutcome.GRANTED:
        amount_granted = None
    application.outcome = outcome
    application.decided_on = decided_on
    application.amount_granted = amount_granted
    application.save(update_fields=["outcome", "decided_on", "amount_granted"])
    log_action(
        "economy.funding_application.decided",
        by,
        application.founder,
        {"application": application.pk, "outcome": outcome},
    )
    return application
