"""Issuing competence passports: the PDF is made in a background task and kept until the profile
changes; its verification code opens a public page that confirms only who issued it, and when.
"""

import hashlib
import logging

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_scopes import scope, scopes_disabled
from django_tasks import task

from quartier.accounts.audit import log_action
from quartier.competences.passport.content import (
    GERMAN,
    cell,
    header,
    passport_languages,
    row,
    sections,
)
from quartier.competences.passport.models import CODE_LENGTH, Passport, normalise_code
from quartier.competences.profile.models import CompetenceProfile
from quartier.competences.profile.services import ensure_profile, with_parts
from quartier.lib.pdf import render_pdf
from quartier.people.models import Participant

logger = logging.getLogger(__name__)

Status = Passport.Status


class PassportError(ValueError):
    pass


def verification_url(code: str) -> str:
    """The public page for ``code``, absolute (it is printed and put in the QR code)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("competences-public:verify", kwargs={"code": code})
    return f"{settings.SITE_URL}{path}"


def printed_for(participant: Participant) -> str:
    """A hash of what the passport prints besides the profile; needs the organisation loaded."""
    printed = "\n".join(
        [
            participant.given_name,
            participant.family_name,
            participant.name_latin,
            participant.organisation.name,
        ]
    )
    return hashlib.sha256(printed.encode()).hexdigest()


def current_passport(participant: Participant, version: int, languages: list[str]):
    """The passport already made (or being made) from this profile version, if any."""
    made = (
        Passport.objects.with_scopes_disabled()
        .filter(
            participant=participant,
            profile_version=version,
            withdrawn_at=None,
            status__in=[Status.QUEUED, Status.RENDERING, Status.READY],
        )
        .order_by("-issued_at", "-pk")
    )
    printed = printed_for(participant)
    return next((p for p in made if p.languages == languages and p.printed_for == printed), None)


def issue_passport(participant: Participant, by) -> tuple[Passport, bool]:
    """Issue a passport of the person's profile as it is now; returns (passport, is_new).

    If one was already made from the same profile version in the same languages
    (and for the same name, by the same organisation), that one is returned and
    nothing is rendered again. Otherwise a new passport (with its own
    verification code) is queued and rendered in the background.
    The caller has checked that ``by`` may issue it (a counsellor of the holding
    organisation).
    """
    if participant.anonymised_at is not None or participant.erasure_requested_at is not None:
        raise PassportError(_("No passport can be issued for an erased record."))
    languages = passport_languages(participant)
    with transaction.atomic():
        profile = ensure_profile(participant, by)
        # Lock the profile: two clicks on "issue" make one passport, not two.
        version = (
            CompetenceProfile.objects.with_scopes_disabled()
            .select_for_update()
            .values_list("version", flat=True)
            .get(pk=profile.pk)
        )
        existing = current_passport(participant, version, languages)
        if existing is not None:
            log_action(
                "competences.passport.reissued",
                actor=by,
                subject=participant,
                data={"passport": str(existing.public_id), "version": version},
            )
            return existing, False
        passport = Passport.objects.with_scopes_disabled().create(
            participant=participant,
            organisation_id=participant.organisation_id,
            languages=languages,
            profile_version=version,
            printed_for=printed_for(participant),
            issued_by=by,
        )
        log_action(
            "competences.passport.issued",
            actor=by,
            subject=participant,
            data={"passport": str(passport.public_id), "version": version, "languages": languages},
        )
        passport_id = passport.pk
        transaction.on_commit(lambda: render_passport_task.enqueue(passport_id))
    return passport, True


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)


def passport_html_context(passport: Passport, profile: CompetenceProfile) -> dict:
    """Everything the passport template needs; ``profile`` must come through ``with_parts``."""
    participant = profile.participant
    languages = passport.languages or [GERMAN]
    url = verification_url(passport.code)
    with translation.override(GERMAN):
        title = str(_("Competence passport"))
    return {
        "title": title,
        "display_code": passport.display_code,
        "columns": len(languages),
        "header": header(languages, participant, passport.organisation, passport.issued_at),
        "sections": sections(profile, languages),
        "empty": row(languages, "competences/passport/_empty.html", lambda _lang: {}),
        "verification": [
            cell(
                language,
                "competences/passport/_verification.html",
                {"code": passport.display_code, "url": url},
            )
            for language in languages
        ],
        "qr_svg": qr_svg(url),
    }


def passport_pdf(passport: Passport) -> bytes:
    """Render the passport from the profile as it is now (the task calls this).

    Sets ``passport.profile_version`` to the version printed; the caller saves it.
    """
    with scopes_disabled():
        profile = (
            with_parts(CompetenceProfile.objects.select_related("participant", "organisation"))
            .filter(participant_id=passport.participant_id)
            .get()
        )
    # The profile may have changed since the passport was queued: record what is printed.
    passport.profile_version = profile.version
    return render_pdf(
        "competences/passport/pdf.html", passport_html_context(passport, profile), GERMAN
    )


def render_passport(passport_id: int) -> Passport | None:
    """Make the passport's PDF; idempotent (a passport is claimed once, by a conditional update)."""
    with scopes_disabled():
        claimed = Passport.objects.filter(pk=passport_id, status=Status.QUEUED).update(
            status=Status.RENDERING
        )
        if claimed != 1:
            logger.info("Passport %s is not queued; nothing to do.", passport_id)
            return None
        passport = Passport.objects.select_related("organisation").get(pk=passport_id)
    with scope(organisation=[passport.organisation_id]):
        try:
            content = passport_pdf(passport)
        except Exception:
            logger.exception("Passport %s could not be rendered.", passport_id)
            Passport.objects.filter(pk=passport_id).update(status=Status.FAILED)
            passport.status = Status.FAILED
            return passport
        with transaction.atomic():
            passport.pdf.save(f"{passport.public_id}.pdf", ContentFile(content), save=False)
            passport.status = Status.READY
            passport.rendered_at = timezone.now()
            passport.save(update_fields=["pdf", "status", "rendered_at", "profile_version"])
    return passport


