"""Founders: people planning a business, held by the advising organisation (personal data)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from quartier.accounts.access import roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation, Role
from quartier.economy.models import Founder

# Who advises founders and businesses: business advisors, and project leads who oversee them.
ADVISING = roles(Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD)

FOUNDER_FIELDS = (
    "participant",
    "name",
    "email",
    "phone",
    "languages",
    "business_idea",
    "sector",
    "premises_kind",
    "premises_area",
    "stage",
    "business",
)


def advising_organisation(user) -> Organisation:
    """The organisation in whose name the user records advice (their first advising one)."""
    ids = ADVISING.organisations(user)
    if not ids:
        raise ValidationError(_("You advise for no organisation."))
    return Organisation.objects.get(pk=ids[0])


def founders_visible_to(user) -> QuerySet[Founder]:
    return Founder.objects.filter(organisation_id__in=ADVISING.organisations(user))


def get_founder(user, code) -> Founder:
    """The founder with this public id if the user's organisation holds it, else 404."""
    founder = (
        founders_visible_to(user)
        .select_related("participant", "sector", "business", "advisor", "organisation")
        .filter(public_id=code)
        .first()
    )
    if founder is None:
        raise Http404
    return founder


def view_founder(founder: Founder, by) -> None:
    log_action("economy.founder.viewed", by, founder)


def _check(founder: Founder) -> None:
    if (
        founder.participant is not None
        and founder.participant.organisation_id != founder.organisation_id
    ):
        raise ValidationError(_("Choose a participant of your own organisation."))
    if not founder.participant_id and not founder.name.strip():
        raise ValidationError(_("Give the founder's name, or choose a participant."))
    # Uniqueness of the public id is checked over every organisation.
    with scopes_disabled():
        founder.full_clean()


@transaction.atomic
def create_founder(by, organisation: Organisation | None = None, **values) -> Founder:
    founder = Founder(
        organisation=organisation or advising_organisation(by),
        advisor=by,
        **{key: value for key, value in values.items() if key in FOUNDER_FIELDS},
    )
    _check(founder)
    founder.save()
    log_action("economy.founder.created", by, founder, {"stage": founder.stage})
    return founder


@transaction.atomic
def update_founder(founder: Founder, by, **values) -> Founder:
    changed = sorted(
        key
        for key, value in values.items()
        if key in FOUNDER_FIELDS and getattr(founder, key) != value
    )
    for key in changed:
        setattr(founder, key, values[key])
    _check(founder)
    founder.save()
    log_action("economy.founder.changed", by, founder, {"fields": changed})
    return founder
