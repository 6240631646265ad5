"""The passports' part of the data-subject rights (see ``quartier.people.rights``).

Export: one row per passport issued. Erasure and anonymisation delete the PDFs;
the records stay, without the file, so a printed passport still verifies as issued.
``setup.register()`` hooks these into ``quartier.people.rights``.
"""

from django_scopes import scopes_disabled

from quartier.competences.passport.models import Passport
from quartier.competences.passport.services import withdraw_passports
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


def erase(participant: Participant, by) -> None:
    withdraw_passports([participant.pk])


def anonymise(participant_ids: list[int]) -> None:
    withdraw_passports(participant_ids)
