"""Registering for offers: one service for staff, residents and businesses, with waiting lists.

``register`` is the only way in. Inside one transaction it locks the offer's
row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises writers anyway),
counts the confirmed places and either confirms the person or puts them at the
end of the waiting list. Two requests for the last place therefore queue at the
lock, and the second one counts the first one's place: an offer is never
over-booked. Unique constraints stop anybody being registered twice.

``cancel`` frees a place and, in the same transaction, moves the first person
on the waiting list up; the mails go out after the commit, in each person's
language (``send_registration_mail``, a django-tasks task taking ids).

Nobody has confirmed the address given on the public form: of what the person typed,
the mails carry only the name (``mail_name``: short, without links), and the first
answer to a public registration goes to one address at most a few times a day
(``may_mail_unconfirmed``), so that the form cannot flood a stranger.

Who may read registrations: the managers of the organising organisation (all
of them), staff of an organisation whose participants are registered (theirs),
a business (its own staff's), and a resident through the unguessable link in
their mail (their own).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.accounts.access import EMPLOYER
from quartier.accounts.audit import log_action
from quartier.learning.models import (
    Offer,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from quartier.learning.offers.access import OFFER_STAFF, managed_organisations
from quartier.learning.offers.feed import calendar_bytes, offer_url, registration_dates
from quartier.lib.mail_names import mail_name
from quartier.lib.public_forms import may_mail_unconfirmed

logger = logging.getLogger(__name__)

CANCEL_SALT = "quartier.learning.registration.cancel"

MAIL_KINDS = ("confirmed", "waiting", "moved_up", "cancelled")
WITH_CALENDAR = ("confirmed", "moved_up")
# The answers to a registration, which anybody can send on the public page.
FIRST_KINDS = ("confirmed", "waiting")


class RegistrationError(ValueError):
    """A registration the rules do not allow; the message is for the user, translated."""


# -- The lock and the count (the concurrency tests replace them) ----------------


def lock_offer(offer_id: int) -> Offer:
    """Lock the offer's row until the transaction ends; returns the fresh row."""
    return Offer.objects.select_for_update().get(pk=offer_id)


def confirmed_count(offer: Offer) -> int:
    return (
        Registration.objects.with_scopes_disabled()
        .filter(offer=offer, status=RegistrationStatus.CONFIRMED)
        .count()
    )


def _next_position(offer: Offer) -> int:
    last = (
        Registration.objects.with_scopes_disabled()
        .filter(offer=offer, status=RegistrationStatus.WAITING)
        .aggregate(last=Max("position"))["last"]
    )
    return (last or 0) + 1


def _duplicate(offer: Offer, participant, email: str, phone: str, business, name: str) -> bool:
    live = (
        Registration.objects.with_scopes_disabled()
        .filter(offer=offer)
        .filter(~Q(status=RegistrationStatus.CANCELLED))
    )
    if participant is not None:
        return live.filter(participant=participant).exists()
    if business is not None:
        return live.filter(business=business, name__iexact=name).exists()
    same = Q(pk__in=[])
    if email:
        same |= Q(email__iexact=email)
    if phone:
        same |= Q(phone=phone, source=RegistrationSource.PUBLIC)
    return live.filter(same).exists()


def _mail_after_commit(registration: Registration, kind: str) -> None:
    if not registration.email:
        return
    transaction.on_commit(lambda: send_registration_mail.enqueue(registration.pk, kind))


