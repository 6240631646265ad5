"""Wiring of the sharing part (passport, employer view) into navigation and the person's rights.

Called once from ``CompetencesConfig.ready``; people knows nothing of competences.
"""

from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from quartier.accounts import navigation
from quartier.competences.employers import candidates as employers
from quartier.competences.employers import contact_requests
from quartier.competences.models import ContactRequest, Passport
from quartier.competences.passport.services import withdraw_passports
from quartier.people import consent, rights
from quartier.people.models import Participant


def passport_rows(participant: Participant) -> list[dict]:
    with scopes_disabled():
        return [
            {
                "issued_at": passport.issued_at,
                "verification_code": passport.display_code,
                "languages": passport.languages,
                "profile_version": passport.profile_version,
                "file_deleted": passport.withdrawn_at is not None,
            }
            for passport in Passport.objects.filter(participant=participant).order_by("issued_at")
        ]


def contact_request_rows(participant: Participant) -> list[dict]:
    with scopes_disabled():
        return [
            {
                "employer": item.employer.name,
                "asked_at": item.created_at,
                "message": item.message,
                "status": item.status,
                "answered_at": item.answered_at,
                "answer": item.answer,
            }
            for item in ContactRequest.objects.filter(profile__participant=participant)
            .select_related("employer")
            .order_by("created_at")
        ]


def erase(participant: Participant, by) -> None:
    contact_requests.cancel_open_requests([participant.pk], by, reason="erasure")
    withdraw_passports([participant.pk])


def anonymise(participant_ids: list[int]) -> None:
    contact_requests.cancel_open_requests(participant_ids, None, reason="anonymised")
    withdraw_passports(participant_ids)


def register() -> None:
    consent.register_withdrawal_hook(contact_requests.on_consent_withdrawn)
    rights.register_exporter(
        "competence_passports",
        passport_rows,
        title=_("Competence passports"),
        labels={
            "issued_at": _("Issued"),
            "verification_code": _("Verification code"),
            "languages": _("Languages"),
            "profile_version": _("Profile version"),
            "file_deleted": _("File deleted"),
        },
    )
    rights.register_exporter(
        "employer_contact_requests",
        contact_request_rows,
        title=_("Contact requests from employers"),
        labels={
            "employer": _("Employer"),
            "asked_at": _("Asked on"),
            "message": _("Message"),
            "status": _("Status"),
            "answered_at": _("Answered"),
            "answer": _("Answer to the employer"),
        },
        choices={"status": dict(ContactRequest.Status.choices)},
    )
    rights.register_eraser("competence_sharing", erase)
    rights.register_anonymiser("competence_sharing", anonymise)
    navigation.register(
        navigation.NavItem("competences:candidate-list", _("Candidates"), employers.EMPLOYER, 30)
    )
    navigation.register(
        navigation.NavItem(
            "competences:contact-requests",
            _("Contact requests"),
            contact_requests.ANSWERING,
            40,
        )
    )
