"""Employers' contact requests: asked for through a pseudonymous profile, answered by counsellors.

The employer never learns who the person is from Quartier: the holding
organisation's counsellor asks the person and answers with what the person
agreed to pass on (or that the person will get in touch). Withdrawing the
consent to be shown to employers cancels every request still open.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from quartier.accounts.access import EMPLOYER, roles
from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation, Role
from quartier.competences.employers.models import LIVE_REQUEST_STATUSES, ContactRequest
from quartier.competences.profile.models import CompetenceProfile
from quartier.people.models import Participant, Purpose

Status = ContactRequest.Status

# Who answers requests: the counsellors (and project leads) of the holding organisation.
# Who answers employers' requests: the counsellors and leads who hold the person.
ANSWERING = roles(Role.COUNSELLOR, Role.PROJECT_LEAD)
MESSAGE_MAX = 2000
CONTACT_MAX = 300


class ContactRequestError(ValueError):
    pass


def ask_for_contact(
    profile: CompetenceProfile, employer: Organisation, by, message: str, contact: str
) -> ContactRequest:
    """An employer asks to meet the person behind ``profile``.

    The caller has checked that the profile is visible to employers now (the
    person's live consent). One live request per employer and profile.
    """
    message, contact = message.strip(), contact.strip()
    errors = {}
    if not message:
        errors["message"] = [_("Say briefly what you offer and why this profile.")]
    elif len(message) > MESSAGE_MAX:
        errors["message"] = [_("Please keep the message under 2000 characters.")]
    if not contact:
        errors["contact"] = [_("Say how the person or the counsellor can reach you.")]
    elif len(contact) > CONTACT_MAX:
        errors["contact"] = [_("Please keep this under 300 characters.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic(), scopes_disabled():
            request = ContactRequest.objects.create(
                profile=profile,
                organisation_id=profile.organisation_id,
                employer=employer,
                requested_by=by,
                message=message,
                contact=contact,
            )
            log_action(
                "competences.contact_request.created",
                actor=by,
                subject=request,
                data={"request": str(request.public_id), "employer": employer.slug},
            )
    except IntegrityError:
        raise ContactRequestError(
            _("You have already asked for contact with this profile; see your requests.")
        ) from None
    return request


def requests_to_answer(user, statuses=LIVE_REQUEST_STATUSES):
    """Requests for the people held by the user's organisations (counsellors, leads)."""
    return ContactRequest.objects.with_scopes_disabled().filter(
        organisation_id__in=ANSWERING.organisations(user), status__in=statuses
    )


def requests_of_employer(user):
    """The requests made by the user's business organisations."""
    return ContactRequest.objects.with_scopes_disabled().filter(
        employer_id__in=EMPLOYER.organisations(user)
    )


def requests_for_participant(participant: Participant) -> list[ContactRequest]:
    with scopes_disabled():
        return list(
            ContactRequest.objects.filter(profile__participant=participant)
            .select_related("employer")
            .order_by("-created_at", "-pk")
        )


def _transition(request: ContactRequest, by, to: str, allowed_from, code: str, **fields):
    with transaction.atomic(), scopes_disabled():
        updated = ContactRequest.objects.filter(pk=request.pk, status__in=allowed_from).update(
            status=to, **fields
        )
        if updated != 1:
            raise ContactRequestError(_("This request has been answered or cancelled already."))
        log_action(
            code,
            actor=by,
            subject=request,
            data={"request": str(request.public_id), "status": to},
        )
        request.refresh_from_db()
    return request


def record_asked(request: ContactRequest, by) -> ContactRequest:
    """The counsellor has asked the person; the employer sees that things are moving."""
    return _transition(
        request,
        by,
        Status.ASKED,
        [Status.OPEN],
        "competences.contact_request.asked",
        asked_at=timezone.now(),
        asked_by=by,
    )


def answer_request(request: ContactRequest, by, accepted: bool, answer: str) -> ContactRequest:
    """Accept or decline for the person. The answer is shown to the employer as written."""
    answer = answer.strip()
    if len(answer) > MESSAGE_MAX:
        raise ValidationError({"answer": [_("Please keep the answer under 2000 characters.")]})
    if accepted and not answer:
        raise ValidationError(
            {
                "answer": [
                    _(
                        "Tell the employer how the contact will happen, e.g. that the person "
                        "will call them, or what the person agreed to share."
                    )
                ]
            }
        )
    return _transition(
        request,
        by,
        Status.ACCEPTED if accepted else Status.DECLINED,
        LIVE_REQUEST_STATUSES,
        "competences.contact_request.accepted"
        if accepted
        else "competences.contact_request.declined",
        answered_at=timezone.now(),
        answered_by=by,
        answer=answer,
    )


def cancel_open_requests(participant_ids: list[int], by=None, reason: str = "") -> int:
    """Cancel every live request for these people (consent withdrawn, erasure); audited."""
    with scopes_disabled():
        live = list(
            ContactRequest.objects.filter(
                profile__participant_id__in=participant_ids, status__in=LIVE_REQUEST_STATUSES
            ).select_related("organisation")
        )
        if not live:
            return 0
        ContactRequest.objects.filter(pk__in=[item.pk for item in live]).update(
            status=Status.CANCELLED, answered_at=timezone.now()
        )
        for item in live:
            log_action(
                "competences.contact_request.cancelled",
                actor=by,
                subject=item,
                data={"request": str(item.public_id), "reason": reason},
                organisation=item.organisation,
            )
    return len(live)


def on_consent_withdrawn(consent, by) -> None:
    """On withdrawal (``EmployersPart.consent_withdrawn``): the profile is hidden at once; open
    requests end."""
    if consent.purpose == Purpose.EMPLOYER_PROFILE and consent.recipient_id is None:
        cancel_open_requests([consent.participant_id], by, reason="consent_withdrawn")
