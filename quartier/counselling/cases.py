"""Opening cases, and who may see and work on a case.

A case is seen by the counsellors and project leads of the organisation that
holds it, and by those of an organisation it is shared with or handed to while
the participant's HANDOVER consent for that organisation is live. The consent
is checked in the query itself, at every read: a withdrawal hides the case at
once. Everyone else gets a 404, so another organisation cannot even tell that
the person exists.

Permission checks belong to the callers (views, API): the services here
validate the data, write in a transaction and audit.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.access import roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Membership, Role
from quartier.counselling.models import Case, CaseShare, CaseStatus, ShareKind
from quartier.people.models import Participant, Purpose

CASE_ROLES = (Role.COUNSELLOR, Role.PROJECT_LEAD)
CASE_WORK = roles(*CASE_ROLES)


class CounsellingError(ValueError):
    """A write that the data does not allow; the message is for the user, translated."""


def live_shares(organisations: list[int], kinds: tuple[str, ...] | None = None) -> QuerySet:
    """Shares with these organisations whose consent has not been withdrawn (not scoped)."""
    shares = CaseShare.objects.with_scopes_disabled().filter(
        organisation_id__in=organisations,
        ended_at=None,
        consent__withdrawn_at=None,
        consent__purpose=Purpose.HANDOVER,
        consent__recipient_id=F("organisation_id"),
    )
    if kinds is not None:
        shares = shares.filter(kind__in=kinds)
    return shares


def cases_visible_to(user) -> QuerySet:
    """Cases of the user's organisations, plus cases shared with them under a live consent.

    Not bound to the request's scope: the shares reach across organisations, and
    this query is the whole rule. One query when evaluated (memberships are cached).
    """
    organisations = CASE_WORK.organisations(user)
    shared = live_shares(organisations).filter(case=OuterRef("pk"))
    return Case.objects.with_scopes_disabled().filter(
        Q(organisation_id__in=organisations) | Exists(shared)
    )


def participants_shared_with(user) -> QuerySet:
    """Participants of other organisations whose case is shared with the user's, live now.

    For the person page: such a person may be shown to the recipient, no one else.
    """
    organisations = CASE_WORK.organisations(user)
    case_ids = live_shares(organisations).values("case_id")
    return Participant.objects.with_scopes_disabled().filter(
        Exists(
            Case.objects.with_scopes_disabled().filter(pk__in=case_ids, participant=OuterRef("pk"))
        )
    )


def can_work_on(case: Case, user) -> bool:
    """May the user add to the case? The holder's staff, and a handover's recipient.

    Queries once unless the user belongs to the holding organisation.
    """
    organisations = CASE_WORK.organisations(user)
    if case.organisation_id in organisations:
        return True
    return live_shares(organisations, kinds=(ShareKind.HANDOVER,)).filter(case=case).exists()


def can_share(case: Case, user) -> bool:
    """Only the holding organisation passes a case on."""
    return case.organisation_id in CASE_WORK.organisations(user)


def get_case(user, code, *, work: bool = False, related: tuple[str, ...] = ()) -> Case:
    """The case with this public id if the user may see it, else 404.

    With ``work=True``, refuses (403) a user who may read the case but not add to it.
    """
    case = (
        cases_visible_to(user)
        .select_related("participant", "participant__organisation", "organisation", *related)
        .filter(public_id=code)
        .first()
    )
    if case is None:
        raise Http404
    if work and not can_work_on(case, user):
        raise PermissionDenied
    return case


def counsellors_of(organisation_id: int) -> QuerySet:
    """Users who may be responsible for a case of this organisation."""
    from quartier.accounts.models import User

    members = Membership.objects.filter(organisation_id=organisation_id, role__in=CASE_ROLES)
    return User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
        "name", "email"
    )


def open_case(
    participant: Participant,
    by,
    counsellor=None,
    opened_on: date | None = None,
) -> Case:
    """Open a case for the participant at the organisation that holds their record.

    The responsible counsellor defaults to ``by`` and must counsel or lead in
    that organisation. A second open case with the same organisation is refused.
    """
    counsellor = counsellor if counsellor is not None else by
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise CounsellingError(_("A case cannot be opened in the future."))
    if (
        counsellor is not None
        and not counsellors_of(participant.organisation_id).filter(pk=counsellor.pk).exists()
    ):
        raise CounsellingError(
            _("The responsible counsellor must counsel or lead in the organisation of the case.")
        )
    try:
        with transaction.atomic():
            case = Case.objects.with_scope(organisation=participant.organisation_id).create(
                participant=participant,
                organisation_id=participant.organisation_id,
                counsellor=counsellor,
                opened_on=opened_on,
            )
            log_action(
                "counselling.case.opened",
                actor=by,
                subject=case,
                organisation=participant.organisation,
                data={"case": str(case.public_id), "participant": str(participant.public_id)},
            )
    except IntegrityError:
        raise CounsellingError(
            _("This person already has an open case with this organisation.")
        ) from None
    return case


def set_case_status(case: Case, status: str, by) -> Case:
    """Move an open case between intake, active and paused; closing is ``record_exit``."""
    if case.is_closed:
        raise CounsellingError(_("This case is closed."))
    if status not in (CaseStatus.INTAKE, CaseStatus.ACTIVE, CaseStatus.PAUSED):
        raise CounsellingError(_("A case is closed by recording the exit."))
    if status == case.status:
        return case
    with transaction.atomic():
        previous = case.status
        case.status = status
        case.save(update_fields=["status"])
        log_action(
            "counselling.case.status_changed",
            actor=by,
            subject=case,
            data={"case": str(case.public_id), "from": previous, "to": status},
        )
    return case


def change_counsellor(case: Case, counsellor, by) -> Case:
    """Make another member of the holding organisation responsible for the case."""
    if not counsellors_of(case.organisation_id).filter(pk=counsellor.pk).exists():
        raise CounsellingError(
            _("The responsible counsellor must counsel or lead in the organisation of the case.")
        )
    if counsellor.pk == case.counsellor_id:
        return case
    with transaction.atomic():
        case.counsellor = counsellor
        case.save(update_fields=["counsellor"])
        log_action(
            "counselling.case.counsellor_changed",
            actor=by,
            subject=case,
            data={"case": str(case.public_id), "counsellor": counsellor.email},
        )
    return case