@task()
def render_passport_task(passport_id: int) -> str:
    """Render one queued passport's PDF; does nothing if it is not queued any more.

    Enqueued on commit by ``issue_passport``. The queue stores the task by its import
    path (``quartier.competences.passport.services.render_passport_task``).
    """
    passport = render_passport(passport_id)
    return passport.status if passport is not None else "skipped"


def read_passport(passport: Passport, by) -> bytes:
    """The PDF's bytes; the download is audited (the passport is personal data)."""
    if not passport.is_ready:
        raise PassportError(_("This passport is not ready."))
    with passport.pdf.open("rb") as handle:
        content = handle.read()
    log_action(
        "competences.passport.downloaded",
        actor=by,
        subject=passport,
        data={"passport": str(passport.public_id)},
    )
    return content


def verify(typed: str) -> Passport | None:
    """The passport a verification code belongs to, with its organisation; None if unknown.

    Codes are random (50 bits), so they cannot be guessed or walked through.
    """
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH:
        return None
    with scopes_disabled():
        return Passport.objects.select_related("organisation").filter(code=code).first()


def passports_of(participant: Participant) -> list[Passport]:
    with scopes_disabled():
        return list(
            Passport.objects.filter(participant=participant)
            .select_related("issued_by")
            .order_by("-issued_at", "-pk")
        )


def withdraw_passports(participant_ids: list[int]) -> int:
    """Delete the PDFs of these people's passports (erasure, anonymisation); idempotent.

    The records stay, without the file, so a printed passport still verifies as
    issued; nothing of the person is left in them.
    """
    with scopes_disabled():
        passports = list(
            Passport.objects.filter(participant_id__in=participant_ids, withdrawn_at=None)
        )
        for passport in passports:
            if passport.pdf:
                passport.pdf.delete(save=False)
        Passport.objects.filter(pk__in=[p.pk for p in passports]).update(
            withdrawn_at=timezone.now(), pdf=""
        )
    return len(passports)