def register(
    offer: Offer,
    by=None,
    *,
    participant=None,
    business=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    language: str = "de",
) -> Registration:
    """Register one person for ``offer``: confirmed while places are free, else waiting.

    Exactly one of: ``participant`` (staff, for a participant of their own
    organisation; the caller checks that), ``business`` with ``name`` (an
    employer for its staff), or ``name`` with ``email`` and/or ``phone`` (a
    resident on the public site). Refuses closed offers and anybody already
    registered. Audits, mails the person (if an e-mail is known) after commit.
    """
    name = name.strip()
    email = email.strip().lower()
    phone = phone.strip()
    if participant is not None:
        source = RegistrationSource.STAFF
        name = str(participant)
        language = participant.preferred_language or language
    elif business is not None:
        source = RegistrationSource.BUSINESS
        if not name:
            raise RegistrationError(_("Give the name of the person you register."))
    else:
        source = RegistrationSource.PUBLIC
        if not name:
            raise RegistrationError(_("Please give your name."))
        if not email and not phone:
            raise RegistrationError(_("Please give an e-mail address or a phone number."))
    try:
        with transaction.atomic():
            locked = lock_offer(offer.pk)
            if not locked.registration_open or (not locked.published and source != "staff"):
                raise RegistrationError(_("Registration for this offer is closed."))
            if _duplicate(locked, participant, email, phone, business, name):
                raise RegistrationError(_("This person is already registered for this offer."))
            taken = confirmed_count(locked)
            full = locked.capacity is not None and taken >= locked.capacity
            registration = Registration.objects.create(
                offer=locked,
                status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
                position=_next_position(locked) if full else None,
                source=source,
                participant=participant,
                business=business,
                name=name,
                email=email,
                phone=phone,
                language=language,
                registered_by=by if by is not None and by.is_authenticated else None,
            )
            log_action(
                "learning.registration.created",
                actor=by,
                subject=registration,
                organisation=locked.organisation,
                data={
                    "offer": str(locked.code),
                    "registration": str(registration.code),
                    "status": registration.status,
                    "source": source,
                },
            )
            _mail_after_commit(registration, registration.status)
    except IntegrityError:
        # A parallel request for the same person won the race for the constraint.
        raise RegistrationError(_("This person is already registered for this offer.")) from None
    return registration


def register_participants(offer: Offer, participants, by) -> tuple[list, list[tuple]]:
    """Register several participants; each on their own. Returns (done, [(person, error)])."""
    done, refused = [], []
    for participant in participants:
        try:
            done.append(register(offer, by, participant=participant))
        except RegistrationError as error:
            refused.append((participant, str(error)))
    return done, refused


def _move_up(offer: Offer, by) -> Registration | None:
    """Confirm the first waiting person if a place is free; needs the offer locked."""
    if offer.capacity is not None and confirmed_count(offer) >= offer.capacity:
        return None
    first = (
        Registration.objects.with_scopes_disabled()
        .filter(offer=offer, status=RegistrationStatus.WAITING)
        .order_by("position")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.CONFIRMED
    first.position = None
    first.save(update_fields=["status", "position"])
    log_action(
        "learning.registration.moved_up",
        actor=by,
        subject=first,
        organisation=offer.organisation,
        data={"offer": str(offer.code), "registration": str(first.code)},
    )
    _mail_after_commit(first, "moved_up")
    return first


def fill_from_waiting_list(offer: Offer, by=None) -> list[Registration]:
    """Move people up while places are free (after more places were added)."""
    moved = []
    with transaction.atomic():
        locked = lock_offer(offer.pk)
        while (registration := _move_up(locked, by)) is not None:
            moved.append(registration)
    return moved


def cancel(registration: Registration, by=None) -> Registration | None:
    """Cancel a registration; the first waiting person moves up. Returns who moved up.

    Cancelling twice is refused with a message.
    """
    with transaction.atomic():
        offer = lock_offer(registration.offer_id)
        current = Registration.objects.with_scopes_disabled().get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(_("This registration was already cancelled."))
        was_confirmed = current.status == RegistrationStatus.CONFIRMED
        current.status = RegistrationStatus.CANCELLED
        current.position = None
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "position", "cancelled_at"])
        registration.status, registration.position = current.status, None
        registration.cancelled_at = current.cancelled_at
        log_action(
            "learning.registration.cancelled",
            actor=by,
            subject=current,
            organisation=offer.organisation,
            data={"offer": str(offer.code), "registration": str(current.code)},
        )
        _mail_after_commit(current, "cancelled")
        return _move_up(offer, by) if was_confirmed else None


# -- The cancel link ------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    """Unguessable without the secret key; derived, so nothing secret is stored."""
    return salted_hmac(CANCEL_SALT, str(registration.code), algorithm="sha256").hexdigest()[:40]


def registration_for_token(code, token: str) -> Registration:
    """The registration if the token matches, else 404 (scopes off: the token is the right)."""
    registration = (
        Registration.objects.with_scopes_disabled()
        .select_related("offer", "offer__organisation", "offer__contact_point")
        .filter(code=code)
        .first()
    )
    if registration is None or not constant_time_compare(cancel_token(registration), token):
        raise Http404
    return registration


# -- Who may read which registrations -------------------------------------------


def waiting_rank(registration: Registration) -> int | None:
    """1 for the first person waiting. One query."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        Registration.objects.with_scopes_disabled()
        .filter(
            offer_id=registration.offer_id,
            status=RegistrationStatus.WAITING,
            position__lt=registration.position,
        )
        .count()
        + 1
    )


def with_waiting_rank(queryset: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotate ``rank``: the place on the offer's whole waiting list (1 first), empty
    for anyone not waiting. A subquery per row on the unique (offer, position) index, so
    a page of a long list costs the same as the first; partners who see only their own
    people are told the true place, not the place among theirs."""
    ahead = (
        Registration.objects.with_scopes_disabled()
        .filter(
            offer_id=OuterRef("offer_id"),
            status=RegistrationStatus.WAITING,
            position__lt=OuterRef("position"),
        )
        .order_by()
        .values("offer_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        rank=Case(
            When(
                status=RegistrationStatus.WAITING,
                then=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1,
            ),
            default=None,
            output_field=IntegerField(),
        )
    )


def registrations_visible_to(user, offer: Offer) -> QuerySet[Registration]:
    """All of the offer's registrations for its managers; else those of the user's people.

    Staff of other organisations see their own participants' registrations,
    employers their business's. Not bound to the request's scope: this query is the rule.
    """
    base = Registration.objects.with_scopes_disabled().filter(offer=offer)
    if offer.organisation_id in managed_organisations(user):
        return base
    staff_orgs = OFFER_STAFF.organisations(user)
    businesses = EMPLOYER.organisations(user)
    return base.filter(
        Q(participant__organisation_id__in=staff_orgs) | Q(business_id__in=businesses)
    )


def get_registration(user, code) -> Registration:
    """A registration the user may act on (as in ``registrations_visible_to``), else 404."""
    registration = (
        Registration.objects.with_scopes_disabled()
        .select_related("offer", "offer__organisation", "participant")
        .filter(code=code)
        .first()
    )
    if registration is None:
        raise Http404
    if not registrations_visible_to(user, registration.offer).filter(pk=registration.pk).exists():
        raise Http404
    return registration


# -- The mails (django-tasks; enqueued on commit, taking ids) --------------------


def mail_context(registration: Registration, language: str) -> dict:
    """What every mail about a registration shows; call inside the language override."""
    cancel_path = reverse(
        "learning-public:offer-cancel",
        kwargs={"code": registration.code, "token": cancel_token(registration)},
    )
    offer = registration.offer
    return {
        "registration": registration,
        "offer": offer,
        "title": offer.title_text(language),
        "cancel_url": settings.SITE_URL + cancel_path,
        "offer_url": offer_url(offer, language),
        "resident_name": mail_name(registration.name),
    }


def mail_message(base: str, context: dict, registration: Registration, language: str):
    """Subject, text and HTML from ``base``'s templates, to the registration's address."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[registration.email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message


def registration_mail(registration: Registration, kind: str) -> EmailMultiAlternatives:
    """The mail (subject, text, HTML, .ics for a place) in the registration's language."""
    language = registration.language or settings.LANGUAGE_CODE
    dates = registration_dates(registration)
    with translation.override(language):
        context = {
            **mail_context(registration, language),
            "dates": [d for d in dates if not d.cancelled],
            "rank": waiting_rank(registration),
            "kind": kind,
        }
    message = mail_message(f"learning/emails/offers/{kind}", context, registration, language)
    if kind in WITH_CALENDAR:
        message.attach(
            "offer.ics",
            calendar_bytes(dates, language),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    return message


@task()
def send_registration_mail(registration_id: int, kind: str) -> bool:
    """Send one mail; skipped if the registration changed since (e.g. cancelled meanwhile)."""
    registration = (
        Registration.objects.with_scopes_disabled()
        .select_related("offer", "offer__organisation", "offer__contact_point")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email or kind not in MAIL_KINDS:
        return False
    expected = {
        "confirmed": RegistrationStatus.CONFIRMED,
        "moved_up": RegistrationStatus.CONFIRMED,
        "waiting": RegistrationStatus.WAITING,
        "cancelled": RegistrationStatus.CANCELLED,
    }[kind]
    if registration.status != expected:
        return False
    if (
        kind in FIRST_KINDS
        and registration.source == RegistrationSource.PUBLIC
        and not may_mail_unconfirmed(registration.email)
    ):
        logger.warning(
            "Not sent: the %s mail of registration %s; its address has had %d such mails today",
            kind,
            registration.code,
            settings.UNCONFIRMED_MAILS_PER_DAY,
        )
        return False
    registration_mail(registration, kind).send()
    return True
